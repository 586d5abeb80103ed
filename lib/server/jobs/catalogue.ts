import "server-only";

// What the services know of the background functions, without importing them (lib/server never imports inngest/ or
// the runner): the composition roots (instrumentation.ts, app/api/inngest/route.ts, the test setup) describe the
// functions here (lib/inngest/functions-info.ts) before anything asks. Kept on globalThis: Next bundles
// instrumentation.ts apart from the routes.

export type JobSchedule = {
  /** As written in the function, time zone prefix included ("TZ=America/Toronto 0 6 * * *"). */
  expression: string;
  timeZone: string;
  /** The first scheduled instant strictly after `after`. */
  next(after: Date): Date | null;
};

export type JobDescriptor = {
  id: string;
  /** The function's own name: the fallback label when the messages have none. */
  name: string;
  events: readonly string[];
  schedules: readonly JobSchedule[];
};

const store = globalThis as unknown as { trmsJobCatalogue?: readonly JobDescriptor[] };

/** Adds the functions (a function registered again replaces its earlier description). */
export function registerJobCatalogue(jobs: readonly JobDescriptor[]) {
  const ids = new Set(jobs.map((j) => j.id));
  store.trmsJobCatalogue = [...(store.trmsJobCatalogue ?? []).filter((j) => !ids.has(j.id)), ...jobs];
}

/** Every registered function; empty before a composition root registered them. */
export function jobCatalogue(): readonly JobDescriptor[] {
  return store.trmsJobCatalogue ?? [];
}

/** The functions with at least one schedule (those "Run now" can start). */
export function scheduledJobs(): readonly JobDescriptor[] {
  return jobCatalogue().filter((j) => j.schedules.length > 0);
}
