import "server-only";
import { db, type DbOrTx } from "@/lib/db";
import { isPostgres } from "@/lib/database-url.mjs";
import { env } from "@/lib/env";
import { SqlParams, type Dialect } from "@/lib/server/sql/request-sql";

// The set-based statements of the nightly transmission (docs/decisions/0015): a night is hundreds of thousands of
// items, and one row at a time through the ORM costs more than the whole of the rest. Each statement does, in the
// database, what the ORM would do row by row; values are parameters; the same SQL serves SQLite and PostgreSQL
// (booleans are tested as they are stored, timestamps pass through SqlParams).

const dialect = (): Dialect => (isPostgres(env().DATABASE_URL) ? "postgresql" : "sqlite");

/**
 * One item per destination college for every current transcript of a request in E-Transcript Sent that has none yet
 * (a re-upload's transcript is new, so it gets its own, as a Reissue). Returns how many were created.
 */
export async function insertNewItems(client: DbOrTx, now: Date): Promise<number> {
  const params = new SqlParams(dialect());
  const at = params.add(now, "timestamp");
  return client.$executeRawUnsafe(
    `INSERT INTO "TransmissionItem" ("id", "transcriptId", "collegeId", "requestId", "status", "transmissionType", "resubmits", "createdAt")
     SELECT t."id" || ':' || d."collegeId", t."id", d."collegeId", t."requestId", 'PENDING',
            CASE WHEN t."isReissue" THEN 'Reissue' ELSE 'Original' END, 0, ${at}
       FROM "StoredTranscript" t
       JOIN "TranscriptRequest" r ON r."id" = t."requestId"
       JOIN "RequestDestination" d ON d."requestId" = t."requestId"
      WHERE t."isCurrent" AND r."status" = 'E_TRANSCRIPT_SENT'
        AND NOT EXISTS (SELECT 1 FROM "TransmissionItem" i WHERE i."transcriptId" = t."id")
     ON CONFLICT DO NOTHING`,
    ...params.values,
  );
}

/**
 * Moves a college's oldest waiting items (at most `maxItems`) into a batch: items whose transcript still goes (current,
 * of a request still E-Transcript Sent). Returns how many.
 */
export async function claimPendingItems(client: DbOrTx, options: { collegeId: string; batchRowId: string; maxItems: number }): Promise<number> {
  const params = new SqlParams(dialect());
  const batch = params.add(options.batchRowId);
  const college = params.add(options.collegeId);
  const limit = params.add(options.maxItems, "integer");
  return client.$executeRawUnsafe(
    `UPDATE "TransmissionItem" SET "status" = 'BATCHED', "batchId" = ${batch}
      WHERE "id" IN (SELECT i."id" FROM "TransmissionItem" i
                       JOIN "TranscriptRequest" r ON r."id" = i."requestId"
                       JOIN "StoredTranscript" t ON t."id" = i."transcriptId"
                      WHERE i."collegeId" = ${college} AND i."status" = 'PENDING' AND r."status" = 'E_TRANSCRIPT_SENT' AND t."isCurrent"
                      ORDER BY i."createdAt", i."id"
                      LIMIT ${limit})`,
    ...params.values,
  );
}

/**
 * The manifest lines of a batch from the items just put in it (BATCHED with its id), numbered in their order (oldest
 * item first). Returns how many.
 */
export async function insertEntries(client: DbOrTx, batchRowId: string): Promise<number> {
  const params = new SqlParams(dialect());
  const batch = params.add(batchRowId);
  return client.$executeRawUnsafe(
    `INSERT INTO "TransmissionEntry" ("batchId", "itemId", "sequence", "referenceNumber", "transmissionType", "format", "sha256")
     SELECT i."batchId", i."id", CAST(ROW_NUMBER() OVER (ORDER BY i."createdAt", i."id") AS INTEGER), r."referenceNumber", i."transmissionType",
            CAST(t."format" AS TEXT), t."sha256"
       FROM "TransmissionItem" i
       JOIN "TranscriptRequest" r ON r."id" = i."requestId"
       JOIN "StoredTranscript" t ON t."id" = i."transcriptId"
      WHERE i."batchId" = ${batch} AND i."status" = 'BATCHED'`,
    ...params.values,
  );
}

export type EntryRow = {
  sequence: number;
  itemId: string;
  referenceNumber: string;
  transmissionType: string;
  format: string;
  sha256: string;
  transcriptId: string;
  /** The transcript's file (Auto-TRMS's, else the upload's), or null when its text is kept in the row. */
  storedName: string | null;
  /** The size of what is stored: the upload's file size, or the text's length in UTF-8 bytes (null: stat the file). */
  size: number | null;
};

/** The entries of a batch in order, with where each item's bytes are and how many there are, in one query. */
export async function batchEntries(batchId: string): Promise<EntryRow[]> {
  const d = dialect();
  const params = new SqlParams(d);
  const id = params.add(batchId);
  const textBytes = d === "sqlite" ? `length(CAST(t."content" AS BLOB))` : `octet_length(t."content")`;
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT e."sequence", e."itemId", e."referenceNumber", e."transmissionType", e."format", e."sha256", t."id" AS "transcriptId",
            COALESCE(t."storedName", f."storedName") AS "storedName",
            CASE WHEN t."storedName" IS NOT NULL THEN NULL WHEN f."storedName" IS NOT NULL THEN f."size" ELSE ${textBytes} END AS "size"
       FROM "TransmissionEntry" e
       JOIN "TransmissionItem" i ON i."id" = e."itemId"
       JOIN "StoredTranscript" t ON t."id" = i."transcriptId"
       LEFT JOIN "UploadedFile" f ON f."id" = t."fileId"
      WHERE e."batchId" = ${id}
      ORDER BY e."sequence"`,
    ...params.values,
  );
  return rows.map((r) => ({
    sequence: Number(r.sequence),
    itemId: String(r.itemId),
    referenceNumber: String(r.referenceNumber),
    transmissionType: String(r.transmissionType),
    format: String(r.format),
    sha256: String(r.sha256),
    transcriptId: String(r.transcriptId),
    storedName: r.storedName === null ? null : String(r.storedName),
    size: r.size === null ? null : Number(r.size),
  }));
}

/**
 * A delivered batch's items: DELIVERED, each with a "transmitted" row on its request's timeline (`data` is the row's
 * JSON up to the transmission type, which each item completes). Returns how many items.
 */
export async function markBatchDelivered(tx: DbOrTx, options: { batchRowId: string; at: Date; dataPrefix: string }): Promise<number> {
  // Placeholders are added in the order they appear in the text (SQLite's are positional).
  const insert = new SqlParams(dialect());
  await tx.$executeRawUnsafe(
    `INSERT INTO "TimelineEvent" ("id", "requestId", "type", "actorLabel", "data", "createdAt")
     SELECT 'transmitted:' || e."batchId" || ':' || CAST(e."sequence" AS TEXT), i."requestId", 'transmitted', 'system',
            ${insert.add(options.dataPrefix)} || i."transmissionType" || '"}', ${insert.add(options.at, "timestamp")}
       FROM "TransmissionEntry" e JOIN "TransmissionItem" i ON i."id" = e."itemId"
      WHERE e."batchId" = ${insert.add(options.batchRowId)} AND i."batchId" = e."batchId" AND i."status" = 'BATCHED'`,
    ...insert.values,
  );
  const update = new SqlParams(dialect());
  const at2 = update.add(options.at, "timestamp");
  const batch2 = update.add(options.batchRowId);
  return tx.$executeRawUnsafe(
    `UPDATE "TransmissionItem" SET "status" = 'DELIVERED', "deliveredAt" = ${at2} WHERE "batchId" = ${batch2} AND "status" = 'BATCHED'`,
    ...update.values,
  );
}

export type ReceiptEntry = { referenceNumber: string; sequence: number; itemId: string; requestId: string; itemStatus: string; received: boolean };

/** The entries of a batch as a receipt needs them: the item, its request, its state, whether a receipt came already. */
export async function receiptEntries(batchRowId: string): Promise<ReceiptEntry[]> {
  const params = new SqlParams(dialect());
  const batch = params.add(batchRowId);
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT e."referenceNumber", e."sequence", e."itemId", i."requestId", i."status",
            CASE WHEN rc."id" IS NULL THEN 0 ELSE 1 END AS "received"
       FROM "TransmissionEntry" e
       JOIN "TransmissionItem" i ON i."id" = e."itemId"
       LEFT JOIN "TransmissionReceipt" rc ON rc."batchId" = e."batchId" AND rc."referenceNumber" = e."referenceNumber"
      WHERE e."batchId" = ${batch}`,
    ...params.values,
  );
  return rows.map((r) => ({
    referenceNumber: String(r.referenceNumber),
    sequence: Number(r.sequence),
    itemId: String(r.itemId),
    requestId: String(r.requestId),
    itemStatus: String(r.status),
    received: Number(r.received) === 1,
  }));
}

/**
 * CONFIRMED for these references of a batch, in three statements: the receipts, the items' latest receipt, and a
 * "receipt" row on each request's timeline (`data`: the row's JSON, the same for all).
 */
export async function confirmReceived(tx: DbOrTx, options: { batchRowId: string; references: readonly string[]; via: string; at: Date; data: string }) {
  if (options.references.length === 0) return;
  // Placeholders are added in the order they appear in the text (SQLite's are positional).
  const refsOf = (p: SqlParams) => options.references.map((r) => p.add(r)).join(", ");
  let p = new SqlParams(dialect());
  let sql = `INSERT INTO "TransmissionReceipt" ("id", "batchId", "referenceNumber", "status", "reason", "via", "receivedAt")
     SELECT e."batchId" || ':' || CAST(e."sequence" AS TEXT), e."batchId", e."referenceNumber", 'CONFIRMED', NULL, ${p.add(options.via)}, ${p.add(options.at, "timestamp")}
       FROM "TransmissionEntry" e WHERE e."batchId" = ${p.add(options.batchRowId)} AND e."referenceNumber" IN (${refsOf(p)})`;
  await tx.$executeRawUnsafe(sql, ...p.values);

  p = new SqlParams(dialect());
  sql = `UPDATE "TransmissionItem" SET "receipt" = 'CONFIRMED', "receiptReason" = NULL, "receiptAt" = ${p.add(options.at, "timestamp")}
      WHERE "id" IN (SELECT e."itemId" FROM "TransmissionEntry" e WHERE e."batchId" = ${p.add(options.batchRowId)} AND e."referenceNumber" IN (${refsOf(p)}))`;
  await tx.$executeRawUnsafe(sql, ...p.values);

  p = new SqlParams(dialect());
  sql = `INSERT INTO "TimelineEvent" ("id", "requestId", "type", "actorLabel", "data", "createdAt")
     SELECT 'receipt:' || e."batchId" || ':' || CAST(e."sequence" AS TEXT), i."requestId", 'receipt', 'system', ${p.add(options.data)}, ${p.add(options.at, "timestamp")}
       FROM "TransmissionEntry" e JOIN "TransmissionItem" i ON i."id" = e."itemId"
      WHERE e."batchId" = ${p.add(options.batchRowId)} AND e."referenceNumber" IN (${refsOf(p)})`;
  await tx.$executeRawUnsafe(sql, ...p.values);
}
