import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { hashPassword } from "@/lib/auth/password";
import { passwordProblems, type PasswordProblem } from "@/lib/domain/password-policy";
import { queueEmail } from "@/lib/server/email/queue-email";
import { signalBackgroundWork } from "@/lib/server/jobs/signal";
import { passwordResetRequestedEvent } from "@/lib/domain/events";
import { FORGOT_ADDRESS_POLICY, FORGOT_EMAIL_POLICY } from "@/lib/domain/sign-in-throttle";
import { enqueueEvents } from "@/lib/server/jobs/outbox";
import { checkThrottle, clearThrottle, recordFailure, type ThrottleKey } from "./throttle";

export const RESET_TOKEN_TTL_MINUTES = 60;

export const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export type ForgotResult = { ok: true } | { ok: false; reason: "throttled"; retryAfterMs: number };

/**
 * "Forgot password": counts the form against the client's address and the email address, and leaves the work to
 * the background (an outbox event; inngest/functions/send-password-reset.ts), so that the answer costs the same
 * and says the same whether or not the address belongs to an account. Only the client's address is told it is
 * throttled; past three links an hour for one email address, nothing more is sent, silently.
 */
export async function requestPasswordReset(options: { email: string; address: string; now?: Date }): Promise<ForgotResult> {
  const now = options.now ?? new Date();
  const email = options.email.trim().toLowerCase();
  const addressKey: ThrottleKey = { key: `forgot-ip:${options.address}`, policy: FORGOT_ADDRESS_POLICY };
  const emailKey: ThrottleKey = { key: `forgot-email:${hashToken(email)}`, policy: FORGOT_EMAIL_POLICY };
  const byAddress = await checkThrottle(db, [addressKey], now);
  if (byAddress.kind === "blocked") return { ok: false, reason: "throttled", retryAfterMs: byAddress.retryAfterMs };
  const byEmail = await checkThrottle(db, [emailKey], now);
  await db.$transaction(async (tx) => {
    await recordFailure(tx, [addressKey, emailKey], now);
    if (byEmail.kind !== "blocked") await enqueueEvents(tx, [passwordResetRequestedEvent(email, crypto.randomUUID())], now);
  });
  signalBackgroundWork();
  return { ok: true };
}

/**
 * Emails each active account with this address a single-use reset link and its username (the background half of
 * "Forgot password"). Once per event: the email's dedupe key names the event and the user.
 */
export async function sendPasswordResetLinks(options: { email: string; eventId: string; now?: Date }): Promise<{ sent: number }> {
  const now = options.now ?? new Date();
  const users = await db.user.findMany({ where: { email: options.email.trim().toLowerCase(), active: true } });
  let sent = 0;
  for (const user of users) {
    const dedupeKey = `password-reset:${options.eventId}:${user.id}`;
    const token = crypto.randomBytes(32).toString("base64url");
    const locale = user.language === "fr" ? "fr" : "en";
    const queued = await db.$transaction(async (tx) => {
      if (await tx.emailOutbox.findUnique({ where: { dedupeKey }, select: { id: true } })) return false;
      await tx.passwordResetToken.create({
        data: { tokenHash: hashToken(token), userId: user.id, expiresAt: new Date(now.getTime() + RESET_TOKEN_TTL_MINUTES * 60_000) },
      });
      await queueEmail(tx, {
        to: user.email,
        template: "passwordReset",
        locale,
        dedupeKey,
        values: { name: user.displayName, username: user.username, minutes: RESET_TOKEN_TTL_MINUTES, url: `${env().APP_URL}/${locale}/reset/${token}` },
      });
      return true;
    });
    if (queued) sent += 1;
  }
  if (sent > 0) signalBackgroundWork();
  return { sent };
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
