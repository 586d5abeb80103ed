import "server-only";
import { db } from "@/lib/db";
import type { Receipt } from "@/lib/domain/transmission/receipt";
import { signalBackgroundWork } from "@/lib/server/jobs/signal";

// A college's receipt for the items of a batch (contracts §4), from the delivery's answer or the receipts API.
// CONFIRMED shows on the request ("Received by {college} on {date}"); RESUBMIT puts the item back for the next night,
// with the reason on the request. Once per batch and reference: the same receipt again changes nothing. All or
// nothing: a receipt naming an unknown batch or reference is refused whole.

export type ApplyReceiptResult =
  { ok: true; applied: number; unchanged: number } | { ok: false; reason: "unknownBatch" } | { ok: false; reason: "unknownReference"; references: string[] };

export async function applyReceipt(options: { receipt: Receipt; via: "response" | "api"; now?: Date }): Promise<ApplyReceiptResult> {
  const now = options.now ?? new Date();
  const { receipt } = options;
  const batch = await db.transmissionBatch.findUnique({
    where: { batchId: receipt.batchId },
    select: {
      id: true,
      batchId: true,
      college: { select: { code: true, nameEn: true, nameFr: true } },
      entries: { select: { referenceNumber: true, itemId: true } },
    },
  });
  if (!batch) return { ok: false, reason: "unknownBatch" };
  const itemOf = new Map(batch.entries.map((e) => [e.referenceNumber, e.itemId]));
  const unknown = receipt.items.filter((i) => !itemOf.has(i.referenceNumber)).map((i) => i.referenceNumber);
  if (unknown.length > 0) return { ok: false, reason: "unknownReference", references: unknown };

  let applied = 0;
  let requeued = false;
  await db.$transaction(async (tx) => {
    const seen = new Set(
      (
        await tx.transmissionReceipt.findMany({
          where: { batchId: batch.id, referenceNumber: { in: receipt.items.map((i) => i.referenceNumber) } },
          select: { referenceNumber: true },
        })
      ).map((r) => r.referenceNumber),
    );
    for (const line of receipt.items) {
      if (seen.has(line.referenceNumber)) continue;
      seen.add(line.referenceNumber);
      const itemId = itemOf.get(line.referenceNumber)!;
      await tx.transmissionReceipt.create({
        data: { batchId: batch.id, referenceNumber: line.referenceNumber, status: line.status, reason: line.reason ?? null, via: options.via, receivedAt: now },
      });
      const item = await tx.transmissionItem.findUniqueOrThrow({ where: { id: itemId }, select: { requestId: true, status: true } });
      if (line.status === "RESUBMIT" && item.status === "DELIVERED") {
        await tx.transmissionItem.update({
          where: { id: itemId },
          data: { status: "PENDING", receipt: "RESUBMIT", receiptReason: line.reason ?? null, receiptAt: now, resubmits: { increment: 1 } },
        });
        requeued = true;
      } else {
        await tx.transmissionItem.update({ where: { id: itemId }, data: { receipt: line.status, receiptReason: line.reason ?? null, receiptAt: now } });
      }
      await tx.timelineEvent.create({
        data: {
          requestId: item.requestId,
          type: "receipt",
          actorLabel: "system",
          data: JSON.stringify({ college: batch.college, batchId: batch.batchId, status: line.status, ...(line.reason ? { reason: line.reason } : {}) }),
          createdAt: now,
        },
      });
      applied++;
    }
  });
  if (requeued) signalBackgroundWork();
  return { ok: true, applied, unchanged: receipt.items.length - applied };
}
