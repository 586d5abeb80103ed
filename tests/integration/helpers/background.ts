import { afterAll } from "vitest";
import { functions } from "@/inngest/index";
import type { AnyInngestFunction } from "@/lib/inngest/functions-info";
import { startBackgroundRuntime, type BackgroundRuntime } from "@/lib/inngest/runtime";
import type { RunnerLogger } from "@/lib/inngest/runner";

/**
 * The embedded background runtime for a test file (a composition root, like instrumentation.ts): the app's functions
 * unless others are given, no scheduler, quick polls and retries. Stopped after the file's tests.
 */
export function testRuntime(
  options: { functions?: readonly AnyInngestFunction[]; logger?: RunnerLogger; leaseMs?: number; slots?: number } = {},
): BackgroundRuntime {
  const runtime = startBackgroundRuntime({
    functions: options.functions ?? functions,
    schedule: false,
    dispatchPollMs: 50,
    runner: { pollMs: 50, backoffMs: () => 10, leaseMs: options.leaseMs ?? 10_000, slots: options.slots },
    logger: options.logger ?? quietLogger(),
  });
  afterAll(() => runtime.stop());
  return runtime;
}

/** Retries and expected failures are logged as warnings and errors; tests that want them pass their own logger. */
export function quietLogger(): RunnerLogger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) };
}
