import { cancelBulkUploadsAction, checkBulkFileAction, saveBulkUploadsAction, type BulkFileRow, type BulkSaveState } from "@/lib/actions/bulk-upload";
import type { Message } from "./bulk-rows";
import type { SaveOutcome } from "./bulk-upload-state";

// The bulk upload form's calls to its server actions. Each action's answer is read here and nowhere else, into
// what the reducer (bulk-upload-state.ts) takes: a change to an action's answer changes this file only.

const GENERIC: Message = { key: "errors.generic" };

/** A file's rows: one per transcript (a PESC batch file holds several). */
export type CheckAnswer = { ok: true; rows: BulkFileRow[] } | { ok: false; error: Message };

export type SaveAnswer = { ok: true; outcomes: SaveOutcome[] } | { ok: false; error: Message };

/** Checks one file; a failure stops the round (the files not yet checked stay waiting). */
export async function checkFile(file: File, { locale, limitBytes }: { locale: string; limitBytes: number }): Promise<CheckAnswer> {
  // Refused here without sending it; the server refuses it anyway.
  if (file.size > limitBytes)
    return { ok: true, rows: [{ outcome: "refused", messageKey: "upload.errors.tooLarge", values: { limitMb: limitBytes / 1024 / 1024 } }] };
  if (file.size === 0) return { ok: true, rows: [{ outcome: "refused", messageKey: "bulkUpload.reasons.empty" }] };
  const form = new FormData();
  form.set("file", file);
  form.set("locale", locale);
  try {
    const state = await checkBulkFileAction(form);
    return state.ok && state.rows && state.rows.length > 0 ? { ok: true, rows: state.rows } : { ok: false, error: { key: state.messageKey ?? GENERIC.key } };
  } catch {
    // The network or the server failed.
    return { ok: false, error: { key: "bulkUpload.errors.stopped" } };
  }
}

/** Saves one group of clean matches; each is saved or not on its own, with the reason why not. */
export async function saveGroup(pendingIds: readonly string[], locale: string): Promise<SaveAnswer> {
  const form = new FormData();
  form.set("locale", locale);
  for (const id of pendingIds) form.append("pendingId", id);
  let state: BulkSaveState;
  try {
    state = await saveBulkUploadsAction(form);
  } catch {
    return { ok: false, error: GENERIC };
  }
  if (!state.ok || !state.rows) return { ok: false, error: { key: state.messageKey ?? GENERIC.key } };
  return {
    ok: true,
    outcomes: state.rows.map((row) =>
      row.saved
        ? { pendingId: row.pendingId, saved: true }
        : { pendingId: row.pendingId, saved: false, message: { key: row.messageKey ?? GENERIC.key, values: row.values } },
    ),
  };
}

/** Forgets pending uploads that will not be saved in bulk. */
export async function forgetUploads(pendingIds: readonly string[]): Promise<void> {
  const form = new FormData();
  for (const id of pendingIds) form.append("pendingId", id);
  try {
    await cancelBulkUploadsAction(form);
  } catch {
    // Left to expire: nothing is saved from it either way.
  }
}
