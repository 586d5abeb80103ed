import "server-only";
import type { Actor } from "@/lib/auth/roles";
import { seesManySchools } from "@/lib/auth/roles";
import type { ReportParams } from "@/lib/domain/reports/report-params";
import { parseRequestSearch, type RequestSearch } from "@/lib/domain/request-search";
import { listSchools } from "@/lib/server/schools/list-schools";

export type ReportSchool = { id: string; mident: string; nameEn: string; nameFr: string; city: string | null };

export type ReportScope = {
  /**
   * The dashboard's search for the report: every status (`status=ALL`), the report's dates and school. Both reports
   * read with the dashboard's own filter (requestWhere: the actor's scope first), so their counts are the dashboard's.
   */
  search: RequestSearch;
  /** The schools in scope (the Select Secondary School list of board users and OCAS), by MIDENT. */
  schools: ReportSchool[];
  /** The school the report is about, if one was chosen (or the school user's own). */
  school: ReportSchool | null;
};

/**
 * The report's scope, or null when `school` names a school outside the actor's scope (the page answers 404, an
 * export 404). A school user's report is their school's whatever `school` says: their scope already limits every
 * query, and the parameter is dropped.
 */
export async function resolveReportScope(actor: Actor, params: Pick<ReportParams, "from" | "to" | "school">, page = 1): Promise<ReportScope | null> {
  const schools: ReportSchool[] = (await listSchools(actor)).map(({ id, mident, nameEn, nameFr, city }) => ({ id, mident, nameEn, nameFr, city }));
  let school: ReportSchool | null = null;
  if (!seesManySchools(actor)) school = schools[0] ?? null;
  else if (params.school) {
    school = schools.find((s) => s.mident === params.school) ?? null;
    if (!school) return null;
  }
  const query = new URLSearchParams({ status: "ALL", page: String(page) });
  if (params.from) query.set("from", params.from);
  if (params.to) query.set("to", params.to);
  if (school && seesManySchools(actor)) query.set("school", school.mident);
  return { search: parseRequestSearch(query).search, schools, school };
}
