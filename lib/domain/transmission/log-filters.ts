import { isIsoDate } from "../request-search";
import { BATCH_STATES, type BatchState } from "./item-state";

// The Transmission Log's filters as they live in the URL (contracts §4, "Log"): ?college=<code>&night=<YYYY-MM-DD>
// &state=<batch state>&page=<n>. Parsed once; a value that is not one is dropped (the page says so for the night,
// the one value a user types), and written back in one order so that links stay stable.

export const LOG_PAGE_SIZE = 50;
const COLLEGE_CODE = /^[A-Z0-9]{2,8}$/;
const MAX_PAGE = 100_000;

export type TransmissionLogFilters = {
  college?: string;
  night?: string;
  state?: BatchState;
  page: number;
};

/** Per filter: a message key under `transmissions.errors`. */
export type TransmissionLogErrors = Partial<Record<"night", string>>;

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

function first(source: ParamSource, key: string): string | undefined {
  const raw = source instanceof URLSearchParams ? source.get(key) : source[key];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value ? value.slice(0, 100) : undefined;
}

export function parseTransmissionLogFilters(source: ParamSource): { filters: TransmissionLogFilters; errors: TransmissionLogErrors } {
  const errors: TransmissionLogErrors = {};
  const filters: TransmissionLogFilters = { page: 1 };

  const college = first(source, "college")?.toUpperCase();
  if (college && COLLEGE_CODE.test(college)) filters.college = college;

  const night = first(source, "night");
  if (night && isIsoDate(night)) filters.night = night;
  else if (night) errors.night = "transmissions.errors.nightInvalid";

  const state = first(source, "state")?.toUpperCase();
  if (state && (BATCH_STATES as readonly string[]).includes(state)) filters.state = state as BatchState;

  const page = first(source, "page");
  if (page && /^\d{1,6}$/.test(page)) filters.page = Math.min(Math.max(1, Number(page)), MAX_PAGE);
  return { filters, errors };
}

/** The filters as URL parameters, in one order, without the defaults; `page` overrides the filters' page. */
export function transmissionLogParams(filters: TransmissionLogFilters, options: { page?: number } = {}): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.college) params.set("college", filters.college);
  if (filters.night) params.set("night", filters.night);
  if (filters.state) params.set("state", filters.state);
  const page = options.page ?? filters.page;
  if (page > 1) params.set("page", String(page));
  return params;
}

/** Whether any filter is set (the page then says "no batch matches" rather than "no batches yet"). */
export const hasLogFilters = (filters: TransmissionLogFilters) => Boolean(filters.college || filters.night || filters.state);
