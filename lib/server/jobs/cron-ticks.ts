import "server-only";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";

// The embedded scheduler's verb (lib/inngest/scheduler.ts, docs/decisions/0011): a cron tick that has fallen due
// becomes one QUEUED run, once across every instance sharing the database (the CronState row moves forward with a
// conditional update, and the run's key `cron:<tick>` is unique). Ticks missed while no process ran collapse into
// the latest one, which runs once on catch-up.

export const CRON_EVENT_NAME = "inngest/scheduled.timer";
/** A function scheduled for the first time runs its latest tick only when that tick is this recent. */
export const FIRST_TICK_GRACE_MS = 2 * 60_000;

export type CronTickResult = "enqueued" | "seen" | "first";

export async function enqueueCronTick(options: {
  functionId: string;
  cron: string;
  tick: Date;
  maxAttempts: number;
  concurrencyKey: string | null;
  /** The scheduler's clock, for the first tick's grace: the run itself is queued now, by the wall clock. */
  now?: Date;
}): Promise<CronTickResult> {
  const now = options.now ?? new Date();
  const queuedAt = new Date();
  const { functionId, tick } = options;
  try {
    return await db.$transaction(async (tx) => {
      const state = await tx.cronState.findUnique({ where: { functionId }, select: { lastTickAt: true } });
      if (!state) {
        await tx.cronState.create({ data: { functionId, lastTickAt: tick } });
        // A new deployment does not run every schedule's last tick at start-up, only one that is just due.
        if (now.getTime() - tick.getTime() > FIRST_TICK_GRACE_MS) return "first";
      } else {
        if (state.lastTickAt.getTime() >= tick.getTime()) return "seen";
        const moved = await tx.cronState.updateMany({ where: { functionId, lastTickAt: { lt: tick } }, data: { lastTickAt: tick } });
        if (moved.count !== 1) return "seen";
      }
      await tx.jobRun.create({
        data: {
          functionId,
          runKey: `cron:${tick.toISOString()}`,
          trigger: "cron",
          status: "QUEUED",
          eventName: CRON_EVENT_NAME,
          eventData: JSON.stringify({ cron: options.cron }),
          eventTs: tick,
          concurrencyKey: options.concurrencyKey,
          maxAttempts: options.maxAttempts,
          availableAt: queuedAt,
          createdAt: queuedAt,
        },
      });
      return "enqueued";
    });
  } catch (error) {
    // Another instance recorded this tick first.
    if (isUniqueViolation(error)) return "seen";
    throw error;
  }
}
