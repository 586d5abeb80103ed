import { describe, expect, it } from "vitest";
import type { BulkFileRow } from "@/lib/actions/bulk-upload";
import {
  bulkUploadReducer,
  cleanPendingIds,
  countsOf,
  initialBulkUploadState,
  isBusy,
  statusMessage,
  type BulkUploadAction,
  type BulkUploadState,
} from "@/components/bulk-upload/bulk-upload-state";

// The bulk upload page's state: what each step of a round of checks and saves does to the review table, the
// progress and the messages, without a browser or a server.

const MAX_FILES = 3;

const file = (name: string, content = "<xml/>") => new File([content], name, { type: "text/xml", lastModified: 1_700_000_000_000 });

const request = (referenceNumber: string) => ({ referenceNumber, firstName: "Ada", lastName: "Lovelace" });

const matched = (pendingId: string, reference: string): BulkFileRow => ({ outcome: "matched", pendingId, request: request(reference), by: "trackingId" });

const run = (actions: BulkUploadAction[], from: BulkUploadState = initialBulkUploadState) => actions.reduce(bulkUploadReducer, from);

const chosen = (...names: string[]) => run([{ type: "filesChosen", files: names.map((n) => file(n)), maxFiles: MAX_FILES }]);

/** Three files checked: two clean matches and one with differences. */
const checkedBatch = () =>
  run(
    [
      { type: "checkStarted", maxFiles: MAX_FILES },
      { type: "fileChecking", index: 0 },
      { type: "fileChecked", index: 0, rows: [matched("p1", "REF-00000001")] },
      { type: "fileChecking", index: 1 },
      { type: "fileChecked", index: 1, rows: [{ ...matched("p2", "REF-00000002"), outcome: "differences" }] },
      { type: "fileChecking", index: 2 },
      { type: "fileChecked", index: 2, rows: [matched("p3", "REF-00000003")] },
      { type: "checkFinished" },
    ],
    chosen("a.xml", "b.xml", "c.xml"),
  );

describe("choosing files", () => {
  it("lists each chosen file as waiting, with nothing checked and no error", () => {
    const state = chosen("a.xml", "b.xml");
    expect(state.phase).toBe("choose");
    expect(state.rows.map((r) => [r.fileName, r.phase])).toEqual([
      ["a.xml", "waiting"],
      ["b.xml", "waiting"],
    ]);
    expect(state.rows[0]!.key).not.toBe(state.rows[1]!.key);
    expect(state.error).toBeNull();
    expect(statusMessage(state)).toBeNull();
  });

  it("says at once when there are too many files", () => {
    expect(chosen("a.xml", "b.xml", "c.xml", "d.xml").error).toEqual({ key: "bulkUpload.errors.tooMany", values: { count: 4, maxFiles: MAX_FILES } });
  });

  it("starts over from a checked batch: no files, no rows, back to choosing", () => {
    const state = run([{ type: "filesChosen", files: [], maxFiles: MAX_FILES }], checkedBatch());
    expect(state).toMatchObject({ phase: "choose", files: [], rows: [], checked: 0, error: null });
  });

  it("is ignored while a round runs", () => {
    const checking = run([{ type: "checkStarted", maxFiles: MAX_FILES }], chosen("a.xml"));
    expect(run([{ type: "filesChosen", files: [file("other.xml")], maxFiles: MAX_FILES }], checking)).toBe(checking);
  });
});

describe("checking", () => {
  it("refuses to start without files, or with too many, and says why", () => {
    const none = run([{ type: "checkStarted", maxFiles: MAX_FILES }]);
    expect(none.phase).toBe("choose");
    expect(none.error).toEqual({ key: "bulkUpload.errors.noFiles" });
    const many = run([{ type: "checkStarted", maxFiles: 1 }], chosen("a.xml", "b.xml"));
    expect(many.phase).toBe("choose");
    expect(many.error).toEqual({ key: "bulkUpload.errors.tooMany", values: { count: 2, maxFiles: 1 } });
  });

  it("starts a round from fresh rows and clears the error", () => {
    const refused = run([{ type: "checkStarted", maxFiles: 1 }], chosen("a.xml", "b.xml"));
    const state = run([{ type: "checkStarted", maxFiles: MAX_FILES }], refused);
    expect(state).toMatchObject({ phase: "checking", checked: 0, error: null });
    expect(isBusy(state)).toBe(true);
    expect(statusMessage(state)).toEqual({ key: "bulkUpload.progress", values: { done: 0, total: 2 } });
  });

  it("moves each file from waiting to checking to its result, and counts the progress", () => {
    let state = run(
      [
        { type: "checkStarted", maxFiles: MAX_FILES },
        { type: "fileChecking", index: 0 },
      ],
      chosen("a.xml", "b.xml"),
    );
    expect(state.rows.map((r) => r.phase)).toEqual(["checking", "waiting"]);
    state = run([{ type: "fileChecked", index: 0, rows: [matched("p1", "REF-00000001")] }], state);
    expect(state.rows.map((r) => r.phase)).toEqual(["checked", "waiting"]);
    expect(state.rows[0]!.result?.pendingId).toBe("p1");
    expect(state.checked).toBe(1);
    expect(statusMessage(state)).toEqual({ key: "bulkUpload.progress", values: { done: 1, total: 2 } });
  });

  it("sets aside both files of one request, and names the pending upload to forget only once", () => {
    let state = run(
      [
        { type: "checkStarted", maxFiles: MAX_FILES },
        { type: "fileChecking", index: 0 },
        { type: "fileChecked", index: 0, rows: [matched("p1", "REF-00000001")] },
      ],
      chosen("first.xml", "second.xml", "third.xml"),
    );
    expect(state.toForget).toEqual([]);
    state = run(
      [
        { type: "fileChecking", index: 1 },
        { type: "fileChecked", index: 1, rows: [matched("p2", "REF-00000001")] },
      ],
      state,
    );
    expect(state.rows.map((r) => r.duplicate ?? false)).toEqual([true, true, false]);
    expect([...state.toForget].sort()).toEqual(["p1", "p2"]);
    // The next step carries nothing more to forget.
    state = run([{ type: "fileChecking", index: 2 }], state);
    expect(state.toForget).toEqual([]);
    state = run([{ type: "fileChecked", index: 2, rows: [matched("p3", "REF-00000003")] }, { type: "checkFinished" }], state);
    expect(state.toForget).toEqual([]);
    expect(cleanPendingIds(state)).toEqual(["p3"]);
    expect(countsOf(state)).toMatchObject({ clean: 1, others: 2 });
  });

  it("ends with the summary of clean matches and files to handle one by one", () => {
    const state = checkedBatch();
    expect(state.phase).toBe("checked");
    expect(isBusy(state)).toBe(false);
    expect(statusMessage(state)).toEqual({ key: "bulkUpload.summary", values: { clean: 2, others: 1 } });
  });

  it("stops with the error, leaving the file on its way and those after it waiting", () => {
    const state = run(
      [
        { type: "checkStarted", maxFiles: MAX_FILES },
        { type: "fileChecking", index: 0 },
        { type: "fileChecked", index: 0, rows: [matched("p1", "REF-00000001")] },
        { type: "fileChecking", index: 1 },
        { type: "checkFinished", error: { key: "bulkUpload.errors.stopped" } },
      ],
      chosen("a.xml", "b.xml", "c.xml"),
    );
    expect(state.phase).toBe("checked");
    expect(state.error).toEqual({ key: "bulkUpload.errors.stopped" });
    expect(state.rows.map((r) => r.phase)).toEqual(["checked", "waiting", "waiting"]);
    expect(statusMessage(state)).toEqual({ key: "bulkUpload.summary", values: { clean: 1, others: 0 } });
  });
});

describe("a PESC batch file", () => {
  const inBatch = (row: BulkFileRow, number: number, count: number, studentName?: string): BulkFileRow => ({
    ...row,
    transcript: { number, count, ...(studentName && { studentName }) },
  });

  it("replaces the file's row by one row per transcript, and counts the progress in transcripts", () => {
    let state = run(
      [
        { type: "checkStarted", maxFiles: MAX_FILES },
        { type: "fileChecking", index: 0 },
      ],
      chosen("batch.xml", "single.xml"),
    );
    expect(statusMessage(state)).toEqual({ key: "bulkUpload.progress", values: { done: 0, total: 2 } });
    state = run(
      [
        {
          type: "fileChecked",
          index: 0,
          rows: [
            inBatch(matched("p1", "REF-00000001"), 1, 3, "Ada Lovelace"),
            inBatch({ outcome: "noMatch", messageKey: "bulkUpload.reasons.noMatch" }, 2, 3, "Nobody Known"),
            inBatch({ outcome: "refused", messageKey: "upload.refused", problems: [{ messageKey: "pesc.errors.invalidDate" }] }, 3, 3),
          ],
        },
      ],
      state,
    );
    expect(state.rows.map((r) => [r.fileName, r.fileIndex, r.transcript?.number ?? null, r.phase])).toEqual([
      ["batch.xml", 0, 1, "checked"],
      ["batch.xml", 0, 2, "checked"],
      ["batch.xml", 0, 3, "checked"],
      ["single.xml", 1, null, "waiting"],
    ]);
    expect(new Set(state.rows.map((r) => r.key)).size).toBe(4);
    // Three transcripts checked of four known: the batch's, and the file not yet opened.
    expect(state.checked).toBe(3);
    expect(statusMessage(state)).toEqual({ key: "bulkUpload.progress", values: { done: 3, total: 4 } });
    state = run(
      [{ type: "fileChecking", index: 1 }, { type: "fileChecked", index: 1, rows: [matched("p4", "REF-00000004")] }, { type: "checkFinished" }],
      state,
    );
    expect(state.rows.map((r) => r.phase)).toEqual(["checked", "checked", "checked", "checked"]);
    expect(statusMessage(state)).toEqual({ key: "bulkUpload.summary", values: { clean: 2, others: 2 } });
    expect(cleanPendingIds(state)).toEqual(["p1", "p4"]);
  });

  it("sets aside two transcripts for one request, in one batch or across files", () => {
    const state = run(
      [
        { type: "checkStarted", maxFiles: MAX_FILES },
        { type: "fileChecked", index: 0, rows: [inBatch(matched("p1", "REF-00000001"), 1, 2), inBatch(matched("p2", "REF-00000001"), 2, 2)] },
      ],
      chosen("batch.xml", "other.xml"),
    );
    expect(state.rows.map((r) => r.duplicate ?? false)).toEqual([true, true, false]);
    expect([...state.toForget].sort()).toEqual(["p1", "p2"]);
    const next = run([{ type: "fileChecked", index: 1, rows: [matched("p3", "REF-00000002")] }, { type: "checkFinished" }], state);
    expect(cleanPendingIds(next)).toEqual(["p3"]);
  });
});

describe("saving the clean matches", () => {
  it("sends only the clean matches, in the table's order", () => {
    expect(cleanPendingIds(checkedBatch())).toEqual(["p1", "p3"]);
  });

  it("does not start without a clean match", () => {
    const state = run(
      [
        { type: "checkStarted", maxFiles: MAX_FILES },
        { type: "fileChecked", index: 0, rows: [{ outcome: "noMatch", messageKey: "bulkUpload.reasons.noMatch" }] },
        { type: "checkFinished" },
      ],
      chosen("a.xml"),
    );
    expect(run([{ type: "saveStarted" }], state)).toBe(state);
  });

  it("counts the progress by files sent, and marks each row saved or not saved with the reason", () => {
    let state = run([{ type: "saveStarted" }], checkedBatch());
    expect(state).toMatchObject({ phase: "saving", saving: { done: 0, total: 2 }, error: null });
    expect(statusMessage(state)).toEqual({ key: "bulkUpload.saveProgress", values: { done: 0, total: 2 } });
    state = run(
      [
        {
          type: "groupSaved",
          sent: 2,
          outcomes: [
            { pendingId: "p1", saved: true },
            { pendingId: "p3", saved: false, message: { key: "errors.staleForm" } },
          ],
        },
      ],
      state,
    );
    expect(state.saving).toEqual({ done: 2, total: 2 });
    expect(state.rows.map((r) => r.phase)).toEqual(["saved", "checked", "notSaved"]);
    expect(state.rows[2]!.saveMessage).toEqual({ key: "errors.staleForm" });
    state = run([{ type: "saveFinished" }], state);
    expect(state.phase).toBe("saved");
    expect(statusMessage(state)).toBeNull();
    expect(countsOf(state)).toMatchObject({ saved: 1, notSaved: 1 });
  });

  it("never counts more than were to be saved", () => {
    const state = run([{ type: "saveStarted" }, { type: "groupSaved", sent: 10, outcomes: [] }], checkedBatch());
    expect(state.saving).toEqual({ done: 2, total: 2 });
  });

  it("stops with the error, the rows not yet saved left as they were", () => {
    const state = run([{ type: "saveStarted" }, { type: "saveFinished", error: { key: "errors.generic" } }], checkedBatch());
    expect(state.phase).toBe("saved");
    expect(state.error).toEqual({ key: "errors.generic" });
    expect(state.rows.map((r) => r.phase)).toEqual(["checked", "checked", "checked"]);
  });
});
