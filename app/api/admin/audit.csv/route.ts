import { getActor } from "@/lib/auth/guard";
import { isOcasAdmin } from "@/lib/auth/roles";
import { parseAuditFilters } from "@/lib/domain/audit-filters";
import { torontoDate } from "@/lib/domain/business-days";
import { isLocale } from "@/lib/i18n/routing";
import { auditCsvStream } from "@/lib/server/audit/audit-csv";
import { downloadHeaders } from "@/lib/server/exports/export-request";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * The Audit Log as CSV with the page's filters (contracts §10), OCAS administrators only: signed out 401, anyone else
 * 404 (as the page). `locale` chooses the headers' language (default: the user's).
 */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor || actor.mustChangePassword) return Response.json({ error: "unauthenticated" }, { status: 401, headers: NO_STORE });
  if (!isOcasAdmin(actor)) return Response.json({ error: "not found" }, { status: 404, headers: NO_STORE });
  const url = new URL(request.url);
  const { filters, errors } = parseAuditFilters(url.searchParams);
  if (Object.keys(errors).length > 0) return Response.json({ error: "invalidFilters", errors }, { status: 400, headers: NO_STORE });
  const requested = url.searchParams.get("locale");
  const locale = isLocale(requested) ? requested : actor.language;
  const body = auditCsvStream({ actor, filters, locale });
  return new Response(body, { headers: downloadHeaders("text/csv; charset=utf-8", `trms-audit-${torontoDate(new Date())}.csv`) });
}
