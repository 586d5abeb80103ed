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
import { batchEntries, claimPendingItems, insertEntries, type EntryRow } from "./transmission-sql";

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

/** Items waiting for a batch whose transcript still goes: current, of a request still E-Transcript Sent (as
 * claimPendingItems says it in SQL). */
function pendingWhere() {
  return { status: "PENDING", request: { status: "E_TRANSCRIPT_SENT" as const }, transcript: { isCurrent: true } };
}

/** Records a new BUILDING batch holding up to `maxItems` of the college's waiting items; null when none waits. */
async function startBatch(college: { id: string; code: string }, night: string, maxItems: number): Promise<string | null> {
  return db.$transaction(async (tx) => {
    const waiting = await tx.transmissionItem.findFirst({ where: { collegeId: college.id, ...pendingWhere() }, select: { id: true } });
    if (!waiting) return null;
    const last = await tx.transmissionBatch.findFirst({ where: { collegeId: college.id, night }, orderBy: { sequence: "desc" }, select: { sequence: true } });
    const sequence = (last?.sequence ?? 0) + 1;
    const batch = await tx.transmissionBatch.create({
      data: { batchId: batchIdOf(college.code, night, sequence), collegeId: college.id, night, sequence, status: "BUILDING" },
      select: { id: true },
    });
    // The oldest waiting items (at most maxItems) move into the batch, then get their manifest lines, in two statements.
    const moved = await claimPendingItems(tx, { collegeId: college.id, batchRowId: batch.id, maxItems });
    if ((await insertEntries(tx, batch.id)) !== moved) throw new Error("transmission items changed while a batch was being started");
    return batch.id;
  });
}

type Built = { status: "READY" | "WAITING_DOWNLOAD"; items: number };

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
  const entries = await batchEntries(id);
  // What fits, by the items' sizes (a file's size, or the length of the text kept in the row, read in chunks); a file
  // that still comes out too large (a UTF-16 transcript grows in UTF-8) is written again with one item fewer.
  const sizes = await itemSizes(entries);
  let fits = 0;
  let estimate = HEAD_BYTES;
  while (fits < entries.length && fits < limits.maxItems && (fits === 0 || estimate + sizes[fits]! <= limits.maxBytes)) estimate += sizes[fits++]!;

  const builtAt = new Date();
  const storedName = batchStoredName(batch.night, batch.batchId);
  let file = await writeBatchFile(storedName, batch, entries.slice(0, fits), builtAt);
  while (file.size > limits.maxBytes && fits > 1) {
    fits--;
    file = await writeBatchFile(storedName, batch, entries.slice(0, fits), builtAt);
  }
  const dropped = entries.slice(fits);
  if (dropped.length > 0) {
    await db.$transaction([
      db.transmissionEntry.deleteMany({ where: { batchId: id, sequence: { in: dropped.map((e) => e.sequence) } } }),
      db.transmissionItem.updateMany({ where: { id: { in: dropped.map((e) => e.itemId) }, status: "BATCHED" }, data: { status: "PENDING", batchId: null } }),
    ]);
  }

  const status = isDeliverable(batch.college) ? "READY" : "WAITING_DOWNLOAD";
  await db.$transaction(async (tx) => {
    await tx.transmissionBatch.update({
      where: { id },
      data: { status, itemCount: fits, byteSize: file.size, sha256: file.sha256, storedName, builtAt },
    });
    if (status === "READY") await enqueueEvents(tx, [batchDeliveryEvent(batch.batchId, batch.college.code, 0)], builtAt);
  });
  return { status, items: fits };
}

/** What the envelope takes besides the items' manifest lines. */
const HEAD_BYTES = 1_024;
/** Per item besides its content: its manifest line and, for a PDF, its element. */
const ITEM_OVERHEAD_BYTES = 300;
/** Transcripts whose text is read from the database at once. */
const CHUNK = 50;

/** Each entry's bytes in the batch, estimated from what is stored (a PDF travels in base64: 4 bytes for 3). */
async function itemSizes(entries: readonly EntryRow[]): Promise<number[]> {
  const sizes: number[] = [];
  for (const entry of entries) {
    const stored = entry.size ?? (entry.storedName ? ((await storedFileSize(entry.storedName)) ?? 0) : 0);
    sizes.push((entry.format === "PDF" ? Math.ceil(stored / 3) * 4 : stored) + ITEM_OVERHEAD_BYTES);
  }
  return sizes;
}

/** Writes the batch file (in place of an earlier try): head with the manifest, the items read in chunks, the tail. */
async function writeBatchFile(
  storedName: string,
  batch: { batchId: string; college: { code: string; nameEn: string } },
  entries: readonly EntryRow[],
  builtAt: Date,
) {
  const writer = await createStoredFileWriter(storedName);
  try {
    await writer.write(
      batchHead({
        batchId: batch.batchId,
        batchDateTime: torontoDateTime(builtAt),
        destination: { code: batch.college.code, name: batch.college.nameEn },
        items: entries.map((e) => ({
          sequence: e.sequence,
          referenceNumber: e.referenceNumber,
          transmissionType: e.transmissionType as TransmissionType,
          format: e.format as ItemFormat,
          sha256: e.sha256,
        })),
      }),
    );
    for (let from = 0; from < entries.length; from += CHUNK) {
      const chunk = entries.slice(from, from + CHUNK);
      const texts = await contentsOf(chunk.filter((e) => !e.storedName).map((e) => e.transcriptId));
      let part = "";
      for (const entry of chunk) part += await itemText(entry, texts);
      await writer.write(part);
    }
    await writer.write(BATCH_TAIL);
    return await writer.finish();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

/** The item's part of the content, from the bytes as received (one file in memory at a time). */
async function itemText(entry: EntryRow, texts: ReadonlyMap<string, string>): Promise<string> {
  const name = entry.storedName;
  if (entry.format === "PDF") {
    if (!name) throw new Error(`PDF transcript ${entry.transcriptId} has no file`);
    return pdfItem(entry.sequence, entry.referenceNumber, Buffer.from(await readStoredFile(name)).toString("base64"));
  }
  if (name) return xmlItem(await readStoredFile(name));
  const text = texts.get(entry.transcriptId);
  if (text === undefined) throw new Error(`stored transcript ${entry.transcriptId} has no content`);
  return xmlItem(text);
}

/** The text kept in the row of transcripts without a file (older rows), by id. */
async function contentsOf(ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.storedTranscript.findMany({ where: { id: { in: [...ids] } }, select: { id: true, content: true } });
  return new Map(rows.flatMap((r) => (r.content === null ? [] : [[r.id, r.content] as const])));
}
