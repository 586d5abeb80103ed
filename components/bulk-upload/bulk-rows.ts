import type { BulkFileRow } from "@/lib/actions/bulk-upload";
import { duplicateFiles } from "@/lib/domain/bulk-match-batch";

// The review table's rows in the browser: one per chosen file while it waits, then one per transcript once it is
// checked (a PESC batch file holds several), from its check's result to saved or not. Only what the page shows and
// the pending upload ids go back to the server; the server decides again.

export type Message = { key: string; values?: Record<string, string | number> };

export type BulkRowState = {
  key: string;
  /** The chosen file the row is, or is a transcript of (its index in the files chosen). */
  fileIndex: number;
  fileName: string;
  /** A transcript of a PESC batch file: its place in the batch, and its student's name when it could be read. */
  transcript?: BulkFileRow["transcript"];
  phase: "waiting" | "checking" | "checked" | "saved" | "notSaved";
  result?: BulkFileRow;
  /** Another transcript checked matched the same request: neither is saved in bulk. */
  duplicate?: boolean;
  saveMessage?: Message;
};

export type DisplayOutcome = "waiting" | "checking" | BulkFileRow["outcome"] | "duplicate" | "saved" | "notSaved";

export function displayOutcome(row: BulkRowState): DisplayOutcome {
  if (row.phase === "waiting" || row.phase === "checking" || row.phase === "saved" || row.phase === "notSaved") return row.phase;
  if (row.duplicate) return "duplicate";
  return row.result?.outcome ?? "waiting";
}

/** Saved by "Save all clean matches": checked, a clean match, staged, and the only transcript checked for its request. */
export function isCleanRow(row: BulkRowState): boolean {
  return row.phase === "checked" && !row.duplicate && row.result?.outcome === "matched" && row.result.pendingId !== undefined;
}

export const rowsOf = (files: readonly File[]): BulkRowState[] =>
  files.map((file, index) => ({ key: `${index}-${file.name}-${file.size}-${file.lastModified}`, fileIndex: index, fileName: file.name, phase: "waiting" }));

/**
 * The rows once the file `fileIndex` is checked: its row replaced by one per transcript (`results`), with every row
 * of a request matched twice among those checked marked duplicate (lib/domain/bulk-match-batch.ts); returns the
 * pending uploads newly marked, to forget on the server.
 */
export function withResults(rows: readonly BulkRowState[], fileIndex: number, results: readonly BulkFileRow[]): { rows: BulkRowState[]; cancel: string[] } {
  const at = rows.findIndex((r) => r.fileIndex === fileIndex);
  if (at === -1 || results.length === 0) return { rows: [...rows], cancel: [] };
  const base = rows[at]!;
  const checked = results.map((result, n): BulkRowState => ({
    key: result.transcript ? `${base.key}#${result.transcript.number}` : results.length === 1 ? base.key : `${base.key}#${n + 1}`,
    fileIndex,
    fileName: base.fileName,
    ...(result.transcript && { transcript: result.transcript }),
    phase: "checked",
    result,
  }));
  const next = [...rows.slice(0, at), ...checked, ...rows.slice(at).filter((r) => r.fileIndex !== fileIndex)];
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
