import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { TranscriptSchema, type Transcript } from "@/lib/domain/pesc/transcript";
import { removeStoredFile } from "./storage";

// What a PendingUpload keeps besides its file: the version of the request the upload form showed (checked again
// when the user saves) and, for XML, the transcript as parsed.

/** How long an upload waits for "Yes – Save and continue". */
export const PENDING_UPLOAD_TTL_MS = 30 * 60_000;

const PendingDataSchema = z.object({ expectedVersion: z.number().int().min(0), transcript: TranscriptSchema.nullable() });
export type PendingData = { expectedVersion: number; transcript: Transcript | null };

export function writePendingData(data: PendingData): string {
  return JSON.stringify(data);
}

/** The stored data, or null when it is missing or malformed (the upload must then be started again). */
export function readPendingData(raw: string | null): PendingData | null {
  if (!raw) return null;
  try {
    const parsed = PendingDataSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Forgets expired pending uploads (rows and files); `where` narrows it, e.g. to one user's uploads of one request. */
export async function purgePendingUploads(options: { now: Date; alsoFor?: { requestId: string; userId: string } }) {
  const { now, alsoFor } = options;
  const where = { OR: [{ expiresAt: { lte: now } }, ...(alsoFor ? [{ requestId: alsoFor.requestId, userId: alsoFor.userId }] : [])] };
  const rows = await db.pendingUpload.findMany({ where, select: { id: true, storedName: true } });
  if (rows.length === 0) return;
  await db.pendingUpload.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
  await Promise.all(rows.map((r) => removeStoredFile(r.storedName)));
}
