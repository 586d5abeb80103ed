import "server-only";
import { db } from "@/lib/db";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Actor } from "@/lib/auth/roles";
import { passwordProblems, type PasswordProblem } from "@/lib/domain/password-policy";
import { ACCOUNT_POLICY } from "@/lib/domain/sign-in-throttle";
import { endOtherSessions } from "./sessions";
import { checkThrottle, clearThrottle, recordFailure, type ThrottleKey } from "./throttle";

export type ChangePasswordResult =
  | { ok: true; endedSessions: number }
  | { ok: false; reason: "currentWrong" }
  | { ok: false; reason: "throttled"; retryAfterMs: number }
  | { ok: false; reason: "policy"; problems: PasswordProblem[] };

/**
 * Replaces the actor's password and ends their other sessions (every other browser signs in again; this one, named
 * by `sessionId`, stays signed in). A user holding a temporary password has just proved it by signing in; anyone
 * else must give the current password, and wrong guesses are throttled as sign-ins are (a stolen session cannot
 * try passwords at will).
 */
export async function changePassword(options: { actor: Actor; current?: string; next: string; sessionId?: string; now?: Date }): Promise<ChangePasswordResult> {
  const now = options.now ?? new Date();
  const user = await db.user.findUniqueOrThrow({ where: { id: options.actor.id } });
  const keys: ThrottleKey[] = [{ key: `password:${user.id}`, policy: ACCOUNT_POLICY }];
  if (!user.mustChangePassword) {
    const throttle = await checkThrottle(db, keys, now);
    if (throttle.kind === "blocked") return { ok: false, reason: "throttled", retryAfterMs: throttle.retryAfterMs };
    if (!options.current || !(await verifyPassword(options.current, user.passwordHash))) {
      await recordFailure(db, keys, now);
      const after = await checkThrottle(db, keys, now);
      if (after.kind === "blocked") return { ok: false, reason: "throttled", retryAfterMs: after.retryAfterMs };
      return { ok: false, reason: "currentWrong" };
    }
  }
  const problems = passwordProblems(options.next, user.username);
  if (problems.length > 0) return { ok: false, reason: "policy", problems };
  if (await verifyPassword(options.next, user.passwordHash)) return { ok: false, reason: "policy", problems: ["sameAsCurrent"] };
  const passwordHash = await hashPassword(options.next);
  const endedSessions = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false } });
    await clearThrottle(tx, keys[0]!.key);
    return endOtherSessions(tx, user.id, options.sessionId ?? null);
  });
  return { ok: true, endedSessions };
}
