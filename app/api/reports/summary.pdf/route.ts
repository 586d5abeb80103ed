import type { NextRequest } from "next/server";
import { downloadHeaders } from "@/lib/server/exports/export-request";
import { summaryPdf } from "@/lib/server/reports/report-pdf";
import { notInScope, readReportRequest, reportFileName } from "@/lib/server/reports/report-request";
import { summaryReport } from "@/lib/server/reports/summary-report";

export const dynamic = "force-dynamic";

/** The Summary report as a PDF (contracts §9): parameters, charts, tables, page numbers. */
export async function GET(request: NextRequest) {
  const read = await readReportRequest(request.nextUrl);
  if (!read.ok) return read.response;
  const now = new Date();
  const report = await summaryReport(read.actor, read.params, now);
  if (!report) return notInScope();
  const pdf = await summaryPdf(report, read.params, read.locale, now);
  const headers = new Headers(downloadHeaders("application/pdf", reportFileName("summary", read.params, "pdf")));
  headers.set("Content-Length", String(pdf.byteLength));
  return new Response(new Uint8Array(pdf), { headers });
}
