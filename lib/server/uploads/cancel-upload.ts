import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/roles";
import { findPendingUpload } from "./find-pending-upload";
import { removeStoredFile } from "./storage";

/**
 * "No – Cancel and return to previous screen": forgets the user's pending upload and its file; the request and its
 * timeline are not touched. Returns the request's reference (to go back to), or null when there was nothing to cancel.
 */
export async function cancelUpload(options: { actor: Pick<Actor, "id" | "role" | "boardId" | "schoolId">; pendingId: string; now?: Date }) {
  const now = options.now ?? new Date();
  const pending = await findPendingUpload({ actor: options.actor, pendingId: options.pendingId, now });
  if (!pending) return null;
  const deleted = await db.pendingUpload.deleteMany({ where: { id: pending.id, userId: options.actor.id } });
  if (deleted.count === 1) await removeStoredFile(pending.storedName);
  return { referenceNumber: pending.request.referenceNumber };
}
