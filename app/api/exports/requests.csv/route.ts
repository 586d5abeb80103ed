import type { NextRequest } from "next/server";
import { torontoDate } from "@/lib/domain/business-days";
import { exportFileName } from "@/lib/domain/csv";
import { downloadHeaders, readExportRequest } from "@/lib/server/exports/export-request";
import { requestsCsvStream } from "@/lib/server/exports/requests-csv";

export const dynamic = "force-dynamic";

/** The current tab or search as CSV (product §2), streamed: the response starts before the database is read. */
export async function GET(request: NextRequest) {
  const read = await readExportRequest(request.nextUrl);
  if (!read.ok) return read.response;
  const { actor, search, locale } = read;
  const now = new Date();
  const body = requestsCsvStream({ actor, search, locale, now });
  return new Response(body, { headers: downloadHeaders("text/csv; charset=utf-8", exportFileName(search, torontoDate(now), "csv")) });
}
