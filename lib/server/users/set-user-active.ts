import "server-only";
import { db } from "@/lib/db";
import { canManageUsers, type Actor } from "@/lib/auth/roles";
import { manageableUserScope } from "@/lib/auth/scope";

export type SetUserActiveResult = { ok: true; username: string; changed: boolean } | { ok: false; reason: "forbidden" | "notFound" | "self" };

/**
 * Deactivates (the user can no longer sign in and every session ends) or reactivates an account the actor
 * manages. Nobody deactivates themselves, so an administrator cannot lock the last administrator out.
 */
export async function setUserActive(options: {
  actor: Pick<Actor, "id" | "role" | "boardId" | "schoolId">;
  userId: string;
  active: boolean;
}): Promise<SetUserActiveResult> {
  const { actor, userId, active } = options;
  if (!canManageUsers(actor)) return { ok: false, reason: "forbidden" };
  if (userId === actor.id) return { ok: false, reason: "self" };
  const inScope = { AND: [{ id: userId }, manageableUserScope(actor)] };
  const target = await db.user.findFirst({ where: inScope, select: { username: true, active: true } });
  if (!target) return { ok: false, reason: "notFound" };
  if (target.active === active) return { ok: true, username: target.username, changed: false };
  const updated = await db.user.updateMany({
    where: { AND: [inScope, { active: !active }] },
    data: active ? { active: true } : { active: false, sessionVersion: { increment: 1 } },
  });
  return { ok: true, username: target.username, changed: updated.count === 1 };
}
