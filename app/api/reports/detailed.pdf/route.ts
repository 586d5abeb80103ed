import type { NextRequest } from "next/server";
import { downloadHeaders } from "@/lib/server/exports/export-request";
import { detailedPdf } from "@/lib/server/reports/report-pdf";
import { notInScope, readReportRequest, reportFileName } from "@/lib/server/reports/report-request";
import { resolveReportScope } from "@/lib/server/reports/report-scope";

export const dynamic = "force-dynamic";

/** The Detailed report as a PDF (contracts §9), capped at the dashboard PDF's number of rows. */
export async function GET(request: NextRequest) {
  const read = await readReportRequest(request.nextUrl);
  if (!read.ok) return read.response;
  const scope = await resolveReportScope(read.actor, read.params);
  if (!scope) return notInScope();
  const pdf = await detailedPdf({ actor: read.actor, scope, params: read.params, locale: read.locale });
  const headers = new Headers(downloadHeaders("application/pdf", reportFileName("detailed", read.params, "pdf")));
  headers.set("Content-Length", String(pdf.byteLength));
  return new Response(new Uint8Array(pdf), { headers });
}
