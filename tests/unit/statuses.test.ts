import { describe, expect, it } from "vitest";
import {
  canTransition,
  DB_TABS,
  dbTabFromParam,
  isComplete,
  isOpen,
  NO_UPLOAD_ACTIONS,
  nextStatus,
  REQUEST_STATUSES,
  type NoUploadAction,
  type RequestEvent,
  type RequestStatus,
  STATUSES_BY_TAB,
  TAB_KEYS,
  TAB_PARAMS,
  tabKeyOf,
  tabOfStatus,
  tabParamOf,
  TRANSITIONS,
} from "@/lib/domain/statuses";

const EVENTS: readonly RequestEvent[] = [
  "UPLOAD_SAVED",
  "PROCESSING_SUCCEEDED",
  "PROCESSING_FAILED",
  "PDF_COMPLETED",
  "AUTO_MATCH_SUCCEEDED",
  "AUTO_MATCH_FAILED",
  "NO_UPLOAD",
  "CANCEL",
  "REOPEN",
];

describe("statuses and tabs", () => {
  it("lists the 11 glossary statuses in glossary order", () => {
    expect(REQUEST_STATUSES).toEqual([
      "ACTION_REQUIRED",
      "AUTO_PROCESS_ERROR",
      "INCOMPLETE_ACTION_REQUIRED",
      "FINANCIAL_HOLD",
      "NO_ACADEMIC_DATA",
      "STUDENT_NOT_FOUND",
      "FILE_UPLOAD_ERROR",
      "TRANSCRIPT_UPLOADED",
      "E_TRANSCRIPT_SENT",
      "PAPER_TRANSCRIPT_SENT",
      "REQUEST_CANCELLED",
    ]);
  });

  it("names tabs three ways, in the same order", () => {
    expect(DB_TABS).toEqual(["TODO", "INCOMPLETE", "IN_PROGRESS", "COMPLETE"]);
    expect(TAB_KEYS).toEqual(["todo", "incomplete", "inProgress", "complete"]);
    expect(TAB_PARAMS).toEqual(["todo", "incomplete", "in-progress", "complete"]);
    expect(DB_TABS.map(tabKeyOf)).toEqual(TAB_KEYS);
    expect(DB_TABS.map(tabParamOf)).toEqual(TAB_PARAMS);
  });

  it.each([
    ["ACTION_REQUIRED", "TODO"],
    ["AUTO_PROCESS_ERROR", "TODO"],
    ["INCOMPLETE_ACTION_REQUIRED", "INCOMPLETE"],
    ["FINANCIAL_HOLD", "INCOMPLETE"],
    ["NO_ACADEMIC_DATA", "INCOMPLETE"],
    ["STUDENT_NOT_FOUND", "INCOMPLETE"],
    ["FILE_UPLOAD_ERROR", "INCOMPLETE"],
    ["TRANSCRIPT_UPLOADED", "IN_PROGRESS"],
    ["E_TRANSCRIPT_SENT", "COMPLETE"],
    ["PAPER_TRANSCRIPT_SENT", "COMPLETE"],
    ["REQUEST_CANCELLED", "COMPLETE"],
  ] as const)("puts %s in tab %s", (status, tab) => {
    expect(tabOfStatus(status)).toBe(tab);
  });

  it("groups statuses by tab, in glossary order, each status exactly once", () => {
    expect(STATUSES_BY_TAB).toEqual({
      TODO: ["ACTION_REQUIRED", "AUTO_PROCESS_ERROR"],
      INCOMPLETE: ["INCOMPLETE_ACTION_REQUIRED", "FINANCIAL_HOLD", "NO_ACADEMIC_DATA", "STUDENT_NOT_FOUND", "FILE_UPLOAD_ERROR"],
      IN_PROGRESS: ["TRANSCRIPT_UPLOADED"],
      COMPLETE: ["E_TRANSCRIPT_SENT", "PAPER_TRANSCRIPT_SENT", "REQUEST_CANCELLED"],
    });
    expect(DB_TABS.flatMap((tab) => STATUSES_BY_TAB[tab])).toEqual(REQUEST_STATUSES);
  });

  it("reads the tab from the URL parameter and nothing else", () => {
    expect(dbTabFromParam("todo")).toBe("TODO");
    expect(dbTabFromParam("incomplete")).toBe("INCOMPLETE");
    expect(dbTabFromParam("in-progress")).toBe("IN_PROGRESS");
    expect(dbTabFromParam("complete")).toBe("COMPLETE");
    for (const junk of [undefined, null, "", "inProgress", "IN_PROGRESS", "TODO", "Todo", " todo", "toString", "__proto__"]) {
      expect(dbTabFromParam(junk)).toBeNull();
    }
  });

  it("says which statuses are open and which complete", () => {
    const open = REQUEST_STATUSES.filter(isOpen);
    const complete = REQUEST_STATUSES.filter(isComplete);
    expect(open).toEqual([
      "ACTION_REQUIRED",
      "AUTO_PROCESS_ERROR",
      "INCOMPLETE_ACTION_REQUIRED",
      "FINANCIAL_HOLD",
      "NO_ACADEMIC_DATA",
      "STUDENT_NOT_FOUND",
      "FILE_UPLOAD_ERROR",
    ]);
    expect(complete).toEqual(["E_TRANSCRIPT_SENT", "PAPER_TRANSCRIPT_SENT", "REQUEST_CANCELLED"]);
    expect(isOpen("TRANSCRIPT_UPLOADED")).toBe(false);
    expect(isComplete("TRANSCRIPT_UPLOADED")).toBe(false);
  });
});

describe("no-upload actions", () => {
  it("maps each drop-down action to its glossary status", () => {
    expect(NO_UPLOAD_ACTIONS).toEqual(["PAPER_SENT", "STUDENT_NOT_FOUND", "NO_ACADEMIC_DATA", "FINANCIAL_HOLD"]);
    expect(nextStatus("ACTION_REQUIRED", "NO_UPLOAD", "PAPER_SENT")).toBe("PAPER_TRANSCRIPT_SENT");
    expect(nextStatus("ACTION_REQUIRED", "NO_UPLOAD", "STUDENT_NOT_FOUND")).toBe("STUDENT_NOT_FOUND");
    expect(nextStatus("ACTION_REQUIRED", "NO_UPLOAD", "NO_ACADEMIC_DATA")).toBe("NO_ACADEMIC_DATA");
    expect(nextStatus("ACTION_REQUIRED", "NO_UPLOAD", "FINANCIAL_HOLD")).toBe("FINANCIAL_HOLD");
  });
});

// Written out by hand from product spec §2–§6, independently of TRANSITIONS.
// NO_UPLOAD is keyed by action; a missing entry means refused.
type Expected = Partial<Record<Exclude<RequestEvent, "NO_UPLOAD">, RequestStatus>> & {
  NO_UPLOAD?: Partial<Record<NoUploadAction, RequestStatus>>;
};

const ALL_NO_UPLOAD = {
  PAPER_SENT: "PAPER_TRANSCRIPT_SENT",
  STUDENT_NOT_FOUND: "STUDENT_NOT_FOUND",
  NO_ACADEMIC_DATA: "NO_ACADEMIC_DATA",
  FINANCIAL_HOLD: "FINANCIAL_HOLD",
} as const;

const EXPECTED: Record<RequestStatus, Expected> = {
  ACTION_REQUIRED: {
    UPLOAD_SAVED: "TRANSCRIPT_UPLOADED",
    NO_UPLOAD: ALL_NO_UPLOAD,
    CANCEL: "REQUEST_CANCELLED",
    AUTO_MATCH_SUCCEEDED: "E_TRANSCRIPT_SENT",
    AUTO_MATCH_FAILED: "AUTO_PROCESS_ERROR",
  },
  AUTO_PROCESS_ERROR: {
    UPLOAD_SAVED: "TRANSCRIPT_UPLOADED",
    NO_UPLOAD: ALL_NO_UPLOAD,
    CANCEL: "REQUEST_CANCELLED",
    AUTO_MATCH_SUCCEEDED: "E_TRANSCRIPT_SENT",
    AUTO_MATCH_FAILED: "AUTO_PROCESS_ERROR",
  },
  INCOMPLETE_ACTION_REQUIRED: {
    UPLOAD_SAVED: "TRANSCRIPT_UPLOADED",
    NO_UPLOAD: ALL_NO_UPLOAD,
    CANCEL: "REQUEST_CANCELLED",
  },
  FINANCIAL_HOLD: {
    UPLOAD_SAVED: "TRANSCRIPT_UPLOADED",
    NO_UPLOAD: { PAPER_SENT: "PAPER_TRANSCRIPT_SENT", STUDENT_NOT_FOUND: "STUDENT_NOT_FOUND", NO_ACADEMIC_DATA: "NO_ACADEMIC_DATA" },
    CANCEL: "REQUEST_CANCELLED",
  },
  NO_ACADEMIC_DATA: {
    UPLOAD_SAVED: "TRANSCRIPT_UPLOADED",
    NO_UPLOAD: { PAPER_SENT: "PAPER_TRANSCRIPT_SENT", STUDENT_NOT_FOUND: "STUDENT_NOT_FOUND", FINANCIAL_HOLD: "FINANCIAL_HOLD" },
    CANCEL: "REQUEST_CANCELLED",
  },
  STUDENT_NOT_FOUND: {
    UPLOAD_SAVED: "TRANSCRIPT_UPLOADED",
    NO_UPLOAD: { PAPER_SENT: "PAPER_TRANSCRIPT_SENT", NO_ACADEMIC_DATA: "NO_ACADEMIC_DATA", FINANCIAL_HOLD: "FINANCIAL_HOLD" },
    CANCEL: "REQUEST_CANCELLED",
  },
  FILE_UPLOAD_ERROR: {
    UPLOAD_SAVED: "TRANSCRIPT_UPLOADED",
    NO_UPLOAD: ALL_NO_UPLOAD,
    CANCEL: "REQUEST_CANCELLED",
  },
  TRANSCRIPT_UPLOADED: {
    PROCESSING_SUCCEEDED: "E_TRANSCRIPT_SENT",
    PDF_COMPLETED: "E_TRANSCRIPT_SENT",
    PROCESSING_FAILED: "FILE_UPLOAD_ERROR",
    CANCEL: "REQUEST_CANCELLED",
  },
  E_TRANSCRIPT_SENT: { UPLOAD_SAVED: "TRANSCRIPT_UPLOADED", REOPEN: "INCOMPLETE_ACTION_REQUIRED" },
  PAPER_TRANSCRIPT_SENT: { UPLOAD_SAVED: "TRANSCRIPT_UPLOADED", REOPEN: "INCOMPLETE_ACTION_REQUIRED" },
  REQUEST_CANCELLED: { REOPEN: "INCOMPLETE_ACTION_REQUIRED" },
};

function expectedNext(from: RequestStatus, event: RequestEvent, action: NoUploadAction | undefined): RequestStatus | null {
  const row = EXPECTED[from];
  if (event === "NO_UPLOAD") return action === undefined ? null : (row.NO_UPLOAD?.[action] ?? null);
  return row[event] ?? null;
}

describe("status machine", () => {
  const ACTIONS: readonly (NoUploadAction | undefined)[] = [undefined, ...NO_UPLOAD_ACTIONS];
  const cases = REQUEST_STATUSES.flatMap((from) =>
    EVENTS.flatMap((event) => ACTIONS.map((action) => [from, event, action, expectedNext(from, event, action)] as const)),
  );

  it("covers every status × event × action combination", () => {
    expect(cases).toHaveLength(11 * 9 * 5);
  });

  it.each(cases)("%s + %s (%s) → %s", (from, event, action, expected) => {
    expect(nextStatus(from, event, action)).toBe(expected);
  });

  it("refuses a no-upload event without an action", () => {
    expect(nextStatus("ACTION_REQUIRED", "NO_UPLOAD")).toBeNull();
  });

  it("refuses a no-upload action that would not change the status", () => {
    expect(nextStatus("FINANCIAL_HOLD", "NO_UPLOAD", "FINANCIAL_HOLD")).toBeNull();
    expect(nextStatus("STUDENT_NOT_FOUND", "NO_UPLOAD", "STUDENT_NOT_FOUND")).toBeNull();
    expect(nextStatus("NO_ACADEMIC_DATA", "NO_UPLOAD", "NO_ACADEMIC_DATA")).toBeNull();
  });

  it("has a row for every status and nothing else", () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...REQUEST_STATUSES].sort());
  });

  it("derives canTransition from the same rules", () => {
    for (const from of REQUEST_STATUSES) {
      for (const to of REQUEST_STATUSES) {
        const reachable = EVENTS.some((event) => ACTIONS.some((action) => expectedNext(from, event, action) === to));
        expect(canTransition(from, to), `${from} → ${to}`).toBe(reachable);
      }
    }
  });

  it("spot-checks canTransition", () => {
    expect(canTransition("ACTION_REQUIRED", "PAPER_TRANSCRIPT_SENT")).toBe(true);
    expect(canTransition("AUTO_PROCESS_ERROR", "AUTO_PROCESS_ERROR")).toBe(true);
    expect(canTransition("FINANCIAL_HOLD", "FINANCIAL_HOLD")).toBe(false);
    expect(canTransition("REQUEST_CANCELLED", "TRANSCRIPT_UPLOADED")).toBe(false);
    expect(canTransition("TRANSCRIPT_UPLOADED", "FINANCIAL_HOLD")).toBe(false);
    expect(canTransition("E_TRANSCRIPT_SENT", "REQUEST_CANCELLED")).toBe(false);
  });

  it("never leaves a closed request except by re-upload or reopen", () => {
    for (const from of REQUEST_STATUSES.filter(isComplete)) {
      for (const event of EVENTS) {
        if (event === "UPLOAD_SAVED" || event === "REOPEN") continue;
        for (const action of ACTIONS) expect(nextStatus(from, event, action)).toBeNull();
      }
    }
  });
});
