import "server-only";
import { requestReleased } from "@/inngest/events";
import { db } from "@/lib/db";
import { STATUSES_BY_TAB } from "@/lib/domain/statuses";
import { sendEvent } from "@/lib/inngest/send-event";

// Send at End of Semester (product §10): a request keeps its send-after date; once the date has passed, the daily
// function `release-deferred-requests` releases it once: a `transcript/request.released` event (Auto-TRMS boards
// match it then) and a "released" timeline entry that marks it done.

export const RELEASED_EVENT_TYPE = "released";
const PAGE_SIZE = 200;

/** Deterministic ids make a repeated release a no-op for the event (deduplicated) and for the timeline (unique). */
export const releasedEventId = (requestId: string) => `request-released-${requestId}`;
const releasedTimelineId = (requestId: string) => `released-${requestId}`;

/**
 * Releases every due request: Send at End of Semester, send-after date passed, still in To Do, not yet released.
 * The event goes out before the timeline mark, so a failure in between re-sends (deduplicated by id) rather than
 * loses it. Safe to run twice at once.
 */
export async function releaseDeferredRequests(options: { now: Date }): Promise<{ released: number }> {
  let released = 0;
  for (;;) {
    const due = await db.transcriptRequest.findMany({
      where: {
        sendOption: "END_OF_SEMESTER",
        sendAfter: { lte: options.now },
        status: { in: [...STATUSES_BY_TAB.TODO] },
        events: { none: { type: RELEASED_EVENT_TYPE } },
      },
      select: { id: true, referenceNumber: true, boardId: true, sendAfter: true },
      orderBy: [{ sendAfter: "asc" }, { id: "asc" }],
      take: PAGE_SIZE,
    });
    if (due.length === 0) return { released };

    await sendEvent(
      due.map((r) => ({
        name: requestReleased.name,
        data: { requestId: r.id, referenceNumber: r.referenceNumber, boardId: r.boardId },
        id: releasedEventId(r.id),
      })),
    );
    for (const r of due) {
      try {
        await db.timelineEvent.create({
          data: {
            id: releasedTimelineId(r.id),
            requestId: r.id,
            type: RELEASED_EVENT_TYPE,
            actorLabel: "system",
            data: JSON.stringify({ sendAfter: r.sendAfter?.toISOString() ?? null }),
          },
        });
        released++;
      } catch (error) {
        // Released meanwhile by a concurrent run: counted there.
        if (!isUniqueViolation(error)) throw error;
      }
    }
  }
}

function isUniqueViolation(error: unknown) {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002";
}
