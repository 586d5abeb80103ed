import "server-only";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import type { Receipt } from "@/lib/domain/transmission/receipt";
import { signalBackgroundWork } from "@/lib/server/jobs/signal";
import { confirmReceived, receiptEntries } from "./transmission-sql";

// A college's receipt for the items of a batch (contracts §4), from the delivery's answer or the receipts API.
// CONFIRMED shows on the request ("Received by {college} on {date}"); RESUBMIT puts the item back for the next night,
// with the reason on the request. Once per batch and reference: the same receipt again changes nothing. All or
// nothing: a receipt naming an unknown batch or reference is refused whole.

export type ApplyReceiptResult =
  { ok: true; applied: number; unchanged: number } | { ok: false; reason: "unknownBatch" } | { ok: false; reason: "unknownReference"; references: string[] };

export async function applyReceipt(options: { receipt: Receipt; via: "response" | "api"; now?: Date }): Promise<ApplyReceiptResult> {
  try {
    return await applyOnce(options);
  } catch (error) {
    // The same receipt at the same moment (two requests of the college): the other one applied it; read again.
    if (isUniqueViolation(error)) return applyOnce(options);
    throw error;
  }
}

async function applyOnce(options: { receipt: Receipt; via: "response" | "api"; now?: Date }): Promise<ApplyReceiptResult> {
  const now = options.now ?? new Date();
  const { receipt } = options;
  const batch = await db.transmissionBatch.findUnique({
    where: { batchId: receipt.batchId },
    select: { id: true, batchId: true, college: { select: { code: true, nameEn: true, nameFr: true } } },
  });
  if (!batch) return { ok: false, reason: "unknownBatch" };
  const entries = new Map((await receiptEntries(batch.id)).map((e) => [e.referenceNumber, e]));
  const unknown = receipt.items.filter((i) => !entries.has(i.referenceNumber)).map((i) => i.referenceNumber);
  if (unknown.length > 0) return { ok: false, reason: "unknownReference", references: unknown };

  // The first line per reference, once per batch: a repeat (in this receipt or an earlier one) changes nothing.
  const lines: Receipt["items"] = [];
  const seen = new Set<string>();
  for (const line of receipt.items) {
    if (seen.has(line.referenceNumber) || entries.get(line.referenceNumber)!.received) continue;
    seen.add(line.referenceNumber);
    lines.push(line);
  }
  if (lines.length === 0) return { ok: true, applied: 0, unchanged: receipt.items.length };

  const rowOf = (status: string, reason?: string) => JSON.stringify({ college: batch.college, batchId: batch.batchId, status, ...(reason ? { reason } : {}) });
  let requeued = false;
  await db.$transaction(async (tx) => {
    // Most receipts confirm a whole batch: in a few statements, whatever its size.
    const confirmed = lines.filter((l) => l.status === "CONFIRMED").map((l) => l.referenceNumber);
    await confirmReceived(tx, { batchRowId: batch.id, references: confirmed, via: options.via, at: now, data: rowOf("CONFIRMED") });
    for (const line of lines.filter((l) => l.status === "RESUBMIT")) {
      const entry = entries.get(line.referenceNumber)!;
      // Asked again: a delivered item goes back to wait for the next night (an item not delivered yet only notes it).
      const again = entry.itemStatus === "DELIVERED";
      await tx.transmissionReceipt.create({
        data: { batchId: batch.id, referenceNumber: line.referenceNumber, status: "RESUBMIT", reason: line.reason ?? null, via: options.via, receivedAt: now },
      });
      await tx.transmissionItem.update({
        where: { id: entry.itemId },
        data: { receipt: "RESUBMIT", receiptReason: line.reason ?? null, receiptAt: now, ...(again ? { status: "PENDING", resubmits: { increment: 1 } } : {}) },
      });
      await tx.timelineEvent.create({
        data: { requestId: entry.requestId, type: "receipt", actorLabel: "system", data: rowOf("RESUBMIT", line.reason), createdAt: now },
      });
      requeued ||= again;
    }
  });
  if (requeued) signalBackgroundWork();
  return { ok: true, applied: lines.length, unchanged: receipt.items.length - lines.length };
}
