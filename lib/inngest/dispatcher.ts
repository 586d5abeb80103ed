import { describeError } from "@/lib/domain/job-text";
import { DISPATCH_BATCH } from "@/lib/server/jobs/dispatch-outbox";
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
  let pumping: Promise<void> | null = null;
  let again = false;
  let running = false;
  let poll: NodeJS.Timeout | undefined;

  function pump(): Promise<void> {
    if (!running) return Promise.resolve();
    if (pumping) {
      again = true;
      return pumping;
    }
    pumping = (async () => {
      try {
        do {
          again = false;
          for (;;) {
            const n = await options.sink(batch);
            if (n > 0) options.onDispatched?.();
            if (n < batch || !running) break;
          }
        } while (again && running);
      } catch (error) {
        logger.error(`[jobs] outbox dispatch failed (the events wait in the outbox): ${describeError(error)}`);
      } finally {
        pumping = null;
      }
    })();
    return pumping;
  }

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
      await pumping;
    },
    async settle() {
      await pumping;
    },
  };
}
