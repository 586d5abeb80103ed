import "server-only";
import { db } from "@/lib/db";
import { canManageUsers, type Actor, type Role } from "@/lib/auth/roles";
import { manageableUserScope } from "@/lib/auth/scope";

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

/** The users the actor may manage (all for OCAS, the board's own for a board administrator), by username. */
export async function listUsers(options: { actor: Pick<Actor, "role" | "boardId" | "schoolId"> }): Promise<ManagedUser[]> {
  if (!canManageUsers(options.actor)) return [];
  const users = await db.user.findMany({
    where: manageableUserScope(options.actor),
    orderBy: { username: "asc" },
    select: {
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
    },
  });
  return users.map((u) => ({ ...u, language: u.language === "fr" ? "fr" : "en" }));
}
