import "server-only";
import { db } from "@/lib/db";
import { batchDeliveryEvent } from "@/lib/domain/events";
import { DELIVERABLE_BATCH_STATES } from "@/lib/domain/transmission/item-state";
import { enqueueEvents } from "@/lib/server/jobs/outbox";
import { signalBackgroundWork } from "@/lib/server/jobs/signal";
import { deliverableCollegeWhere } from "./college-endpoint";

// The last step of the nightly transmission: every batch built before tonight and not delivered — a failed night, an
// endpoint that answered 410 and was saved again since, a college given an endpoint after its batches waited for
// download — is announced again to the delivery function, to go as it is (same BatchID, same bytes). The event's id
// carries the attempts made so far: a step retried announces nothing twice, a later night announces again.

const PAGE = 500;

export async function announceUndeliveredBatches(options: { builtBefore: Date }): Promise<{ announced: number }> {
  let announced = 0;
  let after: string | null = null;
  for (;;) {
    const batches: { id: string; batchId: string; attempts: number; college: { code: string } }[] = await db.transmissionBatch.findMany({
      where: {
        status: { in: [...DELIVERABLE_BATCH_STATES] },
        builtAt: { lt: options.builtBefore },
        college: deliverableCollegeWhere(),
        ...(after ? { id: { gt: after } } : {}),
      },
      orderBy: { id: "asc" },
      take: PAGE,
      select: { id: true, batchId: true, attempts: true, college: { select: { code: true } } },
    });
    if (batches.length === 0) break;
    await db.$transaction(async (tx) => {
      const events = batches.map((b) => batchDeliveryEvent(b.batchId, b.college.code, b.attempts + 1));
      const known = new Set((await tx.outboxEvent.findMany({ where: { id: { in: events.map((e) => e.id) } }, select: { id: true } })).map((e) => e.id));
      const fresh = events.filter((e) => !known.has(e.id));
      await enqueueEvents(tx, fresh, new Date());
      announced += fresh.length;
    });
    after = batches.at(-1)!.id;
  }
  if (announced > 0) signalBackgroundWork();
  return { announced };
}
