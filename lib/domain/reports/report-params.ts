import { isIsoDate } from "../request-search";

// The report's parameters as they live in the URL (contracts §9), so that a report can be bookmarked:
// `type=summary|detailed`, `from` and `to` (creation dates, YYYY-MM-DD, both required, at most two years apart),
// `school` (MIDENT; board users and OCAS only) and, for the Detailed report, `page`. Parsed once and written back in
// one order. Errors are message keys under `reports.errors`.

export const REPORT_TYPES = ["summary", "detailed"] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

/** The longest range a report covers: the end date at most this many years after the start date. */
export const MAX_RANGE_YEARS = 2;
/** Rows per page of the Detailed report on screen. */
export const DETAILED_PAGE_SIZE = 50;
const MAX_PAGE = 100_000;

export type ReportParams = {
  type: ReportType;
  from?: string;
  to?: string;
  /** A school's MIDENT (its format checked here; whether it is in the user's scope, by the server). */
  school?: string;
  page: number;
};

export type ReportField = "from" | "to" | "school";
export type ReportErrors = Partial<Record<ReportField, string>>;

export type ParsedReport = {
  params: ReportParams;
  errors: ReportErrors;
  /** Whether a report was asked for (any of its parameters is in the URL); a first visit shows the form only. */
  requested: boolean;
};

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

function first(source: ParamSource, key: string): string | undefined {
  const raw = source instanceof URLSearchParams ? (source.has(key) ? source.get(key) : undefined) : source[key];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value === undefined || value === null ? undefined : value.trim().slice(0, 100);
}

/** The last date the range may end on: the same day `years` later (28 February for a 29th in a common year). */
export function latestEndDate(from: string, years = MAX_RANGE_YEARS): string {
  const [y, m, d] = from.split("-").map(Number) as [number, number, number];
  const lastOfMonth = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${String(y + years).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(Math.min(d, lastOfMonth)).padStart(2, "0")}`;
}

export function parseReportParams(source: ParamSource): ParsedReport {
  const errors: ReportErrors = {};
  const requested = ["type", "from", "to", "school"].some((key) => first(source, key) !== undefined);
  const rawType = first(source, "type");
  const type: ReportType = rawType === "detailed" ? "detailed" : "summary";

  const date = (key: "from" | "to", missing: string) => {
    const value = first(source, key);
    if (!value) {
      if (requested) errors[key] = missing;
      return undefined;
    }
    if (!isIsoDate(value)) {
      errors[key] = "reports.errors.invalidDate";
      return undefined;
    }
    return value;
  };
  const from = date("from", "reports.errors.startRequired");
  const to = date("to", "reports.errors.endRequired");
  if (from && to && to < from) errors.to = "reports.errors.endBeforeStart";
  else if (from && to && to > latestEndDate(from)) errors.to = "reports.errors.rangeTooLong";

  const schoolRaw = first(source, "school");
  let school: string | undefined;
  if (schoolRaw && /^\d{6}$/.test(schoolRaw)) school = schoolRaw;
  else if (schoolRaw) errors.school = "reports.errors.unknownSchool";

  const pageRaw = first(source, "page");
  const page = pageRaw && /^\d{1,6}$/.test(pageRaw) ? Math.min(Math.max(1, Number(pageRaw)), MAX_PAGE) : 1;

  return { params: { type, from, to, school, page }, errors, requested };
}

/** The parameters in one order, without the defaults (page 1); `overrides` replace some of them (a page link). */
export function reportParamsToSearchParams(params: ReportParams, overrides: Partial<ReportParams> = {}): URLSearchParams {
  const p = { ...params, ...overrides };
  const out = new URLSearchParams();
  out.set("type", p.type);
  if (p.from) out.set("from", p.from);
  if (p.to) out.set("to", p.to);
  if (p.school) out.set("school", p.school);
  if (p.type === "detailed" && p.page > 1) out.set("page", String(p.page));
  return out;
}
