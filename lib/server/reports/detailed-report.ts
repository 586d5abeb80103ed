import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/roles";
import { requestScope } from "@/lib/auth/scope";
import type { ReportParams } from "@/lib/domain/reports/report-params";
import { torontoDays } from "@/lib/domain/toronto-days";
import { isComplete } from "@/lib/domain/statuses";
import { requestAnswer, type RequestAnswer } from "@/lib/server/exports/export-rows";
import { findRequests, type RequestRow, type RequestsPage } from "@/lib/server/requests/find-requests";
import { resolveReportScope, type ReportScope } from "./report-scope";

export type DetailedRow = RequestRow & { answer: RequestAnswer };
export type DetailedReport = { scope: ReportScope; page: Omit<RequestsPage, "rows"> & { rows: DetailedRow[] } };

/**
 * One page of the Detailed report (contracts §9): the dashboard's page of the search `status=ALL` with the report's
 * dates and school (newest first, 50 a page, on the server), and for its rows when they were completed and what
 * answered them. Null when the school is outside the actor's scope.
 */
export async function detailedReport(actor: Actor, params: ReportParams, now = new Date()): Promise<DetailedReport | null> {
  const scope = await resolveReportScope(actor, params, params.page);
  if (!scope) return null;
  const page = await findRequests({ actor, search: scope.search });
  const ids = page.rows.map((r) => r.id);
  const details = await db.transcriptRequest.findMany({
    // Scope again: this query reads by id.
    where: { AND: [requestScope(actor), { id: { in: ids } }] },
    select: {
      id: true,
      completedAt: true,
      transcripts: { where: { isCurrent: true }, orderBy: { createdAt: "desc" }, take: 1, select: { source: true, format: true } },
      files: { orderBy: { createdAt: "desc" }, take: 1, select: { kind: true } },
    },
  });
  const byId = new Map(details.map((d) => [d.id, d]));
  const days = torontoDays(now);
  const rows = page.rows.map((row): DetailedRow => {
    const d = byId.get(row.id);
    const completed = d?.completedAt && isComplete(row.status) ? d.completedAt : null;
    const t = d?.transcripts[0];
    return {
      ...row,
      answer: {
        applicantId: row.applicantId,
        completedOn: completed ? days.date(completed) : null,
        age: completed ? days.elapsed(row.paidAt, completed) : days.age(row.paidAt),
        answeredBy: requestAnswer(
          row.status,
          row.status === "E_TRANSCRIPT_SENT" && t ? `${t.source}:${t.format}` : null,
          row.status === "TRANSCRIPT_UPLOADED" ? (d?.files[0]?.kind ?? null) : null,
        ),
      },
    };
  });
  return { scope, page: { ...page, rows } };
}
