import "server-only";
import { db } from "@/lib/db";
import { isOcasAdmin, type Actor } from "@/lib/auth/roles";

const MAX_ROWS = 500;

export type PdfQueueRow = {
  requestId: string;
  referenceNumber: string;
  version: number;
  firstName: string;
  lastName: string;
  school: { nameEn: string; nameFr: string };
  file: { id: string; originalName: string; size: number; uploadedAt: Date };
};

/**
 * The PDF queue of OCAS administrators: requests In Progress whose latest upload is a PDF not yet completed,
 * oldest upload first. Null for anyone else.
 */
export async function listPdfQueue(options: { actor: Pick<Actor, "role"> }): Promise<PdfQueueRow[] | null> {
  if (!isOcasAdmin(options.actor)) return null;
  const requests = await db.transcriptRequest.findMany({
    where: { status: "TRANSCRIPT_UPLOADED", files: { some: { kind: "PDF", transcripts: { none: {} } } } },
    select: {
      id: true,
      referenceNumber: true,
      version: true,
      firstName: true,
      lastName: true,
      school: { select: { nameEn: true, nameFr: true } },
      files: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1, select: { id: true, kind: true, originalName: true, size: true, createdAt: true } },
    },
    take: MAX_ROWS,
  });
  return requests
    .filter((r) => r.files[0]?.kind === "PDF")
    .map((r) => {
      const f = r.files[0]!;
      return {
        requestId: r.id,
        referenceNumber: r.referenceNumber,
        version: r.version,
        firstName: r.firstName,
        lastName: r.lastName,
        school: r.school,
        file: { id: f.id, originalName: f.originalName, size: f.size, uploadedAt: f.createdAt },
      };
    })
    .sort((a, b) => a.file.uploadedAt.getTime() - b.file.uploadedAt.getTime() || a.referenceNumber.localeCompare(b.referenceNumber));
}
