import type { NextRequest } from "next/server";
import { torontoDate } from "@/lib/domain/business-days";
import { exportFileName } from "@/lib/domain/csv";
import { downloadHeaders, readExportRequest } from "@/lib/server/exports/export-request";
import { requestsPdf } from "@/lib/server/exports/requests-pdf";

export const dynamic = "force-dynamic";

/** The current tab or search as a PDF report (product §2), capped at PDF_MAX_ROWS rows. */
export async function GET(request: NextRequest) {
  const read = await readExportRequest(request.nextUrl);
  if (!read.ok) return read.response;
  const { actor, search, locale } = read;
  const now = new Date();
  const { pdf } = await requestsPdf({ actor, search, locale, now });
  const headers = new Headers(downloadHeaders("application/pdf", exportFileName(search, torontoDate(now), "pdf")));
  headers.set("Content-Length", String(pdf.byteLength));
  return new Response(new Uint8Array(pdf), { headers });
}
