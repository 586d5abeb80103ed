import crypto from "node:crypto";
import os from "node:os";
import { describeError } from "@/lib/domain/job-text";
import { claimRuns, finishAttempt, renewLeases, saveRunSteps, type AttemptOutcome, type ClaimedRun } from "@/lib/server/jobs/job-runs";
import { coalesced } from "./coalesce";
import { executeAttempt } from "./execute-attempt";
import { concurrencyOf, functionIdOf, type AnyInngestFunction } from "./functions-info";

// The durable embedded runner (contracts §6, docs/decisions/0011): runs are rows (lib/server/jobs/job-runs.ts), not
// promises. The runner claims due runs under a lease while it has free slots, renews the leases of the runs it works
// on, and records each finished step and each attempt's outcome; a retry waits for its back-off in the database. A
// process that dies leaves leases that expire, and any runner (this one restarted, or another instance) takes the
// runs again, skipping the steps already recorded.

export type RunnerLogger = { info?(message: string): void; warn(message: string): void; error(message: string): void };

export type RunnerOptions = {
  functions: readonly AnyInngestFunction[];
  /** Runs this process works on at once; more wait in the database. */
  slots?: number;
  /** How long a claim holds without renewal: a dead process's runs are taken again after this. */
  leaseMs?: number;
  /** How often the runner looks for due work it was not told about (retries, other instances, expired leases). */
  pollMs?: number;
  /** Wait before attempt `attempt + 1` after attempt `attempt` failed. Default: 2 s, 8 s, 32 s, … at most 2 minutes. */
  backoffMs?: (attempt: number) => number;
  attemptTimeoutMs?: number;
  logger?: RunnerLogger;
};

export const DEFAULT_SLOTS = 8;
export const DEFAULT_LEASE_MS = 60_000;
const DEFAULT_POLL_MS = 1_000;
const DEFAULT_ATTEMPT_TIMEOUT_MS = 15 * 60_000;
export const defaultBackoff = (attempt: number) => Math.min(2_000 * 4 ** (attempt - 1), 120_000);

export type Runner = ReturnType<typeof createRunner>;

export function createRunner(options: RunnerOptions) {
  const functions = new Map(options.functions.map((fn) => [functionIdOf(fn), fn]));
  const limits = new Map([...functions].map(([id, fn]) => [id, concurrencyOf(fn)?.limit ?? null]));
  const functionIds = [...functions.keys()];
  const slots = options.slots ?? DEFAULT_SLOTS;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const backoffMs = options.backoffMs ?? defaultBackoff;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS;
  const logger = options.logger ?? console;
  const owner = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;
  const active = new Map<string, Promise<void>>();
  // Runs whose attempt is being recorded: their lease ends with it, so a renewal that misses them lost nothing (and
  // if another process did take one over, finishAttempt says so).
  const ending = new Set<string>();
  let running = false;
  let poll: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;

  /** Claims and starts due runs while slots are free; concurrent calls coalesce into one more pass. */
  const pump = coalesced(() => fill(), {
    active: () => running,
    onError: (error) => logger.error(`[jobs] runner could not claim runs: ${describeError(error)}`),
  });

  async function fill() {
    for (;;) {
      const free = slots - active.size;
      if (free <= 0 || !running) return;
      const claimed = await claimRuns({ owner, leaseMs, limit: free, functionIds, concurrencyLimitOf: (id) => limits.get(id) ?? null });
      for (const run of claimed) start(run);
      if (claimed.length < free) return;
    }
  }

  function start(run: ClaimedRun) {
    const work = execute(run)
      .catch((error) => logger.error(`[jobs] ${run.functionId} ${run.runKey}: ${describeError(error)}`))
      .finally(() => {
        active.delete(run.id);
        ending.delete(run.id);
        void pump();
      });
    active.set(run.id, work);
  }

  async function execute(run: ClaimedRun) {
    const fn = functions.get(run.functionId)!;
    const steps = { ...run.steps };
    const result = await executeAttempt({
      fn,
      event: { name: run.eventName, data: run.eventData, id: run.runKey, ts: (run.eventTs ?? new Date()).getTime() },
      attempt: run.attempt - 1,
      steps,
      timeoutMs: attemptTimeoutMs,
      onStep: async (id, data) => {
        steps[id] = data;
        await saveRunSteps({ id: run.id, owner, steps });
      },
    });
    const outcome: AttemptOutcome = result.ok
      ? { ok: true, output: result.output }
      : { ok: false, error: result.error, retriable: result.retriable, retryAt: new Date(Date.now() + backoffMs(run.attempt)) };
    ending.add(run.id);
    const status = await finishAttempt({ run, owner, outcome });
    if (status === null) logger.warn(`[jobs] ${run.functionId} ${run.runKey}: the lease was lost; another process took the run over`);
    else if (status === "QUEUED" && !result.ok) logger.warn(`[jobs] ${run.functionId} ${run.runKey} attempt ${run.attempt} failed, retrying: ${result.error}`);
    else if (status === "FAILED" && !result.ok) logger.error(`[jobs] ${run.functionId} ${run.runKey} failed after ${run.attempt} attempt(s): ${result.error}`);
  }

  async function renew() {
    try {
      const ids = [...active.keys()].filter((id) => !ending.has(id));
      const held = new Set(await renewLeases({ owner, ids, leaseMs }));
      // A run that ended meanwhile (its attempt being recorded, or done, after the list was made) was not taken over.
      const lost = ids.filter((id) => !held.has(id) && active.has(id) && !ending.has(id));
      if (lost.length > 0) logger.warn(`[jobs] ${lost.length} run(s) of this process were taken over by another`);
    } catch (error) {
      logger.warn(`[jobs] could not renew leases: ${describeError(error)}`);
    }
  }

  return {
    owner,
    functions: options.functions,
    pump,
    start() {
      if (running) return;
      running = true;
      poll = setInterval(() => void pump(), pollMs);
      heartbeat = setInterval(() => void renew(), Math.max(50, Math.floor(leaseMs / 3)));
      // Neither timer keeps a process alive on its own.
      poll.unref();
      heartbeat.unref();
      void pump();
    },
    /** Stops claiming; resolves when the runs in progress have ended. */
    async stop() {
      running = false;
      clearInterval(poll);
      clearInterval(heartbeat);
      await pump.idle();
      await Promise.allSettled([...active.values()]);
    },
    /** Runs in progress in this process. */
    get busy() {
      return active.size;
    },
    /** Resolves when the runs in progress have ended (those they lead to may start meanwhile). */
    async settle() {
      await pump.idle();
      await Promise.allSettled([...active.values()]);
    },
  };
}
