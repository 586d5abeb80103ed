import type { InngestFunction } from "inngest";
import type { JobDescriptor } from "@/lib/server/jobs/catalogue";
import type { RunRoute } from "@/lib/server/jobs/dispatch-outbox";
import { parseCron, type CronSchedule } from "./cron";

// What the embedded runtime reads from a function's options (docs/decisions/0011). It models triggers (events, with a
// trailing `/*` wildcard, and crons), `retries`, and `concurrency` (a limit, optionally per `event.data.<field>` key);
// it refuses at start-up a function that asks for something it does not model, rather than ignoring it.

export type AnyInngestFunction = InngestFunction.Any;

/** Inngest's default when a function does not set `retries`. */
export const DEFAULT_RETRIES = 3;

const SUPPORTED_OPTIONS = new Set(["id", "name", "description", "retries", "concurrency", "triggers"]);

export class UnsupportedFunctionError extends Error {
  constructor(functionId: string, why: string) {
    super(`function ${functionId}: ${why} is not supported by the embedded runner (docs/decisions/0011)`);
    this.name = "UnsupportedFunctionError";
  }
}

type Opts = { retries?: number; concurrency?: unknown; triggers?: readonly unknown[]; name?: string };
const optsOf = (fn: AnyInngestFunction) => fn.opts as Opts;

export function functionIdOf(fn: AnyInngestFunction): string {
  return fn.id();
}

export type FunctionTriggers = { events: string[]; crons: string[] };

/** The event names and cron expressions a function listens to. */
export function triggersOf(fn: AnyInngestFunction): FunctionTriggers {
  const out: FunctionTriggers = { events: [], crons: [] };
  for (const t of optsOf(fn).triggers ?? []) {
    if (typeof t !== "object" || t === null) continue;
    if ("cron" in t && typeof t.cron === "string") out.crons.push(t.cron);
    else if ("event" in t && typeof t.event === "string") out.events.push(t.event);
  }
  return out;
}

export function listensTo(fn: AnyInngestFunction, eventName: string): boolean {
  return triggersOf(fn).events.some((e) => e === eventName || (e.endsWith("/*") && eventName.startsWith(e.slice(0, -1))));
}

/** Attempts of a run: the first one and the function's retries. */
export function maxAttemptsOf(fn: AnyInngestFunction): number {
  return 1 + (optsOf(fn).retries ?? DEFAULT_RETRIES);
}

export type ConcurrencyRule = { limit: number; keyPath: string[] | null };

/** The function's concurrency limit, per key value when it has a key; null when it has none. */
export function concurrencyOf(fn: AnyInngestFunction): ConcurrencyRule | null {
  const id = functionIdOf(fn);
  const c = optsOf(fn).concurrency;
  if (c === undefined || c === null) return null;
  if (typeof c === "number") return { limit: c, keyPath: null };
  if (Array.isArray(c)) throw new UnsupportedFunctionError(id, "more than one concurrency rule");
  if (typeof c !== "object") throw new UnsupportedFunctionError(id, "this concurrency option");
  const { limit, key, scope } = c as { limit?: unknown; key?: unknown; scope?: unknown };
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1)
    throw new UnsupportedFunctionError(id, "a concurrency limit that is not a positive whole number");
  if (scope !== undefined && scope !== "fn") throw new UnsupportedFunctionError(id, `concurrency scope "${String(scope)}"`);
  if (key === undefined) return { limit, keyPath: null };
  if (typeof key !== "string" || !/^event\.data(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(key))
    throw new UnsupportedFunctionError(id, `concurrency key ${String(key)}`);
  return { limit, keyPath: key.split(".").slice(2) };
}

/** The run's concurrency key: "<functionId>:<value of the key in the event's data>", or null without a limit. */
export function concurrencyKeyOf(fn: AnyInngestFunction, data: Record<string, unknown>): string | null {
  const rule = concurrencyOf(fn);
  if (!rule) return null;
  let value: unknown = data;
  for (const part of rule.keyPath ?? []) value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  const text = rule.keyPath === null ? "" : typeof value === "string" || typeof value === "number" ? String(value) : JSON.stringify(value ?? null);
  return `${functionIdOf(fn)}:${text}`;
}

export function schedulesOf(fn: AnyInngestFunction): CronSchedule[] {
  return triggersOf(fn).crons.map((c) => parseCron(c));
}

/** Throws when a function uses an option the embedded runner does not model, or a schedule it cannot read. */
export function checkSupported(fn: AnyInngestFunction) {
  const id = functionIdOf(fn);
  for (const key of Object.keys(fn.opts as object)) {
    if (!SUPPORTED_OPTIONS.has(key)) throw new UnsupportedFunctionError(id, `the option "${key}"`);
  }
  for (const t of optsOf(fn).triggers ?? []) {
    if (typeof t === "object" && t !== null && "if" in t) throw new UnsupportedFunctionError(id, "a trigger with an `if` expression");
  }
  concurrencyOf(fn);
  schedulesOf(fn);
}

/** The functions as the services see them (lib/server/jobs/catalogue.ts). */
export function describeFunctions(functions: readonly AnyInngestFunction[]): JobDescriptor[] {
  return functions.map((fn) => ({ id: functionIdOf(fn), name: fn.name, events: triggersOf(fn).events, schedules: schedulesOf(fn) }));
}

/** For the dispatcher: which functions run for an event, with their attempts and concurrency keys. */
export function routesFor(functions: readonly AnyInngestFunction[]): (eventName: string) => RunRoute[] {
  const cache = new Map<string, RunRoute[]>();
  return (eventName) => {
    let routes = cache.get(eventName);
    if (!routes) {
      routes = functions
        .filter((fn) => listensTo(fn, eventName))
        .map((fn) => ({ functionId: functionIdOf(fn), maxAttempts: maxAttemptsOf(fn), concurrencyKey: (data) => concurrencyKeyOf(fn, data) }));
      cache.set(eventName, routes);
    }
    return routes;
  };
}
