import { functions } from "@/inngest/index";
import { failInterruptedJobRuns } from "@/lib/server/jobs/record-job-run";
import { createInProcessRunner, type InProcessRunner } from "./in-process-runner";
import { createScheduler, type Scheduler } from "./scheduler";

// The process's in-process runner and scheduler over the app's functions (inngest/index.ts). Kept on globalThis:
// Next bundles instrumentation.ts apart from the routes, so each bundle has its own copy of this module, and dev
// reloads modules; the process must still have one runner (one concurrency limit, one `idle()`) and one timer.

const INTERRUPTED_AFTER_MS = 60 * 60_000;

const store = globalThis as unknown as { trmsInProcessRunner?: InProcessRunner; trmsScheduler?: Scheduler };

export function embeddedRunner(): InProcessRunner {
  store.trmsInProcessRunner ??= createInProcessRunner({ functions });
  return store.trmsInProcessRunner;
}

/** Starts the cron scheduler once per process (instrumentation.ts); returns it. */
export async function startEmbeddedScheduler(): Promise<Scheduler> {
  if (store.trmsScheduler) return store.trmsScheduler;
  const scheduler = createScheduler({ runner: embeddedRunner() });
  store.trmsScheduler = scheduler;
  scheduler.start();
  try {
    const count = await failInterruptedJobRuns({ startedBefore: new Date(Date.now() - INTERRUPTED_AFTER_MS) });
    if (count > 0) console.warn(`[jobs] marked ${count} interrupted run(s) as failed`);
  } catch (error) {
    console.warn(`[jobs] could not check for interrupted runs: ${String(error)}`);
  }
  return scheduler;
}

/** Stops the scheduler if one runs in this process. */
export function stopEmbeddedScheduler() {
  store.trmsScheduler?.stop();
  store.trmsScheduler = undefined;
}
