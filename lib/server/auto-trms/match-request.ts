import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { RequestStatus } from "@/lib/domain/statuses";
import { callSis, type CallSisOptions } from "@/lib/sis/call-sis";
import { decideWithoutTranscript, type AutoMatchOutcome, type AutoMatchVerdict } from "@/lib/sis/outcome";
import { checkTranscript } from "@/lib/sis/pesc-pool";
import { buildSisQuery } from "@/lib/sis/protocol";
import { requestIdentity } from "@/lib/server/uploads/compare-upload";
import { loadSisSettings, type SisSettings } from "./sis-settings";
import { writeOutcomes, type DecidedMatch, type OutcomeWriter } from "./write-outcomes";

// Auto-TRMS for one request (product §6, contracts §2): asks the board's SIS, checks a transcript exactly as a
// manual upload, and either stores it and completes the request (E-Transcript Sent, joins the nightly transmission
// as the request's current transcript) or leaves the request in To Do as Auto-Process Error with the reason. Each
// attempt is recorded (AutoMatchAttempt) with its timeline row.
//
// Idempotent: the transition checks the status and version read before the call, so a repeated event, a retried
// run or a rematch racing the intake event completes a request at most once (the loser's transaction rolls back,
// transcript included) and a request someone acted on meanwhile is left alone.

export type AutoMatchTrigger = "created" | "released" | "rematch" | "retry";

/** The statuses Auto-TRMS may act on: the To Do statuses (a person has not taken the request elsewhere). */
export const AUTO_MATCHABLE_STATUSES = ["ACTION_REQUIRED", "AUTO_PROCESS_ERROR"] as const satisfies readonly RequestStatus[];

export type SkipReason = "unknownRequest" | "unknownBoard" | "notAutoTrms" | "notConfigured" | "notMatchable" | "deferred";

export type AutoMatchResult =
  { status: "skipped"; why: SkipReason } | { status: "done"; outcome: AutoMatchOutcome; attemptId: string; httpStatus: number | null; transcriptId?: string };

/** Tuning of the SIS call (tests shorten the time limit and the back-off). */
export type SisCallTuning = Partial<Pick<CallSisOptions, "timeoutMs" | "retries" | "backoffMs" | "limiter">>;

export const MATCHABLE_SELECT = {
  id: true,
  referenceNumber: true,
  requestType: true,
  status: true,
  version: true,
  boardId: true,
  firstName: true,
  lastName: true,
  oen: true,
  lastAttended: true,
  sendAfter: true,
  applicant: { select: { middleName: true, formerLastName: true, dateOfBirth: true, gender: true, studentNumber: true } },
  school: { select: { mident: true } },
  // A transcript is only ever stored together with a status change, so while the version holds these are still the
  // current ones when the match is written.
  transcripts: { where: { isCurrent: true }, select: { id: true } },
} satisfies Prisma.TranscriptRequestSelect;

export type MatchableRequest = Prisma.TranscriptRequestGetPayload<{ select: typeof MATCHABLE_SELECT }>;

/** Why a loaded request is not to be matched now; null when it is. */
export function notMatchableNow(request: Pick<MatchableRequest, "status" | "sendAfter">, now: Date): "notMatchable" | "deferred" | null {
  if (!(AUTO_MATCHABLE_STATUSES as readonly string[]).includes(request.status)) return "notMatchable";
  // Send at End of Semester: matched when it becomes due (transcript/request.released), never before.
  if (request.sendAfter && request.sendAfter > now) return "deferred";
  return null;
}

/** Entry point of the auto-match function: one request, by id, from an event. */
export async function autoMatchRequest(options: { requestId: string; trigger: AutoMatchTrigger; now?: Date; sis?: SisCallTuning }): Promise<AutoMatchResult> {
  const now = options.now ?? new Date();
  const request = await db.transcriptRequest.findUnique({ where: { id: options.requestId }, select: MATCHABLE_SELECT });
  if (!request) return { status: "skipped", why: "unknownRequest" };
  const settings = await loadSisSettings(request.boardId);
  // A board without Auto-TRMS (or not set up yet): the request waits in To Do as Action Required for a person.
  if (!settings.ok) return { status: "skipped", why: settings.why };
  const notNow = notMatchableNow(request, now);
  if (notNow) return { status: "skipped", why: notNow };
  return matchLoadedRequest({ request, settings: settings.settings, trigger: options.trigger, now: options.now, sis: options.sis });
}

/**
 * Matches a request already loaded (with MATCHABLE_SELECT) and checked with notMatchableNow, for a board whose
 * settings are loaded: the rematch loads a batch at once, and passes a writer that commits its outcomes in groups.
 */
export async function matchLoadedRequest(options: {
  request: MatchableRequest;
  settings: SisSettings;
  trigger: AutoMatchTrigger;
  /** Fixed time for the status change and the attempt (tests); otherwise the clock. */
  now?: Date;
  sis?: SisCallTuning;
  writer?: OutcomeWriter;
}): Promise<Extract<AutoMatchResult, { status: "done" }>> {
  const { request, settings, trigger } = options;
  const clock = clockFrom(options.now);
  const startedAt = clock();
  const call = await callSis({
    ...options.sis,
    url: settings.url,
    secret: settings.secret,
    boardKey: settings.boardId,
    query: buildSisQuery(request),
  });
  // A transcript is checked on a worker thread when there is one (lib/sis/pesc-pool.ts): the same decision.
  const identity = requestIdentity(request);
  const decision: AutoMatchVerdict =
    call.answer.kind === "transcript" ? await checkTranscript(call.answer.xml, identity) : decideWithoutTranscript(call.answer, identity);
  const decided: DecidedMatch = { request, trigger, decision, httpStatus: call.httpStatus, sisAttempts: call.attempts, startedAt, finishedAt: clock() };
  return options.writer ? options.writer.write(decided) : (await writeOutcomes([decided]))[0]!;
}

function clockFrom(fixed: Date | undefined): () => Date {
  if (!fixed) return () => new Date();
  const offset = fixed.getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}
