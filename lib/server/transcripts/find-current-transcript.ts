import "server-only";
import type { Actor } from "@/lib/auth/roles";
import { parseTranscript } from "@/lib/domain/pesc/parse-transcript";
import type { Transcript } from "@/lib/domain/pesc/transcript";
import { readRows, readTime, scopeCondition } from "@/lib/server/sql/plain-reads";
import { readStoredFile } from "@/lib/server/uploads/storage";

export type CurrentTranscript = { referenceNumber: string; transcript: Transcript; receivedAt: Date };

/**
 * The request's current transcript when it is XML, parsed again from the stored content (the details page's
 * preview and its PDF). Null when the reference is unknown or outside the actor's scope, or the request has no
 * current XML transcript: callers answer 404 or show nothing, so a guess learns nothing.
 */
export async function findCurrentTranscript(options: {
  actor: Pick<Actor, "role" | "boardId" | "schoolId">;
  referenceNumber: string;
}): Promise<CurrentTranscript | null> {
  const referenceNumber = options.referenceNumber.trim().toUpperCase();
  if (referenceNumber === "" || referenceNumber.length > 40) return null;
  // Plain SQL on the read connection, as getRequestDetails beside it on the details page (issue 21); scope in the WHERE.
  const scope = scopeCondition(options.actor, { board: `r."boardId"`, school: `r."schoolId"` });
  const [row] = await readRows(
    `SELECT st."content", st."storedName", st."createdAt", r."referenceNumber"
       FROM "StoredTranscript" st JOIN "TranscriptRequest" r ON r."id" = st."requestId"
      WHERE st."isCurrent" = TRUE AND st."format" = 'XML' AND r."referenceNumber" = ? AND ${scope.sql}
      ORDER BY st."createdAt" DESC, st."id" DESC
      LIMIT 1`,
    [referenceNumber, ...scope.values],
  );
  if (!row) return null;
  const stored = { content: row[0] === null ? null : String(row[0]), storedName: row[1] === null ? null : String(row[1]) };
  const xml = await storedXml(stored);
  if (xml === null) return null;
  // Stored transcripts passed the same check when they were received; one that no longer does is not shown.
  const parsed = parseTranscript(xml);
  if (!parsed.ok) return null;
  return { referenceNumber: String(row[3]), transcript: parsed.transcript, receivedAt: readTime(row[2]) };
}

/**
 * The text of a stored XML transcript: in the row (uploads), or in its file as the SIS sent it (Auto-TRMS). Null when
 * there is neither, or the file is missing from storage.
 */
export async function storedXml(stored: { content: string | null; storedName: string | null }): Promise<string | Uint8Array | null> {
  if (stored.content !== null) return stored.content;
  if (stored.storedName === null) return null;
  try {
    return await readStoredFile(stored.storedName);
  } catch (error) {
    console.error(`[transcripts] stored transcript file unreadable: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}
