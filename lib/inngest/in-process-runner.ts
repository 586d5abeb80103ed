import { InngestTestEngine } from "@inngest/test";
import type { EventPayload, InngestFunction } from "inngest";
import { claimJobRun, finishJobRun, recordJobAttempt } from "@/lib/server/jobs/record-job-run";
import { floorToMinute } from "./cron";

// Runs Inngest functions in this process when no Inngest server is configured (contracts §6, ADR 0006).
// The functions are the very definitions served at /api/inngest; @inngest/test's InngestTestEngine drives the SDK's
// own execution engine, so steps, event validation and `step.run` memoisation behave as under Inngest.
// What this runner adds: the claim (one JobRun row per function and run key: an event id or a cron minute, so
// that a repeated delivery or a second app instance never runs it twice), retries with back-off that keep the
// results of the steps that already succeeded, a time limit per attempt, bounded concurrency, and the JobRun record.

export type AnyInngestFunction = InngestFunction.Any;

/** An event as sent: every event the runner handles has an id (the run key of its runs). */
export type RunnableEvent = { name: string; data: Record<string, unknown>; id: string; ts?: number };

export type RunOutcome = { functionId: string; runKey: string } & (
  | { status: "SUCCEEDED"; attempts: number; output: unknown }
  | { status: "FAILED"; attempts: number; error: string }
  /** Already claimed by an earlier delivery of the same event or tick (here or in another instance). */
  | { status: "DUPLICATE" }
);

export type RunnerLogger = { warn(message: string): void; error(message: string): void };

export type InProcessRunnerOptions = {
  functions: readonly AnyInngestFunction[];
  /** Wait before retry number `retry` (1, 2, …). Default: 2 s, 8 s, 32 s, … capped at 2 minutes. */
  backoffMs?: (retry: number) => number;
  /** Runs executing at once; more wait their turn. */
  concurrency?: number;
  /** Time limit of one attempt. */
  attemptTimeoutMs?: number;
  logger?: RunnerLogger;
};

/** Inngest's default when a function does not set `retries`. */
const DEFAULT_RETRIES = 3;
const DEFAULT_CONCURRENCY = 4;
const DEFAULT_ATTEMPT_TIMEOUT_MS = 15 * 60_000;
const defaultBackoff = (retry: number) => Math.min(2_000 * 4 ** (retry - 1), 120_000);
// Errors that a retry cannot fix: the SDK's own (a payload that fails the event schema) and the explicit one.
const NON_RETRIABLE = new Set(["NonRetriableError", "EventValidationError"]);

export const CRON_EVENT_NAME = "inngest/scheduled.timer";
export const MANUAL_EVENT_PATTERN = /^jobs\/(.+)\.run$/;

export type FunctionTriggers = { events: string[]; crons: string[] };

/** The event names and cron expressions a function listens to. */
export function triggersOf(fn: AnyInngestFunction): FunctionTriggers {
  const triggers = (fn.opts as { triggers?: readonly unknown[] }).triggers ?? [];
  const out: FunctionTriggers = { events: [], crons: [] };
  for (const t of triggers) {
    if (typeof t !== "object" || t === null) continue;
    if ("cron" in t && typeof t.cron === "string") out.crons.push(t.cron);
    else if ("event" in t && typeof t.event === "string") out.events.push(t.event);
  }
  return out;
}

export function functionIdOf(fn: AnyInngestFunction): string {
  return fn.id();
}

function listensTo(fn: AnyInngestFunction, eventName: string) {
  return triggersOf(fn).events.some((e) => e === eventName || (e.endsWith("/*") && eventName.startsWith(e.slice(0, -1))));
}

export type InProcessRunner = ReturnType<typeof createInProcessRunner>;

export function createInProcessRunner(options: InProcessRunnerOptions) {
  const functions = [...options.functions];
  const backoffMs = options.backoffMs ?? defaultBackoff;
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS;
  const logger = options.logger ?? console;
  const pending = new Set<Promise<unknown>>();
  const waiting: (() => void)[] = [];
  let active = 0;

  function track<T>(promise: Promise<T>): Promise<T> {
    pending.add(promise);
    const forget = () => pending.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  async function withSlot<T>(work: () => Promise<T>): Promise<T> {
    if (active >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await work();
    } finally {
      active--;
      waiting.shift()?.();
    }
  }

  /** One run of `fn` for `event`, claimed under `runKey`; never rejects. */
  async function run(fn: AnyInngestFunction, event: RunnableEvent, runKey: string, trigger: string): Promise<RunOutcome> {
    const functionId = functionIdOf(fn);
    let runId: string | null;
    try {
      runId = await claimJobRun({ functionId, runKey, trigger });
    } catch (error) {
      // Without a claim there is no run: running anyway could run it twice.
      const message = describe(error);
      logger.error(`[jobs] ${functionId} ${runKey}: could not claim the run: ${message}`);
      return { functionId, runKey, status: "FAILED", attempts: 0, error: message };
    }
    if (runId === null) return { functionId, runKey, status: "DUPLICATE" };
    const id = runId;

    return withSlot(async () => {
      const maxAttempts = 1 + ((fn.opts as { retries?: number }).retries ?? DEFAULT_RETRIES);
      const memo = new Map<string, unknown>();
      let attempt = 0;
      for (;;) {
        attempt++;
        let result: AttemptResult;
        try {
          await recordJobAttempt(id, attempt);
          result = await attemptOnce(fn, event, attempt - 1, memo, attemptTimeoutMs);
        } catch (error) {
          result = { ok: false, error: describe(error), retriable: true };
        }
        try {
          if (result.ok) {
            await finishJobRun(id, { status: "SUCCEEDED", output: result.output });
            return { functionId, runKey, status: "SUCCEEDED", attempts: attempt, output: result.output };
          }
          if (!result.retriable || attempt >= maxAttempts) {
            logger.error(`[jobs] ${functionId} ${runKey} failed after ${attempt} attempt(s): ${result.error}`);
            await finishJobRun(id, { status: "FAILED", error: result.error });
            return { functionId, runKey, status: "FAILED", attempts: attempt, error: result.error };
          }
        } catch (error) {
          logger.error(`[jobs] ${functionId} ${runKey}: could not record the outcome: ${describe(error)}`);
          return result.ok
            ? { functionId, runKey, status: "SUCCEEDED", attempts: attempt, output: result.output }
            : { functionId, runKey, status: "FAILED", attempts: attempt, error: result.error };
        }
        logger.warn(`[jobs] ${functionId} ${runKey} attempt ${attempt} failed, retrying: ${result.error}`);
        await sleep(backoffMs(attempt));
      }
    });
  }

  return {
    functions,

    /** Runs every function listening to each event (asynchronously for the sender: it need not await this). */
    deliver(events: readonly RunnableEvent[]): Promise<RunOutcome[]> {
      const runs: Promise<RunOutcome>[] = [];
      for (const event of events) {
        const manual = MANUAL_EVENT_PATTERN.exec(event.name);
        const requestedBy = typeof event.data.requestedBy === "string" ? event.data.requestedBy : "";
        const trigger = manual ? `manual:${requestedBy}` : `event:${event.name}`;
        for (const fn of functions.filter((f) => listensTo(f, event.name))) {
          runs.push(track(run(fn, event, event.id, trigger)));
        }
      }
      return Promise.all(runs);
    },

    /**
     * Runs `fn` for the scheduled minute containing `at`. The run key is that minute, so processing the same tick
     * twice, here or in another instance, runs it once.
     */
    runScheduled(fn: AnyInngestFunction, cron: string, at: Date): Promise<RunOutcome> {
      const minute = floorToMinute(at);
      const runKey = `cron:${minute.toISOString()}`;
      const event: RunnableEvent = { name: CRON_EVENT_NAME, data: { cron }, id: runKey, ts: minute.getTime() };
      return track(run(fn, event, runKey, "cron"));
    },

    /** Resolves when every run started so far (and its retries) has finished: for tests and shutdown. */
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}

type AttemptResult = { ok: true; output: unknown } | { ok: false; error: string; retriable: boolean };

async function attemptOnce(
  fn: AnyInngestFunction,
  event: RunnableEvent,
  attempt: number,
  memo: Map<string, unknown>,
  timeoutMs: number,
): Promise<AttemptResult> {
  const engine = new InngestTestEngine({
    function: fn,
    events: [{ name: event.name, data: event.data, id: event.id, ts: event.ts ?? Date.now() } as EventPayload],
    // Steps that succeeded in an earlier attempt return their result again instead of running again, as under
    // Inngest, where a retry re-runs only the step that failed.
    steps: [...memo].map(([id, data]) => ({ id, idIsHashed: true, handler: () => data })),
    // The engine always says attempt 0; functions see the real one.
    transformCtx: (ctx) => ({ ...ctx, attempt }),
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`attempt timed out after ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
  });
  try {
    const output = (await Promise.race([engine.execute(), timeout])) as {
      result?: unknown;
      error?: unknown;
      state?: Record<string, Promise<unknown>>;
    };
    for (const [id, promise] of Object.entries(output.state ?? {})) {
      try {
        memo.set(id, await promise);
      } catch {
        // A failed step is not memoised: the retry runs it again.
      }
    }
    if (output.error !== undefined) {
      const name = errorName(output.error);
      return { ok: false, error: describe(output.error), retriable: !NON_RETRIABLE.has(name) };
    }
    return { ok: true, output: output.result };
  } finally {
    clearTimeout(timer);
  }
}

function errorName(error: unknown): string {
  return typeof error === "object" && error !== null && "name" in error && typeof error.name === "string" ? error.name : "Error";
}

/** "Name: message", one line: the JobRun record and logs carry no stack traces. */
function describe(error: unknown): string {
  if (typeof error === "object" && error !== null && "message" in error && typeof error.message === "string") {
    return `${errorName(error)}: ${error.message}`.replace(/\s+/g, " ");
  }
  return String(error);
}

function sleep(ms: number) {
  return new Promise<void>((resolve) => setTimeout(resolve, ms));
}
