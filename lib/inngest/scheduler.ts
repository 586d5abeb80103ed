import { floorToMinute, parseCron, type CronSchedule } from "./cron";
import { functionIdOf, triggersOf, type AnyInngestFunction, type InProcessRunner, type RunOutcome, type RunnerLogger } from "./in-process-runner";

// Runs the cron functions on their schedules when no Inngest server is configured (contracts §6): a timer wakes at
// each minute and hands every function whose schedule matches that minute to the runner, which claims the run by
// (function, minute) so that two instances sharing the database, or a tick processed twice, run it once.

const MINUTE_MS = 60_000;
// Wake a little after the minute starts, so that a slightly early timer never processes the previous minute again.
const WAKE_OFFSET_MS = 1_000;
// Minutes missed while the event loop was blocked (or the machine asleep) are caught up, but not hours of them.
const MAX_CATCH_UP_MINUTES = 10;

export type ScheduledFunction = { fn: AnyInngestFunction; functionId: string; schedules: CronSchedule[] };

/** The functions with at least one cron trigger, with their parsed schedules. A bad expression throws here. */
export function scheduledFunctions(functions: readonly AnyInngestFunction[]): ScheduledFunction[] {
  return functions
    .map((fn) => ({ fn, functionId: functionIdOf(fn), schedules: triggersOf(fn).crons.map((c) => parseCron(c)) }))
    .filter((s) => s.schedules.length > 0);
}

export type Scheduler = ReturnType<typeof createScheduler>;

export function createScheduler(options: { runner: InProcessRunner; now?: () => Date; logger?: RunnerLogger }) {
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? console;
  const scheduled = scheduledFunctions(options.runner.functions);
  let timer: NodeJS.Timeout | undefined;
  let lastMinute: number | undefined;
  let running = false;

  /** Starts every function scheduled in the minute containing `at`; resolves when those runs finish. */
  function tick(at: Date): Promise<RunOutcome[]> {
    const minute = floorToMinute(at);
    const runs: Promise<RunOutcome>[] = [];
    for (const { fn, schedules } of scheduled) {
      const due = schedules.find((s) => s.matches(minute));
      if (due) runs.push(options.runner.runScheduled(fn, due.expression, minute));
    }
    return Promise.all(runs);
  }

  function wake() {
    const current = floorToMinute(now()).getTime();
    const first = lastMinute === undefined ? current : Math.max(lastMinute + MINUTE_MS, current - MAX_CATCH_UP_MINUTES * MINUTE_MS);
    for (let m = first; m <= current; m += MINUTE_MS) {
      // The runs go on in the background; the runner records their outcomes.
      tick(new Date(m)).catch((error) => logger.error(`[jobs] scheduler tick failed: ${String(error)}`));
    }
    lastMinute = current;
    schedule();
  }

  function schedule() {
    if (!running) return;
    const t = now().getTime();
    const delay = Math.floor(t / MINUTE_MS) * MINUTE_MS + MINUTE_MS + WAKE_OFFSET_MS - t;
    timer = setTimeout(wake, delay);
    // The scheduler never keeps a process alive on its own.
    timer.unref();
  }

  return {
    scheduled,
    tick,
    start() {
      if (running) return;
      running = true;
      lastMinute = floorToMinute(now()).getTime();
      schedule();
    },
    stop() {
      running = false;
      clearTimeout(timer);
      timer = undefined;
    },
    get running() {
      return running;
    },
  };
}
