import { describeError } from "@/lib/domain/job-text";
import { enqueueCronTick } from "@/lib/server/jobs/cron-ticks";
import type { CronSchedule } from "./cron";
import { concurrencyKeyOf, functionIdOf, maxAttemptsOf, schedulesOf, type AnyInngestFunction } from "./functions-info";
import type { RunnerLogger } from "./runner";

// The embedded scheduler (contracts §6, docs/decisions/0011): at each scheduled instant of a cron function, the latest
// tick becomes one QUEUED run (lib/server/jobs/cron-ticks.ts), once across the instances sharing the database. It
// wakes at the next scheduled instant of any function, and at least every minute (so that a clock change or a long
// pause is caught up). At start-up, a tick missed while no process ran is enqueued once.

const MAX_SLEEP_MS = 60_000;
// Wake a little after the instant, so that a slightly early timer never finds the previous tick the latest.
const WAKE_OFFSET_MS = 20;

export type ScheduledFunction = { fn: AnyInngestFunction; functionId: string; schedules: CronSchedule[] };

export function scheduledFunctions(functions: readonly AnyInngestFunction[]): ScheduledFunction[] {
  return functions.map((fn) => ({ fn, functionId: functionIdOf(fn), schedules: schedulesOf(fn) })).filter((s) => s.schedules.length > 0);
}

export type Scheduler = ReturnType<typeof createScheduler>;

export function createScheduler(options: {
  functions: readonly AnyInngestFunction[];
  /** Called after ticks were enqueued (the runtime then wakes the runner). */
  onEnqueued?: () => void;
  now?: () => Date;
  logger?: RunnerLogger;
}) {
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? console;
  const scheduled = scheduledFunctions(options.functions);
  // The latest tick this process has handed to the database, per function: the others need no transaction.
  const handled = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let waking: Promise<void> | null = null;

  /** Enqueues each function's latest tick at or before the present, once. */
  async function tick(): Promise<void> {
    const at = now();
    let enqueued = false;
    for (const s of scheduled) {
      const ticks = s.schedules.map((c) => ({ c, t: c.previous(at) })).filter((x): x is { c: CronSchedule; t: Date } => x.t !== null);
      if (ticks.length === 0) continue;
      const latest = ticks.reduce((a, b) => (b.t > a.t ? b : a));
      if ((handled.get(s.functionId) ?? -Infinity) >= latest.t.getTime()) continue;
      try {
        const result = await enqueueCronTick({
          functionId: s.functionId,
          cron: latest.c.expression,
          tick: latest.t,
          maxAttempts: maxAttemptsOf(s.fn),
          concurrencyKey: concurrencyKeyOf(s.fn, {}),
          now: at,
        });
        handled.set(s.functionId, latest.t.getTime());
        if (result === "enqueued") enqueued = true;
      } catch (error) {
        logger.error(`[jobs] scheduler: could not enqueue ${s.functionId}: ${describeError(error)}`);
      }
    }
    if (enqueued) options.onEnqueued?.();
  }

  function schedule() {
    if (!running) return;
    const t = now();
    const nexts = scheduled.flatMap((s) => s.schedules.map((c) => c.next(t))).filter((d): d is Date => d !== null);
    const next = nexts.length > 0 ? Math.min(...nexts.map((d) => d.getTime())) : t.getTime() + MAX_SLEEP_MS;
    const delay = Math.min(Math.max(next - t.getTime() + WAKE_OFFSET_MS, WAKE_OFFSET_MS), MAX_SLEEP_MS);
    timer = setTimeout(wake, delay);
    // The scheduler never keeps a process alive on its own.
    timer.unref();
  }

  function wake() {
    waking = tick().finally(() => {
      waking = null;
      schedule();
    });
  }

  return {
    scheduled,
    tick,
    start() {
      if (running) return;
      running = true;
      wake();
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      timer = undefined;
      await waking;
    },
    get running() {
      return running;
    },
  };
}
