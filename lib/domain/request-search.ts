import { isOenFormat } from "./oen";
import { dbTabFromParam, REQUEST_STATUSES, tabParamOf, type DbTab, type RequestStatus } from "./statuses";

// The dashboard's search as it lives in the URL (contracts §1): parsed once, validated, and written back in a
// canonical order so that links and bookmarks stay stable. Errors are message keys under `search.errors`.

export const SORT_KEYS = ["requestDate", "age", "referenceNumber", "name", "requestType", "lastAttended", "sendDate", "status", "school"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = "asc" | "desc";

export const PAGE_SIZE = 50;
const MAX_TEXT = 100;

export type RequestSearch = {
  tab: DbTab;
  /** Status filter: null = the tab's statuses; "ALL" = every status in every tab; otherwise these statuses. */
  statuses: RequestStatus[] | "ALL" | null;
  from?: string;
  to?: string;
  requestNumber?: string;
  accountNumber?: string;
  referenceNumber?: string;
  oen?: string;
  firstName?: string;
  lastName?: string;
  lastAttended?: string;
  school?: string;
  sort: SortKey;
  dir: SortDir;
  page: number;
};

export type SearchField = "from" | "to" | "oen" | "lastAttended" | "referenceNumber" | "requestNumber" | "accountNumber" | "school" | "firstName" | "lastName";
export type SearchErrors = Partial<Record<SearchField, string>>;

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

function all(source: ParamSource, key: string): string[] {
  if (source instanceof URLSearchParams) return source.getAll(key);
  const v = source[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function one(source: ParamSource, key: string): string | undefined {
  const v = all(source, key)[0]?.trim();
  return v ? v.slice(0, MAX_TEXT) : undefined;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const YEAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isIsoDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function defaultDir(sort: SortKey): SortDir {
  return sort === "requestDate" ? "desc" : "asc";
}

export function parseRequestSearch(source: ParamSource): { search: RequestSearch; errors: SearchErrors } {
  const errors: SearchErrors = {};
  const tab = dbTabFromParam(one(source, "tab")) ?? "TODO";

  const rawStatuses = all(source, "status")
    .flatMap((s) => s.split(","))
    .map((s) => s.trim())
    .filter(Boolean);
  let statuses: RequestSearch["statuses"] = null;
  if (rawStatuses.includes("ALL")) statuses = "ALL";
  else {
    const valid = REQUEST_STATUSES.filter((s) => rawStatuses.includes(s));
    if (valid.length > 0) statuses = valid;
  }

  const date = (key: "from" | "to") => {
    const v = one(source, key);
    if (v && !isIsoDate(v)) errors[key] = "search.errors.invalidDate";
    return v && isIsoDate(v) ? v : undefined;
  };
  const from = date("from");
  const to = date("to");
  if (from && to && to < from) errors.to = "search.errors.endBeforeStart";

  const oenRaw = one(source, "oen")?.replace(/[\s-]/g, "");
  if (oenRaw && !isOenFormat(oenRaw)) errors.oen = "search.errors.invalidOen";
  const lastAttended = one(source, "lastAttended");
  if (lastAttended && !YEAR_MONTH.test(lastAttended)) errors.lastAttended = "search.errors.invalidYearMonth";
  const digits = (key: "requestNumber" | "accountNumber") => {
    const v = one(source, key);
    if (v && !/^\d{1,20}$/.test(v)) errors[key] = "search.errors.digitsOnly";
    return v && /^\d{1,20}$/.test(v) ? v : undefined;
  };
  const requestNumber = digits("requestNumber");
  const accountNumber = digits("accountNumber");
  const referenceNumber = one(source, "referenceNumber")?.toUpperCase();
  const school = one(source, "school");
  if (school && !/^\d{6}$/.test(school)) errors.school = "search.errors.invalidMident";

  const sortRaw = one(source, "sort");
  const sort = (SORT_KEYS as readonly string[]).includes(sortRaw ?? "") ? (sortRaw as SortKey) : "requestDate";
  const dirRaw = one(source, "dir");
  const dir: SortDir = dirRaw === "asc" || dirRaw === "desc" ? dirRaw : defaultDir(sort);
  const pageRaw = Number(one(source, "page") ?? "1");
  const page = Number.isInteger(pageRaw) && pageRaw >= 1 && pageRaw <= 1_000_000 ? pageRaw : 1;

  return {
    search: {
      tab,
      statuses,
      from,
      to,
      requestNumber,
      accountNumber,
      // A reference number is matched exactly; "45454545" alone is accepted as "REF-45454545".
      referenceNumber: referenceNumber ? (/^\d{8}$/.test(referenceNumber) ? `REF-${referenceNumber}` : referenceNumber) : undefined,
      oen: oenRaw && isOenFormat(oenRaw) ? oenRaw : undefined,
      firstName: one(source, "firstName"),
      lastName: one(source, "lastName"),
      lastAttended: lastAttended && YEAR_MONTH.test(lastAttended) ? lastAttended : undefined,
      school: school && /^\d{6}$/.test(school) ? school : undefined,
      sort,
      dir,
      page,
    },
    errors,
  };
}

const FILTER_KEYS = ["from", "to", "requestNumber", "accountNumber", "referenceNumber", "oen", "firstName", "lastName", "lastAttended", "school"] as const;

/** Whether any search field (not tab, sort or page) is set. */
export function hasFilters(search: RequestSearch): boolean {
  return search.statuses !== null || FILTER_KEYS.some((k) => search[k] !== undefined);
}

/** The canonical URL parameters of a search; defaults are left out. */
export function searchToParams(search: RequestSearch, overrides: Partial<RequestSearch> = {}): URLSearchParams {
  const s = { ...search, ...overrides };
  const params = new URLSearchParams();
  if (s.statuses === null) params.set("tab", tabParamOf(s.tab));
  else if (s.statuses === "ALL") params.set("status", "ALL");
  else for (const status of s.statuses) params.append("status", status);
  for (const key of FILTER_KEYS) {
    const v = s[key];
    if (v) params.set(key, v);
  }
  if (s.sort !== "requestDate" || s.dir !== "desc") {
    params.set("sort", s.sort);
    params.set("dir", s.dir);
  }
  if (s.page > 1) params.set("page", String(s.page));
  return params;
}
