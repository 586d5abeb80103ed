import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { hashPassword } from "@/lib/auth/password";
import { passwordProblems, type PasswordProblem } from "@/lib/domain/password-policy";
import { queueEmail } from "@/lib/server/email/queue-email";
import { signalBackgroundWork } from "@/lib/server/jobs/signal";
import { clearThrottle } from "./throttle";

export const RESET_TOKEN_TTL_MINUTES = 60;

export const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

/**
 * Emails each active account with this address a single-use reset link and its username. Says nothing about
 * whether the address exists: the caller shows the same answer either way.
 */
export async function requestPasswordReset(options: { email: string; now?: Date }): Promise<void> {
  const now = options.now ?? new Date();
  const users = await db.user.findMany({ where: { email: options.email.trim().toLowerCase(), active: true } });
  for (const user of users) {
    const token = crypto.randomBytes(32).toString("base64url");
    const locale = user.language === "fr" ? "fr" : "en";
    await db.$transaction(async (tx) => {
      await tx.passwordResetToken.create({
        data: { tokenHash: hashToken(token), userId: user.id, expiresAt: new Date(now.getTime() + RESET_TOKEN_TTL_MINUTES * 60_000) },
      });
      await queueEmail(tx, {
        to: user.email,
        template: "passwordReset",
        locale,
        values: { name: user.displayName, username: user.username, minutes: RESET_TOKEN_TTL_MINUTES, url: `${env().APP_URL}/${locale}/reset/${token}` },
      });
    });
  }
  if (users.length > 0) signalBackgroundWork();
}

/** Whether the token can still be used (for the reset page, before showing the form). */
export async function isResetTokenUsable(token: string, now = new Date()): Promise<boolean> {
  const row = await db.passwordResetToken.findUnique({ where: { tokenHash: hashToken(token) } });
  return Boolean(row && !row.usedAt && row.expiresAt > now);
}

export type ResetResult = { ok: true } | { ok: false; reason: "invalidToken" } | { ok: false; reason: "policy"; problems: PasswordProblem[] };

/** Sets a new password from a reset link; the link is spent and every other session of the user ends. */
export async function resetPassword(options: { token: string; password: string; now?: Date }): Promise<ResetResult> {
  const now = options.now ?? new Date();
  const tokenHash = hashToken(options.token);
  const row = await db.passwordResetToken.findUnique({ where: { tokenHash }, include: { user: true } });
  if (!row || row.usedAt || row.expiresAt <= now || !row.user.active) return { ok: false, reason: "invalidToken" };
  const problems = passwordProblems(options.password, row.user.username);
  if (problems.length > 0) return { ok: false, reason: "policy", problems };
  const passwordHash = await hashPassword(options.password);
  const spent = await db.$transaction(async (tx) => {
    // Conditional update: of two simultaneous uses of one link, exactly one succeeds.
    const claimed = await tx.passwordResetToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
    if (claimed.count !== 1) return false;
    await tx.user.update({
      where: { id: row.userId },
      data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 } },
    });
    await tx.passwordResetToken.deleteMany({ where: { userId: row.userId, usedAt: null } });
    return true;
  });
  if (!spent) return { ok: false, reason: "invalidToken" };
  await clearThrottle(db, `user:${row.user.username}`);
  return { ok: true };
}
