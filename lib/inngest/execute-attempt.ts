import { InngestTestEngine } from "@inngest/test";
import type { EventPayload } from "inngest";
import { describeError } from "@/lib/domain/job-text";
import type { AnyInngestFunction } from "./functions-info";

// One attempt of a function run, in this process (docs/decisions/0011). @inngest/test's engine drives the SDK's own
// execution engine — the `createExecution` that `serve` uses — so steps, event schema validation and
// NonRetriableError behave as under an Inngest server. The steps that finished in earlier attempts are handed in as
// memoised results, and each step that finishes now is reported (`onStep`) before the function goes on, so that the
// runner can store it: a retry, or another process taking the run over after a crash, runs only the unfinished steps.

export type AttemptEvent = { name: string; data: Record<string, unknown>; id: string; ts: number };

export type AttemptResult = { ok: true; output: unknown } | { ok: false; error: string; retriable: boolean };

// Errors that a retry cannot fix: the SDK's own (a payload that fails the event schema) and the explicit one.
const NON_RETRIABLE = new Set(["NonRetriableError", "EventValidationError", "DuplicateStepError"]);

class DuplicateStepError extends Error {
  constructor(id: string) {
    super(`step id "${id}" is used twice in one run`);
    this.name = "DuplicateStepError";
  }
}

type StepRun = (idOrOptions: unknown, fn: (...args: unknown[]) => unknown, ...rest: unknown[]) => Promise<unknown>;

export async function executeAttempt(options: {
  fn: AnyInngestFunction;
  event: AttemptEvent;
  /** 0 for the first attempt, as Inngest counts. */
  attempt: number;
  /** Results of the steps that finished before, by step id; not changed here. */
  steps: Readonly<Record<string, unknown>>;
  onStep: (id: string, data: unknown) => Promise<void>;
  timeoutMs: number;
}): Promise<AttemptResult> {
  const { fn, event, attempt, steps, onStep } = options;
  const finished = new Set(Object.keys(steps));
  const engine = new InngestTestEngine({
    function: fn,
    events: [{ name: event.name, data: event.data, id: event.id, ts: event.ts } as EventPayload],
    steps: Object.entries(steps).map(([id, data]) => ({ id, handler: () => data })),
    // The engine always says attempt 0; functions see the real one. Its step tools are the SDK's; only step.run is
    // wrapped, to report each result (as JSON, what Inngest would hand back) before the function continues.
    transformCtx: (ctx) => {
      const run = ctx.step.run.bind(ctx.step) as StepRun;
      const wrapped: StepRun = (idOrOptions, handler, ...rest) => {
        const id = typeof idOrOptions === "string" ? idOrOptions : String((idOrOptions as { id?: unknown }).id);
        return run(
          idOrOptions,
          async (...args: unknown[]) => {
            if (finished.has(id)) throw new DuplicateStepError(id);
            const data = toJson(await handler(...args));
            finished.add(id);
            // A step that returns nothing is stored as null, as Inngest stores it, so that it counts as finished.
            await onStep(id, data === undefined ? null : data);
            return data;
          },
          ...rest,
        );
      };
      return { ...ctx, attempt, step: { ...ctx.step, run: wrapped } } as typeof ctx;
    },
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`attempt timed out after ${Math.round(options.timeoutMs / 1000)} s`)), options.timeoutMs);
  });
  try {
    const output = (await Promise.race([engine.execute(), timeout])) as { result?: unknown; error?: unknown };
    if (output.error !== undefined) {
      return { ok: false, error: describeError(output.error), retriable: !NON_RETRIABLE.has(errorName(output.error)) };
    }
    return { ok: true, output: output.result };
  } catch (error) {
    return { ok: false, error: describeError(error), retriable: !NON_RETRIABLE.has(errorName(error)) };
  } finally {
    clearTimeout(timer);
  }
}

function errorName(error: unknown): string {
  return typeof error === "object" && error !== null && "name" in error && typeof error.name === "string" ? error.name : "Error";
}

/** A step's result as JSON gives it back (undefined stays undefined). */
function toJson(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}
