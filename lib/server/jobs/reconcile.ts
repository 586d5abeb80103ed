import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { isUniqueViolation } from "@/lib/db-errors";
import { emailQueuedEvent, repairId, requestCreatedEvent, requestReleasedEvent, transcriptUploadedEvent, type OutgoingEvent } from "@/lib/domain/events";
import type { RepairKind } from "@/lib/domain/timeline-event";
import { recordEvent } from "@/lib/server/requests/record-event";
import { releaseDeferredRequests, REPAIRED_EVENT_TYPE, RELEASED_EVENT_TYPE } from "@/lib/server/requests/release-deferred";
import { workInFlight } from "./job-runs";
import { enqueueEvents } from "./outbox";
import { signalBackgroundWork } from "./signal";

// The reconciler (contracts §6, product §10): every 5 minutes it looks for work that should have happened and did not,
// and announces it again through the outbox, once per repair:
// - an XML upload without a stored transcript 5 minutes after it was saved (its processing never ran, or failed);
// - a Send-at-End-of-Semester request due for more than a day and not released (the daily release did not run);
// - a request of an Auto-TRMS board with no matching attempt 5 minutes after it arrived or was released;
// - an email still queued 5 minutes after it was queued, or failed (its delivery gave up).
// Work that is in flight (an event not yet dispatched, a run waiting or running) is left alone. Each thing is
// repaired at most MAX_REPAIRS times, each a "repaired" timeline row (for an email: on its request, when it has one);
// after that it waits for an operator (Administration → Background Jobs shows the failed run, with Retry).
// A repair's event id is `<original id>:repair-<n>`: two reconcilers making the same repair add one event.

export const STUCK_AFTER_MS = 5 * 60_000;
export const MAX_REPAIRS = 3;
/** The daily release runs every 24 hours: a request due for longer than this should have been released. */
const RELEASE_OVERDUE_MS = 25 * 60 * 60_000;
/** Auto-TRMS requests older than this are left to the clerks (and to "Re-run matching"), never matched behind them. */
const AUTO_MATCH_WINDOW_MS = 7 * 24 * 60 * 60_000;
const BATCH = 200;

/** Everything above, in one call (tests; the function runs each kind in a step of its own). */
export async function reconcileBackgroundWork(options: { now?: Date } = {}): Promise<Record<RepairKind, number>> {
  const now = options.now ?? new Date();
  return {
    processTranscript: await repairUploads(now),
    release: await repairReleases(now),
    autoMatch: await repairAutoMatches(now),
    email: await repairEmails(now),
  };
}

/** XML uploads that were saved but never became a stored transcript. */
export async function repairUploads(now: Date): Promise<number> {
  const stuck = {
    kind: "XML",
    createdAt: { lt: new Date(now.getTime() - STUCK_AFTER_MS) },
    transcripts: { none: {} },
    request: { status: "TRANSCRIPT_UPLOADED" },
  } satisfies Prisma.UploadedFileWhereInput;
  const files = await db.uploadedFile.findMany({
    where: stuck,
    select: { id: true, requestId: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: BATCH,
  });
  let repaired = 0;
  for (const file of files) {
    // Only the request's latest upload is waiting: an earlier one was handled (or replaced) before it.
    const latest = await db.uploadedFile.findFirst({
      where: { requestId: file.requestId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    if (latest?.id !== file.id) continue;
    const upload = await db.timelineEvent.findFirst({
      where: { requestId: file.requestId, type: "upload", data: { contains: file.id } },
      select: { data: true },
    });
    const source = upload?.data?.includes('"bulk":true') ? "BULK" : "MANUAL";
    const event = transcriptUploadedEvent({ requestId: file.requestId, uploadedFileId: file.id, source });
    const stillNeeded = async () => (await db.uploadedFile.count({ where: { ...stuck, id: file.id } })) > 0;
    if (await repair({ kind: "processTranscript", requestId: file.requestId, marker: file.id, event, now, stillNeeded })) repaired++;
  }
  return repaired;
}

/** Due Send-at-End-of-Semester requests the daily release missed. */
export async function repairReleases(now: Date): Promise<number> {
  const { released } = await releaseDeferredRequests({ now, dueBy: new Date(now.getTime() - RELEASE_OVERDUE_MS), repair: true });
  return released;
}

/** Requests of Auto-TRMS boards that were never tried against the SIS. */
export async function repairAutoMatches(now: Date): Promise<number> {
  const stuck = {
    board: { autoTrmsEnabled: true, autoTrmsUrl: { not: null }, autoTrmsSecret: { not: null } },
    status: "ACTION_REQUIRED",
    createdAt: { lt: new Date(now.getTime() - STUCK_AFTER_MS), gt: new Date(now.getTime() - AUTO_MATCH_WINDOW_MS) },
    autoMatches: { none: {} },
    OR: [
      { sendOption: "SEND_NOW" },
      { sendOption: "END_OF_SEMESTER", events: { some: { type: RELEASED_EVENT_TYPE, createdAt: { lt: new Date(now.getTime() - STUCK_AFTER_MS) } } } },
    ],
  } satisfies Prisma.TranscriptRequestWhereInput;
  const requests = await db.transcriptRequest.findMany({
    where: stuck,
    select: { id: true, referenceNumber: true, boardId: true, sendOption: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: BATCH,
  });
  let repaired = 0;
  for (const r of requests) {
    const data = { requestId: r.id, referenceNumber: r.referenceNumber, boardId: r.boardId };
    const event = r.sendOption === "END_OF_SEMESTER" ? requestReleasedEvent(data) : requestCreatedEvent(data);
    const stillNeeded = async () => (await db.transcriptRequest.count({ where: { ...stuck, id: r.id } })) > 0;
    if (await repair({ kind: "autoMatch", requestId: r.id, marker: r.id, event, now, stillNeeded })) repaired++;
  }
  return repaired;
}

/** Emails whose delivery never ran, or gave up. */
export async function repairEmails(now: Date): Promise<number> {
  let repaired = 0;
  for (const email of await stuckEmails(now)) if (await repairEmail(email, now)) repaired++;
  return repaired;
}

function stuckEmailWhere(now: Date) {
  const before = new Date(now.getTime() - STUCK_AFTER_MS);
  return {
    OR: [
      { status: "QUEUED", createdAt: { lt: before } },
      { status: "FAILED", lastAttemptAt: { lt: before } },
    ],
  } satisfies Prisma.EmailOutboxWhereInput;
}

/** The emails repairEmails would repair, oldest first. */
export async function stuckEmails(now: Date): Promise<{ id: string; requestId: string | null }[]> {
  return db.emailOutbox.findMany({
    where: stuckEmailWhere(now),
    select: { id: true, requestId: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: BATCH,
  });
}

/** Repairs one email listed by stuckEmails, if it still needs it (it may have been repaired and sent since). */
export async function repairEmail(email: { id: string; requestId: string | null }, now: Date): Promise<boolean> {
  const stillNeeded = async () => (await db.emailOutbox.count({ where: { ...stuckEmailWhere(now), id: email.id } })) > 0;
  return repair({ kind: "email", requestId: email.requestId, marker: email.id, event: emailQueuedEvent(email.id), now, stillNeeded });
}

/**
 * Announces `event` again, under its n-th repair id, with a "repaired" timeline row on the request, in one
 * transaction; nothing when its work is in flight, was repaired MAX_REPAIRS times already, or no longer needs it.
 *
 * Two reconcilers (two instances) may list the same thing. The earlier repairs are counted first: a repair the other
 * makes after this count has the same number, and only one of the two is written (the event id is unique). One it
 * made before the count is seen next, in flight (its event or run; workInFlight reads the events before the runs,
 * and an event becomes its run in one transaction) or, once its work has finished, by `stillNeeded`, which asks the
 * database again whether what was listed is still stuck.
 */
async function repair(options: {
  kind: RepairKind;
  requestId: string | null;
  marker: string;
  event: OutgoingEvent;
  now: Date;
  stillNeeded: () => Promise<boolean>;
}): Promise<boolean> {
  const { event, now } = options;
  const earlier = await db.outboxEvent.count({ where: { subject: event.subject, id: { startsWith: `${event.id}:repair-` } } });
  if (earlier >= MAX_REPAIRS) return false;
  if (event.subject && (await workInFlight(event.subject))) return false;
  if (!(await options.stillNeeded())) return false;
  const n = earlier + 1;
  try {
    await db.$transaction(async (tx) => {
      if (options.requestId) {
        await recordEvent(tx, {
          requestId: options.requestId,
          type: REPAIRED_EVENT_TYPE,
          actorLabel: "system",
          data: { repair: options.kind, of: options.marker, attempt: n },
          at: now,
        });
      }
      await enqueueEvents(tx, [{ ...event, id: repairId(event.id, n) }], now);
    });
  } catch (error) {
    // Another reconciler made this very repair first.
    if (isUniqueViolation(error)) return false;
    throw error;
  }
  signalBackgroundWork();
  return true;
}
