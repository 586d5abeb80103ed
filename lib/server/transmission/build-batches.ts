import "server-only";
import { db } from "@/lib/db";
import { torontoDateTime } from "@/lib/domain/business-days";
import { batchDeliveryEvent } from "@/lib/domain/events";
import { BATCH_TAIL, batchHead, pdfItem, xmlItem, type ItemFormat, type TransmissionType } from "@/lib/domain/pesc/academic-record-batch";
import { batchIdOf } from "@/lib/domain/transmission/batch-id";
import { enqueueEvents } from "@/lib/server/jobs/outbox";
import { signalBackgroundWork } from "@/lib/server/jobs/signal";
import { batchStoredName, createStoredFileWriter, readStoredFile, storedFileSize } from "@/lib/server/uploads/storage";
import { isDeliverable } from "./college-endpoint";

// The second step of the nightly transmission (contracts §4): per college, batches of at most 500 items and 20 MB,
// built streaming — the memory holds one item at a time, never the night. A batch is first recorded BUILDING with its
// items (their state BATCHED, in one transaction: an item is in one batch at a time), then its file is written and put
// in place, then it becomes READY with its delivery event (or WAITING_DOWNLOAD for a college without an endpoint). A
// batch left BUILDING by a crash is finished by the next run with the same BatchID and items.

export const MAX_BATCH_ITEMS = 500;
export const MAX_BATCH_BYTES = 20 * 1024 * 1024;

type Limits = { maxItems: number; maxBytes: number };

export type BuildResult = { batches: number; items: number; waitingDownload: number };

/** Builds every batch the night needs; `night` is the run's Toronto date (YYYY-MM-DD). */
export async function buildBatches(options: { night: string; now?: Date; limits?: Partial<Limits> }): Promise<BuildResult> {
  const limits = { maxItems: MAX_BATCH_ITEMS, maxBytes: MAX_BATCH_BYTES, ...options.limits };
  const result: BuildResult = { batches: 0, items: 0, waitingDownload: 0 };
  const count = (built: Built | null) => {
    if (!built) return;
    result.batches++;
    result.items += built.items;
    if (built.status === "WAITING_DOWNLOAD") result.waitingDownload++;
  };

  // First what a crash left half-built.
  const unfinished = await db.transmissionBatch.findMany({ where: { status: "BUILDING" }, select: { id: true }, orderBy: { createdAt: "asc" } });
  for (const b of unfinished) count(await finishBatch(b.id, limits));

  const colleges = await db.college.findMany({
    where: { items: { some: pendingWhere() } },
    select: { id: true, code: true },
    orderBy: { code: "asc" },
  });
  for (const college of colleges) {
    for (;;) {
      const id = await startBatch(college, options.night, limits.maxItems);
      if (!id) break;
      count(await finishBatch(id, limits));
    }
  }
  if (result.batches > 0) signalBackgroundWork();
  return result;
}

/** Items waiting for a batch whose transcript still goes: current, of a request still E-Transcript Sent. */
function pendingWhere() {
  return { status: "PENDING", request: { status: "E_TRANSCRIPT_SENT" as const }, transcript: { isCurrent: true } };
}

/** Records a new BUILDING batch holding up to `maxItems` of the college's waiting items; null when none waits. */
async function startBatch(college: { id: string; code: string }, night: string, maxItems: number): Promise<string | null> {
  return db.$transaction(async (tx) => {
    const items = await tx.transmissionItem.findMany({
      where: { collegeId: college.id, ...pendingWhere() },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: maxItems,
      select: { id: true, transmissionType: true, transcript: { select: { format: true, sha256: true } }, request: { select: { referenceNumber: true } } },
    });
    if (items.length === 0) return null;
    const last = await tx.transmissionBatch.findFirst({ where: { collegeId: college.id, night }, orderBy: { sequence: "desc" }, select: { sequence: true } });
    const sequence = (last?.sequence ?? 0) + 1;
    const batch = await tx.transmissionBatch.create({
      data: { batchId: batchIdOf(college.code, night, sequence), collegeId: college.id, night, sequence, status: "BUILDING" },
      select: { id: true },
    });
    const moved = await tx.transmissionItem.updateMany({
      where: { id: { in: items.map((i) => i.id) }, status: "PENDING" },
      data: { status: "BATCHED", batchId: batch.id },
    });
    if (moved.count !== items.length) throw new Error("transmission items changed while a batch was being started");
    await tx.transmissionEntry.createMany({
      data: items.map((item, i) => ({
        batchId: batch.id,
        itemId: item.id,
        sequence: i + 1,
        referenceNumber: item.request.referenceNumber,
        transmissionType: item.transmissionType,
        format: item.transcript.format,
        sha256: item.transcript.sha256,
      })),
    });
    return batch.id;
  });
}

type Built = { status: "READY" | "WAITING_DOWNLOAD"; items: number };

type EntryRow = {
  sequence: number;
  itemId: string;
  referenceNumber: string;
  transmissionType: string;
  format: string;
  sha256: string;
  item: { transcript: { id: string; storedName: string | null; file: { storedName: string; size: number } | null } };
};

/**
 * Finishes a BUILDING batch: keeps the entries that fit in the size limit (the others go back to waiting), writes the
 * file, and makes the batch READY (with its delivery event) or WAITING_DOWNLOAD, in one transaction.
 */
async function finishBatch(id: string, limits: Limits): Promise<Built | null> {
  const batch = await db.transmissionBatch.findUnique({
    where: { id },
    select: {
      batchId: true,
      night: true,
      status: true,
      college: { select: { code: true, nameEn: true, deliveryUrl: true, deliverySecret: true, deliveryDisabledAt: true, active: true } },
    },
  });
  if (!batch || batch.status !== "BUILDING") return null;
  const entries: EntryRow[] = await db.transmissionEntry.findMany({
    where: { batchId: id },
    orderBy: { sequence: "asc" },
    select: {
      sequence: true,
      itemId: true,
      referenceNumber: true,
      transmissionType: true,
      format: true,
      sha256: true,
      item: { select: { transcript: { select: { id: true, storedName: true, file: { select: { storedName: true, size: true } } } } } },
    },
  });

  // What fits: sizes from what is known without reading the items (an upload's file size, a stored file's size).
  let bytes = 0;
  const kept: EntryRow[] = [];
  for (const entry of entries) {
    const size = await itemSize(entry);
    if (kept.length > 0 && (kept.length >= limits.maxItems || bytes + size > limits.maxBytes)) break;
    kept.push(entry);
    bytes += size;
  }
  const dropped = entries.slice(kept.length);
  if (dropped.length > 0) {
    await db.$transaction([
      db.transmissionEntry.deleteMany({ where: { batchId: id, sequence: { in: dropped.map((e) => e.sequence) } } }),
      db.transmissionItem.updateMany({ where: { id: { in: dropped.map((e) => e.itemId) }, status: "BATCHED" }, data: { status: "PENDING", batchId: null } }),
    ]);
  }

  const builtAt = new Date();
  const storedName = batchStoredName(batch.night, batch.batchId);
  const writer = await createStoredFileWriter(storedName);
  let file;
  try {
    await writer.write(
      batchHead({
        batchId: batch.batchId,
        batchDateTime: torontoDateTime(builtAt),
        destination: { code: batch.college.code, name: batch.college.nameEn },
        items: kept.map((e) => ({
          sequence: e.sequence,
          referenceNumber: e.referenceNumber,
          transmissionType: e.transmissionType as TransmissionType,
          format: e.format as ItemFormat,
          sha256: e.sha256,
        })),
      }),
    );
    for (const entry of kept) await writer.write(await itemText(entry));
    await writer.write(BATCH_TAIL);
    file = await writer.finish();
  } catch (error) {
    await writer.abort();
    throw error;
  }

  const status = isDeliverable(batch.college) ? "READY" : "WAITING_DOWNLOAD";
  await db.$transaction(async (tx) => {
    await tx.transmissionBatch.update({
      where: { id },
      data: { status, itemCount: kept.length, byteSize: file.size, sha256: file.sha256, storedName, builtAt },
    });
    if (status === "READY") await enqueueEvents(tx, [batchDeliveryEvent(batch.batchId, batch.college.code, 0)], builtAt);
  });
  return { status, items: kept.length };
}

async function itemSize(entry: EntryRow): Promise<number> {
  const t = entry.item.transcript;
  const stored = t.storedName ? ((await storedFileSize(t.storedName)) ?? 0) : (t.file?.size ?? Buffer.byteLength(await storedContent(t.id), "utf8"));
  // A PDF travels in base64: 4 bytes for 3.
  return entry.format === "PDF" ? Math.ceil(stored / 3) * 4 + 200 : stored + 200;
}

/**
 * The item's part of the content, read now (one item in memory at a time), from the bytes as received: Auto-TRMS's
 * file, else the uploaded file, else (older rows) the text kept in the row.
 */
async function itemText(entry: EntryRow): Promise<string> {
  const t = entry.item.transcript;
  const name = t.storedName ?? t.file?.storedName ?? null;
  if (entry.format === "PDF") {
    if (!name) throw new Error(`PDF transcript ${t.id} has no file`);
    return pdfItem(entry.sequence, entry.referenceNumber, Buffer.from(await readStoredFile(name)).toString("base64"));
  }
  return xmlItem(name ? await readStoredFile(name) : await storedContent(t.id));
}

async function storedContent(transcriptId: string): Promise<string> {
  const row = await db.storedTranscript.findUniqueOrThrow({ where: { id: transcriptId }, select: { content: true } });
  if (row.content !== null) return row.content;
  throw new Error(`stored transcript ${transcriptId} has no content`);
}
