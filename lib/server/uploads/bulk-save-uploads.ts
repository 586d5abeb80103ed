import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/roles";
import { MAX_BULK_FILES } from "@/lib/domain/bulk-match";
import { isCleanMatch } from "@/lib/domain/pesc/compare";
import type { RequestStatus } from "@/lib/domain/statuses";
import { compareUpload } from "./compare-upload";
import { findPendingUpload } from "./find-pending-upload";
import { readPendingData } from "./pending-upload";
import { saveUpload } from "./save-upload";

export const BulkSaveSchema = z.object({
  pendingIds: z
    .array(z.string().regex(/^[A-Za-z0-9_-]{1,100}$/))
    .min(1)
    .max(MAX_BULK_FILES)
    .transform((ids) => [...new Set(ids)]),
});
export type BulkSaveInput = z.input<typeof BulkSaveSchema>;

export type BulkSaveItem = { pendingId: string } & (
  | { ok: true; referenceNumber: string }
  /** Unknown, expired, already saved, someone else's or out of scope. */
  | { ok: false; reason: "notFound" }
  /** Not a clean match (any more): for the validation screen, one by one. */
  | { ok: false; reason: "notClean" | "stale"; referenceNumber: string }
  | { ok: false; reason: "invalidTransition"; referenceNumber: string; status: RequestStatus }
);

export type BulkSaveResult = { ok: false; reason: "invalid" } | { ok: true; items: BulkSaveItem[] };

type SaveActor = Pick<Actor, "id" | "role" | "boardId" | "schoolId">;

/**
 * "Save all clean matches": each of the user's own pending uploads whose transcript is, on the server and now, a
 * clean match with its request is saved exactly as "Yes – Save and continue" saves it (saveUpload: its own
 * transaction, the version the check saw, then background processing). One refusal stops no other; the browser's
 * list only names pending uploads, never a request, a scope or a verdict. A malformed list saves nothing.
 */
export async function saveBulkUploads(options: { actor: SaveActor; input: BulkSaveInput; now?: Date }): Promise<BulkSaveResult> {
  const { actor } = options;
  const parsed = BulkSaveSchema.safeParse(options.input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const items: BulkSaveItem[] = [];
  for (const pendingId of parsed.data.pendingIds) items.push(await saveOne(actor, pendingId, options.now ?? new Date()));
  return { ok: true, items };
}

async function saveOne(actor: SaveActor, pendingId: string, now: Date): Promise<BulkSaveItem> {
  const pending = await findPendingUpload({ actor, pendingId, now });
  if (!pending) return { pendingId, ok: false, reason: "notFound" };
  const referenceNumber = pending.request.referenceNumber;
  const data = readPendingData(pending.parsed);
  if (!data) return { pendingId, ok: false, reason: "notFound" };
  if (pending.kind !== "XML" || !data.transcript || !isCleanMatch(compareUpload(pending, data.transcript))) {
    return { pendingId, ok: false, reason: "notClean", referenceNumber };
  }
  const saved = await saveUpload({ actor, pendingId, source: "BULK", now });
  if (saved.ok) return { pendingId, ok: true, referenceNumber };
  switch (saved.reason) {
    case "notFound":
      return { pendingId, ok: false, reason: "notFound" };
    case "stale":
      return { pendingId, ok: false, reason: "stale", referenceNumber };
    case "invalidTransition":
      return { pendingId, ok: false, reason: "invalidTransition", referenceNumber, status: saved.status };
  }
}
