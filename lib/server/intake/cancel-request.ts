import "server-only";
import { db } from "@/lib/db";
import { nextStatus, tabOfStatus, type RequestStatus } from "@/lib/domain/statuses";
import { INTAKE_ACTOR_LABEL } from "@/lib/server/intake/create-request";
import { dropUndeliveredItems } from "@/lib/server/transmission/drop-items";

// POST /api/v1/transcript-requests/{requestNumber}/cancel (contracts §5): the applicant cancelled with the
// application service.

export type CancelResult =
  /** `alreadyCancelled`: a repeated call; nothing changed. */
  | { kind: "cancelled" | "alreadyCancelled"; referenceNumber: string; status: "REQUEST_CANCELLED" }
  | { kind: "notFound" }
  /** Complete (a transcript was sent): too late to cancel. */
  | { kind: "notCancellable"; referenceNumber: string; status: RequestStatus };

// A state change by a user at the same moment makes the version check fail; read again and decide again.
const MAX_ATTEMPTS = 3;

export async function cancelIntakeRequest(options: { requestNumber: string; now?: Date }): Promise<CancelResult> {
  for (let attempt = 1; ; attempt++) {
    const request = await db.transcriptRequest.findUnique({
      where: { requestNumber: options.requestNumber },
      select: { id: true, referenceNumber: true, status: true, version: true },
    });
    if (!request) return { kind: "notFound" };
    const from = request.status as RequestStatus;
    if (from === "REQUEST_CANCELLED") return { kind: "alreadyCancelled", referenceNumber: request.referenceNumber, status: from };
    const to = nextStatus(from, "CANCEL");
    if (to === null) return { kind: "notCancellable", referenceNumber: request.referenceNumber, status: from };

    const now = options.now ?? new Date();
    const changed = await db.$transaction(async (tx) => {
      const { count } = await tx.transcriptRequest.updateMany({
        where: { id: request.id, version: request.version, status: from },
        // As an administrator's cancellation (lib/server/requests/transition-request.ts): no reason, complete now.
        data: { status: to, tab: tabOfStatus(to), statusReason: null, statusChangedAt: now, completedAt: now, version: { increment: 1 } },
      });
      if (count === 0) return false;
      await dropUndeliveredItems(tx, [request.id]);
      await tx.timelineEvent.create({
        data: {
          requestId: request.id,
          type: "cancelled",
          actorLabel: INTAKE_ACTOR_LABEL,
          data: JSON.stringify({ from, to, version: request.version + 1 }),
          createdAt: now,
        },
      });
      return true;
    });
    if (changed) return { kind: "cancelled", referenceNumber: request.referenceNumber, status: "REQUEST_CANCELLED" };
    if (attempt >= MAX_ATTEMPTS) throw new Error(`request ${request.referenceNumber} kept changing while being cancelled`);
  }
}
