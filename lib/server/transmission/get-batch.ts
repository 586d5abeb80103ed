import "server-only";
import { isOcasAdmin, type Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { parseBatchId } from "@/lib/domain/transmission/batch-id";

// One batch of the Transmission Log with everything that happened to it (contracts §4): its attempts, the college's
// receipts and its manifest. OCAS administrators only.

export async function getTransmissionBatch(options: { actor: Pick<Actor, "role">; batchId: string }) {
  if (!isOcasAdmin(options.actor)) return null;
  const batchId = options.batchId.trim();
  if (!parseBatchId(batchId)) return null;
  const batch = await db.transmissionBatch.findUnique({
    where: { batchId },
    select: {
      batchId: true,
      night: true,
      sequence: true,
      status: true,
      itemCount: true,
      byteSize: true,
      sha256: true,
      attempts: true,
      lastError: true,
      createdAt: true,
      builtAt: true,
      deliveredAt: true,
      downloadedAt: true,
      storedName: true,
      college: { select: { code: true, nameEn: true, nameFr: true } },
      attemptLog: {
        orderBy: [{ attemptedAt: "asc" }, { id: "asc" }],
        select: { id: true, attemptedAt: true, httpStatus: true, error: true, durationMs: true },
      },
      receipts: {
        orderBy: [{ receivedAt: "asc" }, { referenceNumber: "asc" }],
        select: { id: true, referenceNumber: true, status: true, reason: true, via: true, receivedAt: true },
      },
      entries: { orderBy: { sequence: "asc" }, select: { sequence: true, referenceNumber: true, transmissionType: true, format: true } },
    },
  });
  if (!batch) return null;
  // The file's name stays on the server: the page only needs to know whether there is one to download.
  const { storedName, ...rest } = batch;
  return { ...rest, hasFile: storedName !== null };
}

export type TransmissionBatchDetails = NonNullable<Awaited<ReturnType<typeof getTransmissionBatch>>>;
