import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { db } from "@/lib/db";
import { ACCOUNT_POLICY, ADDRESS_POLICY } from "@/lib/domain/sign-in-throttle";
import { verifyPassword } from "@/lib/auth/password";
import { checkThrottle, clearThrottle, recordFailure, type ThrottleKey } from "./throttle";

// A bcrypt hash of a random string: unknown usernames cost the same time as known ones.
const DUMMY_HASH = "$2b$12$aRJvdzpfu8Pixvw6KX3EQeS3ako5/dHT/rvWjs0uFw36fMj9GVj4a";

export type AuthenticateResult =
  { ok: true; userId: string; sessionVersion: number } | { ok: false; reason: "invalid" } | { ok: false; reason: "throttled"; retryAfterMs: number };

export async function authenticate(options: {
  username: string;
  password: string;
  address: string;
  now?: Date;
  /** Tests pass a no-op to skip the deliberate slow-down. */
  delay?: (ms: number) => Promise<unknown>;
}): Promise<AuthenticateResult> {
  const now = options.now ?? new Date();
  const username = options.username.trim();
  const keys: ThrottleKey[] = [
    { key: `user:${username.toLowerCase()}`, policy: ACCOUNT_POLICY },
    { key: `ip:${options.address}`, policy: ADDRESS_POLICY },
  ];
  const throttle = await checkThrottle(db, keys, now);
  if (throttle.kind === "blocked") return { ok: false, reason: "throttled", retryAfterMs: throttle.retryAfterMs };
  if (throttle.delayMs > 0) await (options.delay ?? sleep)(throttle.delayMs);

  // Usernames are stored lower-case and matched without case; passwords are case-sensitive.
  const user = await db.user.findUnique({
    where: { username: username.toLowerCase() },
    select: { id: true, passwordHash: true, active: true, sessionVersion: true },
  });
  const valid = await verifyPassword(options.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !valid || !user.active) {
    await recordFailure(db, keys, now);
    const after = await checkThrottle(db, keys, now);
    if (after.kind === "blocked") return { ok: false, reason: "throttled", retryAfterMs: after.retryAfterMs };
    return { ok: false, reason: "invalid" };
  }
  await clearThrottle(db, keys[0]!.key);
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
  return { ok: true, userId: user.id, sessionVersion: user.sessionVersion };
}
