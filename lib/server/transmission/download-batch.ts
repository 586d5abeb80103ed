import "server-only";
import { isOcasAdmin, type Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { parseBatchId } from "@/lib/domain/transmission/batch-id";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { openStoredFile, storedFileSize } from "@/lib/server/uploads/storage";

// The download of a batch file from the Transmission Log (contracts §4), OCAS administrators only. A batch waiting for
// download (its college has no working endpoint) becomes DOWNLOADED, with its audit row, in one transaction: it is not
// delivered — its items stay as they are.

export type BatchDownload = { batchId: string; size: number; stream: ReturnType<typeof openStoredFile>; markedDownloaded: boolean };

/** The batch file opened for streaming, or null when out of reach, unknown, or its file is missing. */
export async function openBatchDownload(options: { actor: Pick<Actor, "id" | "role">; batchId: string; now?: Date }): Promise<BatchDownload | null> {
  const { actor } = options;
  if (!isOcasAdmin(actor)) return null;
  const batchId = options.batchId.trim();
  if (!parseBatchId(batchId)) return null;
  const batch = await db.transmissionBatch.findUnique({ where: { batchId }, select: { id: true, batchId: true, status: true, storedName: true } });
  if (!batch?.storedName) return null;
  const size = await storedFileSize(batch.storedName);
  if (size === null) return null;

  let markedDownloaded = false;
  if (batch.status === "WAITING_DOWNLOAD") {
    const now = options.now ?? new Date();
    markedDownloaded = await db.$transaction(async (tx) => {
      // Only from WAITING_DOWNLOAD: a batch delivered in between stays delivered, two downloads mark it once.
      const moved = await tx.transmissionBatch.updateMany({
        where: { id: batch.id, status: "WAITING_DOWNLOAD" },
        data: { status: "DOWNLOADED", downloadedAt: now },
      });
      if (moved.count !== 1) return false;
      await recordAudit(tx, {
        actorId: actor.id,
        action: "transmission.downloaded",
        entity: "transmissionBatch",
        entityId: batch.batchId,
        before: { status: "WAITING_DOWNLOAD" },
        after: { status: "DOWNLOADED", downloadedAt: now.toISOString() },
        at: now,
      });
      return true;
    });
  }
  return { batchId: batch.batchId, size, stream: openStoredFile(batch.storedName), markedDownloaded };
}
