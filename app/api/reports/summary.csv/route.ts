import type { NextRequest } from "next/server";
import { downloadHeaders } from "@/lib/server/exports/export-request";
import { summaryCsvStream } from "@/lib/server/reports/report-csv";
import { notInScope, readReportRequest, reportFileName } from "@/lib/server/reports/report-request";
import { summaryReport } from "@/lib/server/reports/summary-report";

export const dynamic = "force-dynamic";

/** The Summary report as CSV (contracts §9): one row per school and the total. */
export async function GET(request: NextRequest) {
  const read = await readReportRequest(request.nextUrl);
  if (!read.ok) return read.response;
  const report = await summaryReport(read.actor, read.params);
  if (!report) return notInScope();
  return new Response(summaryCsvStream(report, read.locale), {
    headers: downloadHeaders("text/csv; charset=utf-8", reportFileName("summary", read.params, "csv")),
  });
}
