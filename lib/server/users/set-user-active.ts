import "server-only";
import { db } from "@/lib/db";
import { canManageUsers, type Actor } from "@/lib/auth/roles";
import { manageableUserScope } from "@/lib/auth/scope";
import { recordAudit } from "@/lib/server/audit/record-audit";

export type SetUserActiveResult = { ok: true; username: string; changed: boolean } | { ok: false; reason: "forbidden" | "notFound" | "self" };

/**
 * Deactivates (the user can no longer sign in and every session ends) or reactivates an account the actor
 * manages. Nobody deactivates themselves, so an administrator cannot lock the last administrator out. The change and
 * its audit row (`user.deactivate`, `user.reactivate`): one transaction. Nothing is ever deleted.
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
  const changed = await db.$transaction(async (tx) => {
    const updated = await tx.user.updateMany({
      where: { AND: [inScope, { active: !active }] },
      data: active ? { active: true } : { active: false, sessionVersion: { increment: 1 } },
    });
    if (updated.count !== 1) return false;
    await recordAudit(tx, {
      actorId: actor.id,
      action: active ? "user.reactivate" : "user.deactivate",
      entity: "user",
      entityId: target.username,
      before: { active: !active },
      after: { active },
    });
    return true;
  });
  return { ok: true, username: target.username, changed };
}
