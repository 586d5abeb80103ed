import "server-only";
import type { Actor } from "@/lib/auth/roles";
import { BulkSaveSchema, type BulkSaveInput } from "./bulk-save-uploads";
import { cancelUpload } from "./cancel-upload";

/**
 * Forgets pending uploads of a bulk upload that will not be saved (two files for one request, or the user starting
 * again), as "No – Cancel" does for one: only the user's own, in scope; nothing else changes. Returns how many
 * were forgotten.
 */
export async function cancelBulkUploads(options: {
  actor: Pick<Actor, "id" | "role" | "boardId" | "schoolId">;
  input: BulkSaveInput;
  now?: Date;
}): Promise<number> {
  const parsed = BulkSaveSchema.safeParse(options.input);
  if (!parsed.success) return 0;
  let cancelled = 0;
  for (const pendingId of parsed.data.pendingIds) {
    if (await cancelUpload({ actor: options.actor, pendingId, now: options.now })) cancelled += 1;
  }
  return cancelled;
}
