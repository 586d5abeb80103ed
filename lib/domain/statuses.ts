export const REQUEST_STATUSES = [
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
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

// One tab, three spellings: the database enum, the message key and the URL value.
export const DB_TABS = ["TODO", "INCOMPLETE", "IN_PROGRESS", "COMPLETE"] as const;
export type DbTab = (typeof DB_TABS)[number];
export const TAB_KEYS = ["todo", "incomplete", "inProgress", "complete"] as const;
export type TabKey = (typeof TAB_KEYS)[number];
export const TAB_PARAMS = ["todo", "incomplete", "in-progress", "complete"] as const;
export type TabParam = (typeof TAB_PARAMS)[number];

const TAB_OF_STATUS: Readonly<Record<RequestStatus, DbTab>> = {
  ACTION_REQUIRED: "TODO",
  AUTO_PROCESS_ERROR: "TODO",
  INCOMPLETE_ACTION_REQUIRED: "INCOMPLETE",
  FINANCIAL_HOLD: "INCOMPLETE",
  NO_ACADEMIC_DATA: "INCOMPLETE",
  STUDENT_NOT_FOUND: "INCOMPLETE",
  FILE_UPLOAD_ERROR: "INCOMPLETE",
  TRANSCRIPT_UPLOADED: "IN_PROGRESS",
  E_TRANSCRIPT_SENT: "COMPLETE",
  PAPER_TRANSCRIPT_SENT: "COMPLETE",
  REQUEST_CANCELLED: "COMPLETE",
};

export function tabOfStatus(status: RequestStatus): DbTab {
  return TAB_OF_STATUS[status];
}

export function tabKeyOf(tab: DbTab): TabKey {
  return TAB_KEYS[DB_TABS.indexOf(tab)]!;
}

export function tabParamOf(tab: DbTab): TabParam {
  return TAB_PARAMS[DB_TABS.indexOf(tab)]!;
}

export function dbTabFromParam(param: string | undefined | null): DbTab | null {
  const index = TAB_PARAMS.indexOf(param as TabParam);
  return index === -1 ? null : DB_TABS[index]!;
}

export const STATUSES_BY_TAB: Readonly<Record<DbTab, readonly RequestStatus[]>> = {
  TODO: REQUEST_STATUSES.filter((s) => TAB_OF_STATUS[s] === "TODO"),
  INCOMPLETE: REQUEST_STATUSES.filter((s) => TAB_OF_STATUS[s] === "INCOMPLETE"),
  IN_PROGRESS: REQUEST_STATUSES.filter((s) => TAB_OF_STATUS[s] === "IN_PROGRESS"),
  COMPLETE: REQUEST_STATUSES.filter((s) => TAB_OF_STATUS[s] === "COMPLETE"),
};

export function isOpen(status: RequestStatus): boolean {
  const tab = TAB_OF_STATUS[status];
  return tab === "TODO" || tab === "INCOMPLETE";
}

export function isComplete(status: RequestStatus): boolean {
  return TAB_OF_STATUS[status] === "COMPLETE";
}

export const NO_UPLOAD_ACTIONS = ["PAPER_SENT", "STUDENT_NOT_FOUND", "NO_ACADEMIC_DATA", "FINANCIAL_HOLD"] as const;
export type NoUploadAction = (typeof NO_UPLOAD_ACTIONS)[number];

const STATUS_AFTER_NO_UPLOAD_ACTION: Readonly<Record<NoUploadAction, RequestStatus>> = {
  PAPER_SENT: "PAPER_TRANSCRIPT_SENT",
  STUDENT_NOT_FOUND: "STUDENT_NOT_FOUND",
  NO_ACADEMIC_DATA: "NO_ACADEMIC_DATA",
  FINANCIAL_HOLD: "FINANCIAL_HOLD",
};

export type RequestEvent =
  | "UPLOAD_SAVED"
  | "PROCESSING_SUCCEEDED"
  | "PROCESSING_FAILED"
  | "PDF_COMPLETED"
  | "AUTO_MATCH_SUCCEEDED"
  | "AUTO_MATCH_FAILED"
  | "NO_UPLOAD"
  | "CANCEL"
  | "REOPEN";

// The target of NO_UPLOAD depends on the chosen action, so the table cannot name it.
const BY_ACTION = "BY_ACTION";
type Target = RequestStatus | typeof BY_ACTION;

/** Every allowed transition (product spec §2–§6); an event missing from a row is refused. */
export const TRANSITIONS: Readonly<Record<RequestStatus, Readonly<Partial<Record<RequestEvent, Target>>>>> = {
  ACTION_REQUIRED: {
    UPLOAD_SAVED: "TRANSCRIPT_UPLOADED",
    NO_UPLOAD: BY_ACTION,
    CANCEL: "REQUEST_CANCELLED",
    AUTO_MATCH_SUCCEEDED: "E_TRANSCRIPT_SENT",
    AUTO_MATCH_FAILED: "AUTO_PROCESS_ERROR",
  },
  AUTO_PROCESS_ERROR: {
    UPLOAD_SAVED: "TRANSCRIPT_UPLOADED",
    NO_UPLOAD: BY_ACTION,
    CANCEL: "REQUEST_CANCELLED",
    AUTO_MATCH_SUCCEEDED: "E_TRANSCRIPT_SENT",
    AUTO_MATCH_FAILED: "AUTO_PROCESS_ERROR",
  },
  INCOMPLETE_ACTION_REQUIRED: { UPLOAD_SAVED: "TRANSCRIPT_UPLOADED", NO_UPLOAD: BY_ACTION, CANCEL: "REQUEST_CANCELLED" },
  FINANCIAL_HOLD: { UPLOAD_SAVED: "TRANSCRIPT_UPLOADED", NO_UPLOAD: BY_ACTION, CANCEL: "REQUEST_CANCELLED" },
  NO_ACADEMIC_DATA: { UPLOAD_SAVED: "TRANSCRIPT_UPLOADED", NO_UPLOAD: BY_ACTION, CANCEL: "REQUEST_CANCELLED" },
  STUDENT_NOT_FOUND: { UPLOAD_SAVED: "TRANSCRIPT_UPLOADED", NO_UPLOAD: BY_ACTION, CANCEL: "REQUEST_CANCELLED" },
  FILE_UPLOAD_ERROR: { UPLOAD_SAVED: "TRANSCRIPT_UPLOADED", NO_UPLOAD: BY_ACTION, CANCEL: "REQUEST_CANCELLED" },
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

/** The status after `event`, or null when the request's status refuses it. `action` matters only for NO_UPLOAD. */
export function nextStatus(from: RequestStatus, event: RequestEvent, action?: NoUploadAction): RequestStatus | null {
  const target = TRANSITIONS[from][event];
  if (target !== BY_ACTION) return target ?? null;
  if (action === undefined) return null;
  const to = STATUS_AFTER_NO_UPLOAD_ACTION[action];
  // Recording "Financial Hold" on a request already on hold would only add noise to the timeline.
  return to === from ? null : to;
}

export function canTransition(from: RequestStatus, to: RequestStatus): boolean {
  const events = Object.keys(TRANSITIONS[from]) as RequestEvent[];
  return events.some((event) => [undefined, ...NO_UPLOAD_ACTIONS].some((action) => nextStatus(from, event, action) === to));
}
