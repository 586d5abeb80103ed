import "server-only";
import { db } from "@/lib/db";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Actor } from "@/lib/auth/roles";
import { passwordProblems, type PasswordProblem } from "@/lib/domain/password-policy";

export type ChangePasswordResult = { ok: true } | { ok: false; reason: "currentWrong" } | { ok: false; reason: "policy"; problems: PasswordProblem[] };

/**
 * Replaces the actor's password. A user holding a temporary password has just proved it by signing in; anyone
 * else must give the current password.
 */
export async function changePassword(options: { actor: Actor; current?: string; next: string }): Promise<ChangePasswordResult> {
  const user = await db.user.findUniqueOrThrow({ where: { id: options.actor.id } });
  if (!user.mustChangePassword) {
    if (!options.current || !(await verifyPassword(options.current, user.passwordHash))) return { ok: false, reason: "currentWrong" };
  }
  const problems = passwordProblems(options.next, user.username);
  if (problems.length > 0) return { ok: false, reason: "policy", problems };
  if (await verifyPassword(options.next, user.passwordHash)) return { ok: false, reason: "policy", problems: ["sameAsCurrent"] };
  await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(options.next), mustChangePassword: false } });
  return { ok: true };
}
