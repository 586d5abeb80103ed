import "server-only";
import { db } from "@/lib/db";
import { canManageUsers, type Actor, type Role } from "@/lib/auth/roles";
import { manageableUserScope } from "@/lib/auth/scope";
import { foldName } from "@/lib/domain/fold";

export type ManagedUser = {
  id: string;
  username: string;
  displayName: string;
  email: string;
  role: Role;
  language: "en" | "fr";
  active: boolean;
  mustChangePassword: boolean;
  board: { number: string; nameEn: string; nameFr: string } | null;
  school: { mident: string; nameEn: string; nameFr: string } | null;
};

export const USERS_PAGE_SIZE = 50;
const QUERY_MAX_LENGTH = 100;

const MANAGED_USER_SELECT = {
  id: true,
  username: true,
  displayName: true,
  email: true,
  role: true,
  language: true,
  active: true,
  mustChangePassword: true,
  board: { select: { number: true, nameEn: true, nameFr: true } },
  school: { select: { mident: true, nameEn: true, nameFr: true } },
} as const;

type ScopeActor = Pick<Actor, "role" | "boardId" | "schoolId">;

/** The users the actor may manage (all for OCAS, the board's own for a board administrator), by username. */
export async function listUsers(options: { actor: ScopeActor }): Promise<ManagedUser[]> {
  if (!canManageUsers(options.actor)) return [];
  const users = await db.user.findMany({ where: manageableUserScope(options.actor), orderBy: { username: "asc" }, select: MANAGED_USER_SELECT });
  return users.map(managed);
}

const managed = <U extends { language: string }>(u: U) => ({ ...u, language: u.language === "fr" ? ("fr" as const) : ("en" as const) });

/** The search and page of the users list from the URL (`?q=…&page=…`). */
export function userFiltersOf(query: Record<string, string | string[] | undefined>) {
  const one = (k: string) => (typeof query[k] === "string" ? (query[k] as string).trim() : "");
  const page = Number.parseInt(one("page"), 10);
  return { q: one("q").slice(0, QUERY_MAX_LENGTH), page: Number.isFinite(page) && page > 0 && page < 100_000 ? page : 1 };
}

/**
 * A page of the users the actor may manage, by username, with the total. A search matches a part of the username,
 * the name or the email, whatever the case and accents, on both databases alike: the accounts in scope are a few
 * thousand at most, so they are filtered here rather than with each database's own rules for case.
 */
export async function findUsersPage(options: { actor: ScopeActor; q: string; page: number }) {
  const { actor, q } = options;
  if (!canManageUsers(actor)) return { users: [] as ManagedUser[], total: 0, page: 1, pageCount: 1 };
  const all = await db.user.findMany({ where: manageableUserScope(actor), orderBy: { username: "asc" }, select: MANAGED_USER_SELECT });
  const needle = foldName(q);
  const matching = needle === "" ? all : all.filter((u) => [u.username, u.displayName, u.email].some((v) => foldName(v).includes(needle)));
  const pageCount = Math.max(1, Math.ceil(matching.length / USERS_PAGE_SIZE));
  const page = Math.min(options.page, pageCount);
  const users = matching.slice((page - 1) * USERS_PAGE_SIZE, page * USERS_PAGE_SIZE).map(managed);
  return { users, total: matching.length, page, pageCount };
}
