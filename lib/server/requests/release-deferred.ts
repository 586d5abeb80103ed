import "server-only";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { requestReleasedEvent } from "@/lib/domain/events";
import { STATUSES_BY_TAB } from "@/lib/domain/statuses";
import { enqueueEvents } from "@/lib/server/jobs/outbox";
import { signalBackgroundWork } from "@/lib/server/jobs/signal";
import { recordEvent } from "./record-event";

// Send at End of Semester (product §10): a request keeps its send-after date; once the date has passed, the daily
// function `release-deferred-requests` releases it once: a "released" timeline entry and a
// `transcript/request.released` event (Auto-TRMS boards match it then), written in one transaction.

export const RELEASED_EVENT_TYPE = "released";
export const REPAIRED_EVENT_TYPE = "repaired";
const PAGE_SIZE = 200;

/** A deterministic id makes a repeated release a no-op: the timeline row is unique per request. */
const releasedTimelineId = (requestId: string) => `released-${requestId}`;

/**
 * Releases every request due by `dueBy` (default `now`): Send at End of Semester, send-after date passed, still in
 * To Do, not yet released. Safe to run twice at once: a request released meanwhile is skipped. `repair` marks the
 * releases the reconciler makes (lib/server/jobs/reconcile.ts) with a "repaired" timeline entry.
 */
export async function releaseDeferredRequests(options: { now: Date; dueBy?: Date; repair?: boolean }): Promise<{ released: number }> {
  const dueBy = options.dueBy ?? options.now;
  let released = 0;
  let after: { sendAfter: Date; id: string } | null = null;
  for (;;) {
    const due: { id: string; referenceNumber: string; boardId: string; sendAfter: Date | null }[] = await db.transcriptRequest.findMany({
      where: {
        sendOption: "END_OF_SEMESTER",
        sendAfter: { lte: dueBy },
        status: { in: [...STATUSES_BY_TAB.TODO] },
        events: { none: { type: RELEASED_EVENT_TYPE } },
        ...(after ? { OR: [{ sendAfter: { gt: after.sendAfter } }, { sendAfter: after.sendAfter, id: { gt: after.id } }] } : {}),
      },
      select: { id: true, referenceNumber: true, boardId: true, sendAfter: true },
      orderBy: [{ sendAfter: "asc" }, { id: "asc" }],
      take: PAGE_SIZE,
    });
    if (due.length === 0) break;
    for (const r of due) {
      if (await releaseOne(r, options)) released++;
    }
    const last = due.at(-1)!;
    after = { sendAfter: last.sendAfter!, id: last.id };
  }
  if (released > 0) signalBackgroundWork();
  return { released };
}

async function releaseOne(r: { id: string; referenceNumber: string; boardId: string; sendAfter: Date | null }, options: { now: Date; repair?: boolean }) {
  try {
    await db.$transaction(async (tx) => {
      await tx.timelineEvent.create({
        data: {
          id: releasedTimelineId(r.id),
          requestId: r.id,
          type: RELEASED_EVENT_TYPE,
          actorLabel: "system",
          data: JSON.stringify({ sendAfter: r.sendAfter?.toISOString() ?? null }),
          createdAt: options.now,
        },
      });
      if (options.repair)
        await recordEvent(tx, { requestId: r.id, type: REPAIRED_EVENT_TYPE, actorLabel: "system", data: { repair: "release" }, at: options.now });
      await enqueueEvents(tx, [requestReleasedEvent({ requestId: r.id, referenceNumber: r.referenceNumber, boardId: r.boardId })], options.now);
    });
    return true;
  } catch (error) {
    // Released meanwhile by a concurrent run: counted there.
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}
