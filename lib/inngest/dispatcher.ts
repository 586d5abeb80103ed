import { describeError } from "@/lib/domain/job-text";
import { DISPATCH_BATCH } from "@/lib/server/jobs/dispatch-outbox";
import { coalesced } from "./coalesce";
import type { RunnerLogger } from "./runner";

// The outbox dispatcher's loop (contracts §6, docs/decisions/0011): woken by a nudge after a commit, and by a poll
// for rows a nudge never announced (written by another instance, left by a crash, waiting for a retry). `sink` is one
// of the verbs of lib/server/jobs/dispatch-outbox.ts: to the embedded runner, or to an Inngest server.

export type Dispatcher = ReturnType<typeof createDispatcher>;

export function createDispatcher(options: {
  sink: (limit: number) => Promise<number>;
  /** Called after rows were dispatched (the embedded runtime then wakes the runner). */
  onDispatched?: () => void;
  pollMs?: number;
  batch?: number;
  logger?: RunnerLogger;
}) {
  const batch = options.batch ?? DISPATCH_BATCH;
  const logger = options.logger ?? console;
  let running = false;
  let poll: NodeJS.Timeout | undefined;

  const pump = coalesced(
    async () => {
      for (;;) {
        const n = await options.sink(batch);
        if (n > 0) options.onDispatched?.();
        if (n < batch || !running) break;
      }
    },
    { active: () => running, onError: (error) => logger.error(`[jobs] outbox dispatch failed (the events wait in the outbox): ${describeError(error)}`) },
  );

  return {
    pump,
    start() {
      if (running) return;
      running = true;
      poll = setInterval(() => void pump(), options.pollMs ?? 1_000);
      poll.unref();
      void pump();
    },
    async stop() {
      running = false;
      clearInterval(poll);
      await pump.idle();
    },
  };
}
