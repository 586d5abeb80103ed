import type { BulkFileRow } from "@/lib/actions/bulk-upload";
import { duplicateFiles } from "@/lib/domain/bulk-match-batch";

// The review table's rows in the browser: one per chosen file, from "waiting" to its check's result, then to saved
// or not. Only what the page shows and the pending upload ids go back to the server; the server decides again.

export type Message = { key: string; values?: Record<string, string | number> };

export type BulkRowState = {
  key: string;
  fileName: string;
  phase: "waiting" | "checking" | "checked" | "saved" | "notSaved";
  result?: BulkFileRow;
  /** Another file of the batch matched the same request: neither is saved in bulk. */
  duplicate?: boolean;
  saveMessage?: Message;
};

export type DisplayOutcome = "waiting" | "checking" | BulkFileRow["outcome"] | "duplicate" | "saved" | "notSaved";

export function displayOutcome(row: BulkRowState): DisplayOutcome {
  if (row.phase === "waiting" || row.phase === "checking" || row.phase === "saved" || row.phase === "notSaved") return row.phase;
  if (row.duplicate) return "duplicate";
  return row.result?.outcome ?? "waiting";
}

/** Saved by "Save all clean matches": checked, a clean match, staged, and the only file of the batch for its request. */
export function isCleanRow(row: BulkRowState): boolean {
  return row.phase === "checked" && !row.duplicate && row.result?.outcome === "matched" && row.result.pendingId !== undefined;
}

export const rowsOf = (files: readonly File[]): BulkRowState[] =>
  files.map((file, index) => ({ key: `${index}-${file.name}-${file.size}-${file.lastModified}`, fileName: file.name, phase: "waiting" }));

/**
 * The rows once row `index` has its result, with every file of a request matched twice in the batch marked
 * duplicate (lib/domain/bulk-match-batch.ts); returns the pending uploads newly marked, to forget on the server.
 */
export function withResult(rows: readonly BulkRowState[], index: number, result: BulkFileRow): { rows: BulkRowState[]; cancel: string[] } {
  const next = rows.map((r, i) => (i === index ? { ...r, phase: "checked" as const, result } : r));
  const duplicates = duplicateFiles(
    next.map((r) =>
      r.phase === "checked" && r.result?.pendingId && r.result.request
        ? { pendingId: r.result.pendingId, referenceNumber: r.result.request.referenceNumber }
        : null,
    ),
  );
  const cancel: string[] = [];
  for (const i of duplicates) {
    const row = next[i]!;
    if (row.duplicate) continue;
    next[i] = { ...row, duplicate: true };
    cancel.push(row.result!.pendingId!);
  }
  return { rows: next, cancel };
}
