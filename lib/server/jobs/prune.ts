import "server-only";
import { db } from "@/lib/db";

// Background history is kept long enough for operators and for the reconciler's repair counts, then removed, so that
// the outbox and run tables stay small: dispatched events after 7 days, succeeded runs after 30 (failed runs stay
// until an operator has seen them: they are removed after 90 days); expired sessions and stale throttle rows too.

const DAY_MS = 24 * 60 * 60_000;

export async function pruneBackgroundHistory(options: { now?: Date } = {}) {
  const now = options.now ?? new Date();
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const events = await db.outboxEvent.deleteMany({ where: { dispatchedAt: { lt: ago(7) } } });
  const runs = await db.jobRun.deleteMany({
    where: {
      OR: [
        { status: "SUCCEEDED", finishedAt: { lt: ago(30) } },
        { status: "FAILED", finishedAt: { lt: ago(90) } },
      ],
    },
  });
  // Security rows (docs/decisions/0020): expired sessions, and throttle counts nobody has touched for a day (every
  // policy's window and longest block are far shorter), so that a flood of addresses or names cannot grow the table.
  const sessions = await db.authSession.deleteMany({ where: { expiresAt: { lt: now } } });
  const throttles = await db.signInThrottle.deleteMany({
    where: { updatedAt: { lt: ago(1) }, OR: [{ blockedUntil: null }, { blockedUntil: { lt: now } }] },
  });
  return { events: events.count, runs: runs.count, sessions: sessions.count, throttles: throttles.count };
}
