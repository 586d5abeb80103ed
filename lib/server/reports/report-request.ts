import "server-only";
import type { Actor } from "@/lib/auth/roles";
import { parseReportParams, type ReportParams } from "@/lib/domain/reports/report-params";
import { readSignedIn } from "@/lib/server/exports/export-request";
import { isLocale, type Locale } from "@/lib/i18n/routing";

export type ReportRequest = { ok: true; actor: Actor; params: ReportParams; locale: Locale } | { ok: false; response: Response };

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * What the report exports check first, as the dashboard's: a signed-in user (401 JSON otherwise), the report's
 * parameters (400 with the error keys; dates are required), the language (`locale`, by default the user's). Scope
 * is decided by the reads (a school outside it: 404).
 */
export async function readReportRequest(url: URL): Promise<ReportRequest> {
  const signedIn = await readSignedIn();
  if (!signedIn.ok) return signedIn;
  const { params, errors } = parseReportParams(new URLSearchParams([...url.searchParams, ["type", "summary"]]));
  if (Object.keys(errors).length > 0) {
    return { ok: false, response: Response.json({ error: "invalidReport", errors }, { status: 400, headers: NO_STORE }) };
  }
  const requested = url.searchParams.get("locale");
  return { ok: true, actor: signedIn.actor, params, locale: isLocale(requested) ? requested : signedIn.actor.language };
}

export const notInScope = () => Response.json({ error: "notFound" }, { status: 404, headers: NO_STORE });

/** `trms-report-<summary|detailed>-<from>-<to>.<ext>`. */
export function reportFileName(type: "summary" | "detailed", params: ReportParams, extension: "csv" | "pdf"): string {
  return `trms-report-${type}-${params.from}-${params.to}${params.school ? `-${params.school}` : ""}.${extension}`;
}
