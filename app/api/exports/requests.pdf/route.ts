import type { NextRequest } from "next/server";
import { torontoDate } from "@/lib/domain/business-days";
import { exportFileName } from "@/lib/domain/csv";
import { downloadHeaders, readExportRequest } from "@/lib/server/exports/export-request";
import { requestsPdf } from "@/lib/server/exports/requests-pdf";
import { pdfQueueAnswer } from "@/lib/server/pdf/queue-answer";

export const dynamic = "force-dynamic";

/** The current tab or search as a PDF report (product §2), capped at PDF_MAX_ROWS rows. */
export async function GET(request: NextRequest) {
  const read = await readExportRequest(request.nextUrl);
  if (!read.ok) return read.response;
  const { actor, search, locale } = read;
  const now = new Date();
  let pdf: Buffer;
  try {
    ({ pdf } = await requestsPdf({ actor, search, locale, now, signal: request.signal }));
  } catch (error) {
    const answer = pdfQueueAnswer(error, locale);
    if (answer) return answer;
    throw error;
  }
  const headers = new Headers(downloadHeaders("application/pdf", exportFileName(search, torontoDate(now), "pdf")));
  headers.set("Content-Length", String(pdf.byteLength));
  return new Response(new Uint8Array(pdf), { headers });
}
