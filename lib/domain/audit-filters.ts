import { isIsoDate } from "./request-search";

// The Audit Log's filters as they live in the URL (contracts §10): ?entity=<kind>&actor=<username>&target=<number,
// MIDENT, code, username…>&from=<YYYY-MM-DD>&to=<YYYY-MM-DD>&page=<n> (Toronto days). Parsed once; a value that is
// not one is dropped (the page says so for the dates, the values a user types), and written back in one order.

export const AUDIT_PAGE_SIZE = 50;
/** The kinds of thing an audit row is about (`AuditEvent.entity`). */
export const AUDIT_ENTITIES = ["board", "school", "college", "user", "settings", "transmissionBatch"] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];
const MAX_PAGE = 100_000;
const TEXT_MAX = 100;

export type AuditFilters = { entity?: AuditEntity; actor?: string; target?: string; from?: string; to?: string; page: number };
/** Per filter: a message key under `admin.audit.errors`. */
export type AuditFilterErrors = Partial<Record<"from" | "to", string>>;

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

function first(source: ParamSource, key: string): string | undefined {
  const raw = source instanceof URLSearchParams ? source.get(key) : source[key];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value ? value.slice(0, TEXT_MAX) : undefined;
}

export function parseAuditFilters(source: ParamSource): { filters: AuditFilters; errors: AuditFilterErrors } {
  const errors: AuditFilterErrors = {};
  const filters: AuditFilters = { page: 1 };
  const entity = first(source, "entity");
  if (entity && (AUDIT_ENTITIES as readonly string[]).includes(entity)) filters.entity = entity as AuditEntity;
  const actor = first(source, "actor")?.toLowerCase();
  if (actor) filters.actor = actor;
  const target = first(source, "target");
  if (target) filters.target = target;
  for (const key of ["from", "to"] as const) {
    const value = first(source, key);
    if (value && isIsoDate(value)) filters[key] = value;
    else if (value) errors[key] = "admin.audit.errors.dateInvalid";
  }
  if (filters.from && filters.to && filters.from > filters.to) errors.to = "admin.audit.errors.toBeforeFrom";
  const page = first(source, "page");
  if (page && /^\d{1,6}$/.test(page)) filters.page = Math.min(Math.max(1, Number(page)), MAX_PAGE);
  return { filters, errors };
}

/** The filters as URL parameters, in one order, without the defaults; `page` overrides the filters' page. */
export function auditParams(filters: AuditFilters, options: { page?: number } = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ["entity", "actor", "target", "from", "to"] as const) if (filters[key]) params.set(key, filters[key]!);
  const page = options.page ?? filters.page;
  if (page > 1) params.set("page", String(page));
  return params;
}

export const hasAuditFilters = (f: AuditFilters) => Boolean(f.entity || f.actor || f.target || f.from || f.to);
