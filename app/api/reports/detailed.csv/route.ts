import type { NextRequest } from "next/server";
import { downloadHeaders } from "@/lib/server/exports/export-request";
import { detailedCsvStream } from "@/lib/server/reports/report-csv";
import { notInScope, readReportRequest, reportFileName } from "@/lib/server/reports/report-request";
import { resolveReportScope } from "@/lib/server/reports/report-scope";

export const dynamic = "force-dynamic";

/** The Detailed report as CSV (contracts §9): every request of the range, streamed. */
export async function GET(request: NextRequest) {
  const read = await readReportRequest(request.nextUrl);
  if (!read.ok) return read.response;
  const scope = await resolveReportScope(read.actor, read.params);
  if (!scope) return notInScope();
  const body = detailedCsvStream({ actor: read.actor, search: scope.search, locale: read.locale });
  return new Response(body, { headers: downloadHeaders("text/csv; charset=utf-8", reportFileName("detailed", read.params, "csv")) });
}
