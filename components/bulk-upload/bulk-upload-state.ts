import type { BulkFileRow } from "@/lib/actions/bulk-upload";
import { isCleanRow, rowsOf, withResults, type BulkRowState, type Message } from "./bulk-rows";

// The bulk upload page's state, as a pure reducer: the form runs the checks and saves one after the other and
// tells the reducer what happened; what the page shows follows from the state alone.

export type BulkPhase = "choose" | "checking" | "checked" | "saving" | "saved";

/** One pending upload after "Save all clean matches", as the form read the server's answer. */
export type SaveOutcome = { pendingId: string; saved: true } | { pendingId: string; saved: false; message: Message };

export type BulkUploadState = {
  phase: BulkPhase;
  files: readonly File[];
  /** One per file waiting, then one per transcript checked (a PESC batch file holds several). */
  rows: readonly BulkRowState[];
  /** Transcripts checked so far in this round (the progress counts transcripts, not files). */
  checked: number;
  saving: { done: number; total: number };
  error: Message | null;
  /**
   * The pending uploads that the file just checked set aside (a second transcript for one request): the form asks
   * the server to forget them. Empty after any other action.
   */
  toForget: readonly string[];
};

export type BulkUploadAction =
  | { type: "filesChosen"; files: readonly File[]; maxFiles: number }
  | { type: "checkStarted"; maxFiles: number }
  | { type: "fileChecking"; index: number }
  /** The file at `index` was checked: its rows, one per transcript. */
  | { type: "fileChecked"; index: number; rows: readonly BulkFileRow[] }
  /** With an error when the round stopped before the last file (the network, the session). */
  | { type: "checkFinished"; error?: Message }
  | { type: "saveStarted" }
  | { type: "groupSaved"; sent: number; outcomes: readonly SaveOutcome[] }
  | { type: "saveFinished"; error?: Message };

export const initialBulkUploadState: BulkUploadState = {
  phase: "choose",
  files: [],
  rows: [],
  checked: 0,
  saving: { done: 0, total: 0 },
  error: null,
  toForget: [],
};

const NOTHING: readonly string[] = [];

const tooMany = (count: number, maxFiles: number): Message => ({ key: "bulkUpload.errors.tooMany", values: { count, maxFiles } });

export const isBusy = (state: BulkUploadState) => state.phase === "checking" || state.phase === "saving";

export function bulkUploadReducer(state: BulkUploadState, action: BulkUploadAction): BulkUploadState {
  const next = reduce(state, action);
  return next.toForget.length > 0 && action.type !== "fileChecked" ? { ...next, toForget: NOTHING } : next;
}

function reduce(state: BulkUploadState, action: BulkUploadAction): BulkUploadState {
  switch (action.type) {
    case "filesChosen": {
      if (isBusy(state)) return state;
      const { files, maxFiles } = action;
      return { ...state, phase: "choose", files, rows: rowsOf(files), checked: 0, error: files.length > maxFiles ? tooMany(files.length, maxFiles) : null };
    }
    case "checkStarted": {
      if (isBusy(state)) return state;
      if (state.files.length === 0) return { ...state, error: { key: "bulkUpload.errors.noFiles" } };
      if (state.files.length > action.maxFiles) return { ...state, error: tooMany(state.files.length, action.maxFiles) };
      return { ...state, phase: "checking", rows: rowsOf(state.files), checked: 0, error: null };
    }
    case "fileChecking":
      return { ...state, rows: state.rows.map((r) => (r.fileIndex === action.index && r.phase === "waiting" ? { ...r, phase: "checking" } : r)) };
    case "fileChecked": {
      const { rows, cancel } = withResults(state.rows, action.index, action.rows);
      return { ...state, rows, checked: state.checked + action.rows.length, toForget: cancel };
    }
    case "checkFinished":
      return {
        ...state,
        phase: "checked",
        // The files not yet checked stay waiting, the one on its way too.
        rows: state.rows.map((r) => (r.phase === "checking" ? { ...r, phase: "waiting" } : r)),
        error: action.error ?? null,
      };
    case "saveStarted": {
      const total = state.rows.filter(isCleanRow).length;
      if (isBusy(state) || total === 0) return state;
      return { ...state, phase: "saving", saving: { done: 0, total }, error: null };
    }
    case "groupSaved": {
      const byId = new Map(action.outcomes.map((o) => [o.pendingId, o]));
      const rows = state.rows.map((row): BulkRowState => {
        const outcome = row.result?.pendingId ? byId.get(row.result.pendingId) : undefined;
        if (!outcome) return row;
        return outcome.saved ? { ...row, phase: "saved" } : { ...row, phase: "notSaved", saveMessage: outcome.message };
      });
      const { done, total } = state.saving;
      return { ...state, rows, saving: { done: Math.min(done + action.sent, total), total } };
    }
    case "saveFinished":
      return { ...state, phase: "saved", error: action.error ?? null };
  }
}

/** The pending uploads "Save all clean matches" sends, in the order of the table. */
export const cleanPendingIds = (state: BulkUploadState): string[] => state.rows.filter(isCleanRow).map((r) => r.result!.pendingId!);

export function countsOf(state: BulkUploadState) {
  const clean = state.rows.filter(isCleanRow).length;
  const checked = state.rows.filter((r) => r.phase !== "waiting" && r.phase !== "checking").length;
  return {
    clean,
    /** Checked transcripts that are not clean matches: handled one by one. */
    others: checked - clean,
    saved: state.rows.filter((r) => r.phase === "saved").length,
    notSaved: state.rows.filter((r) => r.phase === "notSaved").length,
  };
}

/**
 * The transcripts a round counts: those checked, and one for each file not yet opened (a batch file's own count is
 * known once it is checked).
 */
export const transcriptTotal = (state: BulkUploadState) => state.rows.length;

/** What the polite status line says: the progress of a round, or the summary once the files are checked. */
export function statusMessage(state: BulkUploadState): Message | null {
  switch (state.phase) {
    case "checking":
      return { key: "bulkUpload.progress", values: { done: state.checked, total: transcriptTotal(state) } };
    case "saving":
      return { key: "bulkUpload.saveProgress", values: state.saving };
    case "checked": {
      const { clean, others } = countsOf(state);
      return { key: "bulkUpload.summary", values: { clean, others } };
    }
    default:
      return null;
  }
}
