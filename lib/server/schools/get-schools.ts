import "server-only";
import { isOcasAdmin, type Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { foldName } from "@/lib/domain/fold";
import { MIDENT } from "./school-schema";

// The schools as the administration pages show them (contracts §10), OCAS administrators only: about 900 in Ontario,
// so the list is searched and paged on the server.

export const SCHOOLS_PAGE_SIZE = 50;
const QUERY_MAX_LENGTH = 100;

export const SCHOOL_SELECT = {
  id: true,
  mident: true,
  nameEn: true,
  nameFr: true,
  city: true,
  active: true,
  updatedAt: true,
  board: { select: { id: true, number: true, nameEn: true, nameFr: true, active: true } },
} as const;

export type AdminSchool = {
  id: string;
  mident: string;
  nameEn: string;
  nameFr: string;
  city: string | null;
  active: boolean;
  updatedAt: Date;
  board: { id: string; number: string; nameEn: string; nameFr: string; active: boolean };
};

export type SchoolFilters = { q: string; board: string; page: number };

/** The filters of the schools list from the URL: a search (MIDENT, names, city), a board number, a page. */
export function schoolFiltersOf(query: Record<string, string | string[] | undefined>): SchoolFilters {
  const one = (k: string) => (typeof query[k] === "string" ? (query[k] as string).trim() : "");
  const page = Number.parseInt(one("page"), 10);
  return {
    q: one("q").slice(0, QUERY_MAX_LENGTH),
    board: /^\d{5}$/.test(one("board")) ? one("board") : "",
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

/**
 * A page of schools by MIDENT, with the total; null for anyone but an OCAS administrator. A search matches the start
 * of the MIDENT or a part of a name or the city, whatever the case and accents, alike on both databases: Ontario has
 * about 900 schools, so they are filtered here rather than with each database's rules for case.
 */
export async function findSchools(options: { actor: Pick<Actor, "role">; filters: SchoolFilters }) {
  if (!isOcasAdmin(options.actor)) return null;
  const { q, board } = options.filters;
  const all = (await db.school.findMany({
    where: board ? { board: { number: board } } : {},
    select: SCHOOL_SELECT,
    orderBy: { mident: "asc" },
  })) as AdminSchool[];
  const needle = foldName(q);
  const matching =
    needle === "" ? all : all.filter((s) => s.mident.startsWith(q) || [s.nameEn, s.nameFr, s.city ?? ""].some((v) => foldName(v).includes(needle)));
  const pageCount = Math.max(1, Math.ceil(matching.length / SCHOOLS_PAGE_SIZE));
  const page = Math.min(options.filters.page, pageCount);
  return { schools: matching.slice((page - 1) * SCHOOLS_PAGE_SIZE, page * SCHOOLS_PAGE_SIZE), total: matching.length, page, pageCount };
}

/** One school by its MIDENT; null when unknown, or for anyone but an OCAS administrator. */
export async function getSchool(options: { actor: Pick<Actor, "role">; mident: string }): Promise<AdminSchool | null> {
  if (!isOcasAdmin(options.actor)) return null;
  const mident = options.mident.trim();
  if (!MIDENT.test(mident)) return null;
  return db.school.findUnique({ where: { mident }, select: SCHOOL_SELECT });
}
