import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/roles";
import { requestScope } from "@/lib/auth/scope";
import { autoMatchRetryEvent } from "@/lib/domain/events";
import { fieldErrorsOf } from "@/lib/domain/field-errors";
import { REFERENCE_NUMBER_PATTERN } from "@/lib/domain/reference-number";
import { parseStatusReason } from "@/lib/domain/status-reason";
import { workInFlight } from "@/lib/server/jobs/job-runs";
import { enqueueEvents } from "@/lib/server/jobs/outbox";
import { signalBackgroundWork } from "@/lib/server/jobs/signal";
import { recordEvent } from "@/lib/server/requests/record-event";
import { ExpectedVersionSchema } from "@/lib/server/requests/transition-request";
import { notMatchableNow } from "./match-request";
import { loadSisSettings } from "./sis-settings";

// Retry Auto-TRMS (details page): a request Auto-TRMS left in To Do because the board's SIS could not be reached is
// announced to the auto-match function again, on behalf of a user who may see it. In one transaction: the version
// moves on (a second click from the same page is stale, and the run reads the new one), a timeline row records who
// asked, and the outbox event whose id is made from that row (a new one per retry) starts the run.

export const AUTO_TRMS_RETRY_EVENT_TYPE = "auto_trms_retry";

export const RetryAutoTrmsSchema = z.object({
  referenceNumber: z.string().trim().toUpperCase().regex(REFERENCE_NUMBER_PATTERN),
  expectedVersion: ExpectedVersionSchema,
});
export type RetryAutoTrmsInput = { [K in keyof z.input<typeof RetryAutoTrmsSchema>]?: unknown };

/** Why a request in scope cannot be retried now. */
export type RetryRefusal = "notRetryable" | "notAutoTrms" | "inProgress";

export type RetryAutoTrmsResult =
  | { ok: true; referenceNumber: string; version: number; eventId: string }
  | { ok: false; reason: "notFound" | "stale" | RetryRefusal }
  | { ok: false; reason: "invalid"; fieldErrors: Record<string, string[]> };

type RetryCandidate = { status: string; statusReason: string | null; sendAfter: Date | null };

/** Whether the details page offers Retry Auto-TRMS: an Auto-Process Error for "SIS unavailable", due to be matched. */
export function offersAutoTrmsRetry(request: RetryCandidate, autoTrmsEnabled: boolean, now = new Date()): boolean {
  return autoTrmsEnabled && retryRefusal(request, now) === null;
}

function retryRefusal(request: RetryCandidate, now: Date): "notRetryable" | null {
  if (request.status !== "AUTO_PROCESS_ERROR") return "notRetryable";
  if (parseStatusReason(request.statusReason)?.key !== "sisUnavailable") return "notRetryable";
  if (notMatchableNow({ status: "AUTO_PROCESS_ERROR", sendAfter: request.sendAfter }, now) !== null) return "notRetryable";
  return null;
}

export async function retryAutoTrms(options: {
  actor: Pick<Actor, "id" | "role" | "boardId" | "schoolId">;
  input: RetryAutoTrmsInput;
  now?: Date;
}): Promise<RetryAutoTrmsResult> {
  const { actor } = options;
  const now = options.now ?? new Date();
  const parsed = RetryAutoTrmsSchema.safeParse(options.input);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: fieldErrorsOf(parsed.error.issues) };
  const { referenceNumber, expectedVersion } = parsed.data;
  const scope = requestScope(actor);
  // Unknown and out-of-scope references get the same answer.
  const request = await db.transcriptRequest.findFirst({
    where: { AND: [{ referenceNumber }, scope] },
    select: { id: true, referenceNumber: true, boardId: true, status: true, statusReason: true, sendAfter: true, version: true },
  });
  if (!request) return { ok: false, reason: "notFound" };
  if (request.version !== expectedVersion) return { ok: false, reason: "stale" };
  const refusal = retryRefusal(request, now);
  if (refusal) return { ok: false, reason: refusal };
  // The same conditions as the function's own (a board turned off or not set up would skip the run).
  if (!(await loadSisSettings(request.boardId)).ok) return { ok: false, reason: "notAutoTrms" };
  // An announcement not yet taken, or a run waiting or running, about this request: it will answer first.
  if (await workInFlight(`request:${request.id}`)) return { ok: false, reason: "inProgress" };

  const version = expectedVersion + 1;
  const written = await db.$transaction(async (tx) => {
    // Checked again as it is written: of two retries from one page, or a retry racing a clerk, one wins.
    const updated = await tx.transcriptRequest.updateMany({
      where: { AND: [{ id: request.id, version: expectedVersion, status: "AUTO_PROCESS_ERROR", statusReason: request.statusReason }, scope] },
      data: { version },
    });
    if (updated.count !== 1) return null;
    const row = await recordEvent(tx, {
      requestId: request.id,
      type: AUTO_TRMS_RETRY_EVENT_TYPE,
      actorId: actor.id,
      data: { retry: "autoMatch", version },
      at: now,
    });
    const event = autoMatchRetryEvent({ requestId: request.id, referenceNumber: request.referenceNumber, boardId: request.boardId }, row.id);
    await enqueueEvents(tx, [event], now);
    return { eventId: event.id };
  });
  if (!written) return { ok: false, reason: "stale" };
  signalBackgroundWork();
  return { ok: true, referenceNumber: request.referenceNumber, version, eventId: written.eventId };
}
