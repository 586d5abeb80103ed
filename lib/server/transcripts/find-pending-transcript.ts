import "server-only";
import type { Actor } from "@/lib/auth/roles";
import type { Transcript } from "@/lib/domain/pesc/transcript";
import { findPendingUpload } from "@/lib/server/uploads/find-pending-upload";
import { readPendingData } from "@/lib/server/uploads/pending-upload";

/** `receivedAt` is null: the file is not saved yet. */
export type PendingTranscript = { referenceNumber: string; transcript: Transcript; receivedAt: null };

/**
 * The transcript of a pending XML upload (the validation screen's preview and its PDF): only the user's own upload,
 * not expired, of this request, and the request still in the user's scope (findPendingUpload). Null otherwise.
 */
export async function findPendingTranscript(options: {
  actor: Pick<Actor, "id" | "role" | "boardId" | "schoolId">;
  referenceNumber: string;
  pendingId: string;
  now: Date;
}): Promise<PendingTranscript | null> {
  const { actor, pendingId, now } = options;
  const referenceNumber = options.referenceNumber.trim().toUpperCase();
  const pending = await findPendingUpload({ actor, pendingId, now });
  if (!pending || pending.kind !== "XML" || pending.request.referenceNumber !== referenceNumber) return null;
  const transcript = readPendingData(pending.parsed)?.transcript;
  return transcript ? { referenceNumber: pending.request.referenceNumber, transcript, receivedAt: null } : null;
}
