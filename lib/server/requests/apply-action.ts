import "server-only";
import { fieldErrorsOf } from "@/lib/domain/field-errors";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/roles";
import { requestScope } from "@/lib/auth/scope";
import { REFERENCE_NUMBER_PATTERN } from "@/lib/domain/reference-number";
import { isComplete, NO_UPLOAD_ACTIONS, nextStatus, type NoUploadAction, type RequestStatus } from "@/lib/domain/statuses";
import { signalBackgroundWork } from "@/lib/server/jobs/signal";
import { queueApplicantEmail, type ApplicantEmailOutcome } from "./notify-applicant";
import { ExpectedVersionSchema, transitionRequest } from "./transition-request";

/** The no-upload action form: which request, which action, and the version of the request the form showed. */
export const ApplyActionSchema = z.object({
  referenceNumber: z.string().trim().toUpperCase().regex(REFERENCE_NUMBER_PATTERN),
  action: z.enum(NO_UPLOAD_ACTIONS, "respond.errors.chooseResponse"),
  expectedVersion: ExpectedVersionSchema,
});
/** What a form sends: anything, checked here by the schema (the one layer that validates input). */
export type ApplyActionInput = { [K in keyof z.input<typeof ApplyActionSchema>]?: unknown };

type ActionActor = Pick<Actor, "id" | "role" | "boardId" | "schoolId">;

export type ApplyActionResult =
  | {
      ok: true;
      referenceNumber: string;
      action: NoUploadAction;
      from: RequestStatus;
      to: RequestStatus;
      version: number;
      /** The same action by the same user on the same version, already recorded (a retried submit). */
      repeated: boolean;
      email: ApplicantEmailOutcome | null;
    }
  | { ok: false; reason: "invalid"; fieldErrors: Record<string, string[]> }
  | { ok: false; reason: "notFound" | "stale" }
  | { ok: false; reason: "invalidTransition"; status: RequestStatus }
  | { ok: false; reason: "notBeforeSendAfter"; sendAfter: Date };

/**
 * Records a no-upload action (Paper Transcript Sent, Student Not Found, No Academic Data, Financial Hold) on a
 * request in the actor's scope: the transition must be allowed from the current status (lib/domain/statuses.ts),
 * the form must not be stale, and a request to send at the end of the semester cannot be completed before its
 * send-after date. Status, timeline and the applicant's email (queued, with its event) change in one transaction.
 */
export async function applyAction(options: { actor: ActionActor; input: ApplyActionInput; now?: Date }): Promise<ApplyActionResult> {
  const { actor } = options;
  const now = options.now ?? new Date();
  const parsed = ApplyActionSchema.safeParse(options.input);
  if (!parsed.success) {
    return { ok: false, reason: "invalid", fieldErrors: fieldErrorsOf(parsed.error.issues) };
  }
  const { referenceNumber, action, expectedVersion } = parsed.data;

  const request = await db.transcriptRequest.findFirst({
    where: { AND: [{ referenceNumber }, requestScope(actor)] },
    select: { id: true, status: true, version: true, sendOption: true, sendAfter: true },
  });
  if (!request) return { ok: false, reason: "notFound" };

  if (request.version !== expectedVersion) {
    const repeat = await sameActionRecorded({ requestId: request.id, actorId: actor.id, action, version: expectedVersion + 1 }, request.version);
    if (!repeat) return { ok: false, reason: "stale" };
    // A retried submit of what already happened (its email was queued with it): say it is done.
    return { ok: true, referenceNumber, action, from: repeat.from, to: request.status, version: request.version, repeated: true, email: null };
  }

  const to = nextStatus(request.status, "NO_UPLOAD", action);
  if (!to) return { ok: false, reason: "invalidTransition", status: request.status };
  if (isComplete(to) && request.sendOption === "END_OF_SEMESTER" && request.sendAfter && request.sendAfter > now) {
    return { ok: false, reason: "notBeforeSendAfter", sendAfter: request.sendAfter };
  }

  let email: ApplicantEmailOutcome | null = null;
  const changed = await transitionRequest({
    actor,
    request,
    expectedVersion,
    to,
    now,
    event: { type: "action", data: { action } },
    effects: async (tx, { version }) => {
      email = await queueApplicantEmail(tx, { requestId: request.id, action, version, actorId: actor.id, now });
    },
  });
  if (!changed.ok) return { ok: false, reason: "stale" };
  if (email) signalBackgroundWork();
  return { ok: true, referenceNumber, action, from: request.status, to, version: changed.version, repeated: false, email };
}

/** The latest timeline action, when it is this very action by this user and led to the request's current version. */
async function sameActionRecorded(wanted: { requestId: string; actorId: string; action: NoUploadAction; version: number }, currentVersion: number) {
  if (currentVersion !== wanted.version) return null;
  const latest = await db.timelineEvent.findFirst({
    where: { requestId: wanted.requestId, type: "action" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { actorId: true, data: true },
  });
  if (!latest || latest.actorId !== wanted.actorId || !latest.data) return null;
  let data: { action?: unknown; version?: unknown; from?: unknown };
  try {
    data = JSON.parse(latest.data) as typeof data;
  } catch {
    return null;
  }
  if (data.action !== wanted.action || data.version !== wanted.version) return null;
  return { from: data.from as RequestStatus };
}
