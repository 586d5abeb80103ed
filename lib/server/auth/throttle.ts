import "server-only";
import type { DbOrTx } from "@/lib/db";
import { afterFailure, verdict, type ThrottlePolicy, type ThrottleVerdict } from "@/lib/domain/sign-in-throttle";

export type ThrottleKey = { key: string; policy: ThrottlePolicy };

/** The strictest verdict over the keys (account and address). */
export async function checkThrottle(db: DbOrTx, keys: ThrottleKey[], now: Date): Promise<ThrottleVerdict> {
  const rows = await db.signInThrottle.findMany({ where: { key: { in: keys.map((k) => k.key) } } });
  let delayMs = 0;
  for (const { key, policy } of keys) {
    const v = verdict(rows.find((r) => r.key === key) ?? null, now, policy);
    if (v.kind === "blocked") return v;
    delayMs = Math.max(delayMs, v.delayMs);
  }
  return { kind: "allow", delayMs };
}

export async function recordFailure(db: DbOrTx, keys: ThrottleKey[], now: Date): Promise<void> {
  for (const { key, policy } of keys) {
    const row = await db.signInThrottle.findUnique({ where: { key } });
    const next = afterFailure(row, now, policy);
    await db.signInThrottle.upsert({ where: { key }, create: { key, ...next }, update: next });
  }
}

export async function clearThrottle(db: DbOrTx, key: string): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key } });
}
