import { registerJobCatalogue } from "@/lib/server/jobs/catalogue";
import { dispatchOutboxToInngest, dispatchOutboxToRuns } from "@/lib/server/jobs/dispatch-outbox";
import { countPendingWork } from "@/lib/server/jobs/job-runs";
import { onBackgroundWork } from "@/lib/server/jobs/signal";
import { createDispatcher, type Dispatcher } from "./dispatcher";
import { checkSupported, describeFunctions, functionIdOf, routesFor, type AnyInngestFunction } from "./functions-info";
import { createRunner, type Runner, type RunnerLogger, type RunnerOptions } from "./runner";
import { createScheduler, type Scheduler } from "./scheduler";

// The background runtime of one process, started by a composition root (instrumentation.ts for the app, the test
// setup, the crash-test child processes) with the functions of inngest/index.ts (contracts §6, docs/decisions/0011):
// - with an Inngest server: the outbox dispatcher sends events there (Inngest runs the functions and their crons);
// - embedded (the default): the dispatcher turns events into runs, the durable runner executes them, and the
//   scheduler enqueues cron ticks (unless `schedule` is false).

export type InngestSend = (events: { id: string; name: string; data: Record<string, unknown>; ts: number }[]) => Promise<unknown>;

export type BackgroundRuntimeOptions = {
  functions: readonly AnyInngestFunction[];
  /** Given: events go to that Inngest server. Absent: everything runs here. */
  inngest?: { send: InngestSend } | null;
  schedule?: boolean;
  runner?: Omit<RunnerOptions, "functions" | "logger">;
  dispatchPollMs?: number;
  logger?: RunnerLogger;
};

export type BackgroundRuntime = {
  mode: "embedded" | "inngest";
  runner: Runner | null;
  dispatcher: Dispatcher;
  scheduler: Scheduler | null;
  /** Resolves when no event waits in the outbox and no run of these functions waits or runs (tests). */
  drain(options?: { timeoutMs?: number }): Promise<void>;
  stop(): Promise<void>;
};

export function startBackgroundRuntime(options: BackgroundRuntimeOptions): BackgroundRuntime {
  const { functions } = options;
  const logger = options.logger ?? console;
  for (const fn of functions) if (!options.inngest) checkSupported(fn);
  registerJobCatalogue(describeFunctions(functions));

  const inngest = options.inngest ?? null;
  const runner = inngest ? null : createRunner({ ...options.runner, functions, logger });
  const routes = routesFor(functions);
  const dispatcher = createDispatcher({
    sink: inngest ? (limit) => dispatchOutboxToInngest({ send: inngest.send, limit }) : (limit) => dispatchOutboxToRuns({ routesFor: routes, limit }),
    onDispatched: () => void runner?.pump(),
    pollMs: options.dispatchPollMs,
    logger,
  });
  const scheduler = !inngest && options.schedule !== false ? createScheduler({ functions, onEnqueued: () => void runner?.pump(), logger }) : null;
  const unsubscribe = onBackgroundWork(() => {
    void dispatcher.pump();
    void runner?.pump();
  });
  runner?.start();
  dispatcher.start();
  scheduler?.start();

  const functionIds = functions.map(functionIdOf);
  return {
    mode: inngest ? "inngest" : "embedded",
    runner,
    dispatcher,
    scheduler,
    async drain({ timeoutMs = 30_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await dispatcher.pump();
        await runner?.pump();
        await runner?.settle();
        const pending = await countPendingWork(inngest ? [] : functionIds);
        if (pending.events === 0 && pending.runs === 0 && (runner?.busy ?? 0) === 0) return;
        if (Date.now() > deadline) throw new Error(`background work still pending after ${timeoutMs} ms: ${pending.events} event(s), ${pending.runs} run(s)`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async stop() {
      unsubscribe();
      await scheduler?.stop();
      await dispatcher.stop();
      await runner?.stop();
    },
  };
}

const store = globalThis as unknown as { trmsBackgroundRuntime?: BackgroundRuntime };

/** The process's one runtime (instrumentation.ts): started once, whatever bundle asks. */
export function ensureBackgroundRuntime(options: BackgroundRuntimeOptions): BackgroundRuntime {
  store.trmsBackgroundRuntime ??= startBackgroundRuntime(options);
  return store.trmsBackgroundRuntime;
}
