import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { hashPassword } from "@/lib/auth/password";
import { canManageUsers, type Actor } from "@/lib/auth/roles";
import { manageableUserScope } from "@/lib/auth/scope";
import { generateTemporaryPassword } from "@/lib/domain/password-policy";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { queueEmail } from "@/lib/server/email/queue-email";
import { signalBackgroundWork } from "@/lib/server/jobs/signal";
import { clearThrottle } from "@/lib/server/auth/throttle";

export type ResendTemporaryPasswordResult =
  { ok: true; username: string; email: string } | { ok: false; reason: "forbidden" | "notFound" | "self" | "inactive" };

/**
 * Replaces the password of an account the actor manages with a new temporary one, emailed to the user in their
 * language: every session of the user ends, and they must choose a new password at next sign-in. The account's
 * sign-in lockout is lifted, since this is how a locked-out user gets back in.
 */
export async function resendTemporaryPassword(options: {
  actor: Pick<Actor, "id" | "role" | "boardId" | "schoolId">;
  userId: string;
}): Promise<ResendTemporaryPasswordResult> {
  const { actor, userId } = options;
  if (!canManageUsers(actor)) return { ok: false, reason: "forbidden" };
  // Administrators change their own password on the change-password page, knowing the current one.
  if (userId === actor.id) return { ok: false, reason: "self" };
  const inScope = { AND: [{ id: userId }, manageableUserScope(actor)] };
  const target = await db.user.findFirst({ where: inScope, select: { username: true, email: true, displayName: true, language: true, active: true } });
  if (!target) return { ok: false, reason: "notFound" };
  if (!target.active) return { ok: false, reason: "inactive" };

  const password = generateTemporaryPassword(crypto.randomInt);
  const passwordHash = await hashPassword(password);
  const locale = target.language === "fr" ? "fr" : "en";
  // The new password and its email, in one transaction.
  const changed = await db.$transaction(async (tx) => {
    const updated = await tx.user.updateMany({
      where: { AND: [inScope, { active: true }] },
      data: { passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 } },
    });
    // Deactivated or moved out of scope while the password was being hashed.
    if (updated.count !== 1) return false;
    // The fact only: the password never appears in the audit log.
    await recordAudit(tx, { actorId: actor.id, action: "user.resend", entity: "user", entityId: target.username, after: { temporaryPassword: "sent" } });
    await queueEmail(tx, {
      to: target.email,
      template: "temporaryPassword",
      locale,
      values: { name: target.displayName, username: target.username, password, url: `${env().APP_URL}/${locale}/login` },
    });
    return true;
  });
  if (!changed) return { ok: false, reason: "notFound" };
  signalBackgroundWork();
  await clearThrottle(db, `user:${target.username}`);
  return { ok: true, username: target.username, email: target.email };
}
