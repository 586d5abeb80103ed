import "server-only";
import type { Actor } from "@/lib/auth/roles";
import { torontoDate } from "@/lib/domain/business-days";
import type { ReportParams } from "@/lib/domain/reports/report-params";
import { ANSWERED_STATUSES, weeksBetween } from "@/lib/domain/reports/statistics";
import { SummaryTally, WeeklySla, type SummaryFigures } from "@/lib/domain/reports/summary";
import { isOpen, type RequestStatus } from "@/lib/domain/statuses";
import { businessDayNumbers } from "@/lib/domain/toronto-days";
import { requestWhere } from "@/lib/server/requests/request-where";
import { getSlaBusinessDays } from "@/lib/server/settings/get-sla";
import { dashboardReader, type DashboardReader } from "@/lib/server/sql/dashboard-reader";
import { SqlParams, whereSql } from "@/lib/server/sql/request-sql";
import { resolveReportScope, type ReportSchool, type ReportScope } from "./report-scope";

export type SummaryRow = { school: ReportSchool; figures: SummaryFigures };

export type SummaryReport = {
  scope: ReportScope;
  slaBusinessDays: number;
  /** The Toronto date the open requests are aged at. */
  today: string;
  /** One row per school with requests in the range (and the chosen school, always), by MIDENT. */
  rows: SummaryRow[];
  total: SummaryFigures;
  /** Board analytics (board users and OCAS): SLA compliance by the week of the request date. */
  weekly: { week: string; answered: number; within: number; share: number | null }[] | null;
};

/** The hours since 1970 (UTC) of a time column: SQLite holds ISO 8601 text, PostgreSQL a timestamp in UTC. */
const UTC_HOUR = {
  sqlite: (column: string) => `unixepoch(${column}) / 3600`,
  postgresql: (column: string) => `CAST(floor(extract(epoch FROM ${column}) / 3600) AS integer)`,
};

const ANSWERED_SQL = ANSWERED_STATUSES.map((s) => `'${s}'`).join(", ");

/**
 * One statement, on the dashboard's read connection: the requests of the dashboard's filter (scope, dates, school,
 * every status) with the four columns the figures need; the completion time only where it is measured. Counting and
 * ageing happen as the rows arrive (ages memoised per pair of Toronto dates): measured on the benchmark, a GROUP BY
 * on the Toronto dates in SQL sorts as many groups as there are rows and costs twice as much (ADR 0018).
 */
async function readRows(reader: DashboardReader, where: ReturnType<typeof requestWhere>) {
  const params = new SqlParams(reader.dialect);
  const condition = whereSql(where, params);
  // The times as UTC hours (integers): the database parses them faster than the process would their text.
  const sql = `SELECT r."schoolId", r."status", ${UTC_HOUR[reader.dialect]('r."paidAt"')}, CASE WHEN r."status" IN (${ANSWERED_SQL}) THEN ${UTC_HOUR[reader.dialect]('r."completedAt"')} END FROM "TranscriptRequest" r WHERE ${condition}`;
  return reader.rows(sql, params.values);
}

/** The Summary report (contracts §9) of `params` for `actor`, or null when the school is outside the actor's scope. */
export async function summaryReport(actor: Actor, params: ReportParams, now = new Date()): Promise<SummaryReport | null> {
  const scope = await resolveReportScope(actor, params);
  if (!scope) return null;
  const reader = dashboardReader();
  const [sla, rows] = await Promise.all([getSlaBusinessDays(), readRows(reader, requestWhere(actor, scope.search, { withStatus: true }))]);
  const today = torontoDate(now);
  // Every instant read is on or after the start date (the filter): the day before it is the numbers' base.
  const base = new Date(`${params.from ?? "2000-01-01"}T00:00:00Z`);
  base.setUTCDate(base.getUTCDate() - 1);
  const days = businessDayNumbers(base.toISOString().slice(0, 10));
  const todayNumber = days.ofDate(today);
  const analytics = actor.role !== "SCHOOL_USER";
  const weekly = new WeeklySla(sla);
  const bySchool = new Map<string, SummaryTally>();
  for (const row of rows) {
    const schoolId = row[0] as string;
    const status = row[1] as RequestStatus;
    const paid = days.ofHour(row[2] as number);
    let tally = bySchool.get(schoolId);
    if (!tally) bySchool.set(schoolId, (tally = new SummaryTally(sla)));
    if (row[3] !== null && row[3] !== undefined) {
      const completed = days.ofHour(row[3] as number);
      const age = Math.max(0, completed.index - paid.index);
      tally.add(status, { atCompletion: age });
      if (analytics) weekly.add(paid.date, age);
    } else if (isOpen(status)) tally.add(status, { now: Math.max(0, todayNumber - paid.index) });
    else tally.add(status, {});
  }

  const total = new SummaryTally(sla);
  const summaryRows: SummaryRow[] = [];
  for (const school of scope.schools) {
    const tally = bySchool.get(school.id);
    if (!tally && school.id !== scope.school?.id) continue;
    const figures = (tally ?? new SummaryTally(sla)).figures();
    if (tally) total.addAll(tally);
    summaryRows.push({ school, figures });
  }
  return {
    scope,
    slaBusinessDays: sla,
    today,
    rows: summaryRows,
    total: total.figures(),
    weekly: analytics && params.from && params.to ? weekly.series(weeksBetween(params.from, params.to)) : null,
  };
}
