import v8 from "node:v8";

/**
 * V8 settings of every server process, applied once when it starts (instrumentation.ts) and by the benchmark's
 * export process, which measures the export as a server runs it.
 *
 * `--no-allocation-site-pretenuring`: V8 watches how many objects of each allocation site survive a young-generation
 * collection and, past a threshold, allocates that site's objects in the old generation from then on. A PostgreSQL
 * export reads 1,000 rows at a time and they all live until their batch is written, so in some runs V8 began
 * allocating pg's rows there; every batch after that became old-generation garbage, collected only by a full
 * collection. `--trace-gc` of such a run: full collections at 98.7 → 32.6 MB and 135.1 → 32.8 MB, with 33 MB live.
 * Measured on the 1M-request data set, CSV export of 301,253 rows, peak RSS: 153–269 MB (about a third of runs
 * above 200 MB) without it, 145–163 MB in sixteen runs with it, at the same rate. Request handling makes short-lived
 * objects; it does not rely on pretenuring. The flag is one V8 reads at each collection, so setting it after start
 * takes effect (measured: five runs of five with `v8.setFlagsFromString`, as with the command-line flag).
 */
export const SERVER_V8_FLAGS = ["--no-allocation-site-pretenuring"] as const;

let applied = false;

export function applyServerV8Flags(): void {
  if (applied) return;
  applied = true;
  for (const flag of SERVER_V8_FLAGS) v8.setFlagsFromString(flag);
}
