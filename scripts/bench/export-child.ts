// The CSV export measured in a process of its own (started by suite.ts), so that its peak memory is the
// export's and not the benchmark's. Streams the app's export to a sink that only counts bytes and lines.
// Prints one JSON line: { status: "ok", firstByteMs, totalMs, cpuMs, bytes, rows, peakRss, baselineRss, … } or
// { status: "missing" | "error", message }.
// suite.ts runs it as a bundle under plain node (export-bundle.ts), so that tsx's loader is not in the memory
// measured; run directly it works under tsx as well.
// Usage: DATABASE_URL=… tsx scripts/bench/export-child.ts --query "status=ALL&from=…&to=…" --mode csv|rows [--csv-module path]
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Actor } from "@/lib/auth/roles";
import { projectRoot } from "@/lib/database-url.mjs";

const CSV_MODULE = "lib/server/exports/requests-csv.ts";
const ROWS_MODULE = "lib/server/exports/export-rows.ts";
const DETAILED_MODULE = "lib/server/reports/report-csv.ts";

function value(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

function print(result: object): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

const ocas: Actor = {
  id: "bench-user",
  username: "bench",
  displayName: "Benchmark",
  email: "bench@example.org",
  role: "OCAS_ADMIN",
  boardId: null,
  schoolId: null,
  language: "en",
  mustChangePassword: false,
  board: null,
  school: null,
};

type AnyFn = (...args: unknown[]) => unknown;

function findExport(mod: Record<string, unknown>, preferred: string, pattern: RegExp): AnyFn | undefined {
  if (typeof mod[preferred] === "function") return mod[preferred] as AnyFn;
  const match = Object.entries(mod).find(([name, v]) => typeof v === "function" && pattern.test(name));
  return match?.[1] as AnyFn | undefined;
}

export const EXPORT_MODULES = { csv: CSV_MODULE, rows: ROWS_MODULE, detailed: DETAILED_MODULE };

/** Modules given by the bundle (imported statically there); otherwise imported here from their files. */
export async function runExportChild(bundled?: {
  csv?: Record<string, unknown>;
  rows?: Record<string, unknown>;
  detailed?: Record<string, unknown>;
}): Promise<void> {
  const requestedMode = value("--mode");
  // "detailed": the Detailed report's CSV (docs/decisions/0018), with the same search.
  const mode = requestedMode === "rows" ? "rows" : requestedMode === "detailed" ? "detailed" : "csv";
  process.env.TRMS_DISABLE_SCHEDULER = "1";
  const file = path.resolve(projectRoot, mode === "csv" ? (value("--csv-module") ?? CSV_MODULE) : EXPORT_MODULES[mode]);
  let mod = bundled?.[mode];
  if (!mod) {
    if (!fs.existsSync(file)) {
      print({ status: "missing", message: `exporter missing (${path.relative(projectRoot, file)})` });
      return;
    }
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  }
  const fn =
    mode === "csv"
      ? findExport(mod, "requestsCsvStream", /csv/i)
      : mode === "detailed"
        ? findExport(mod, "detailedCsvStream", /^$/)
        : findExport(mod, "exportRows", /rows/i);
  if (!fn) {
    print({
      status: "error",
      message: `${path.relative(projectRoot, file)} exports no ${mode === "csv" ? "requestsCsvStream" : mode === "detailed" ? "detailedCsvStream" : "exportRows"} (it exports: ${Object.keys(mod).join(", ")})`,
    });
    return;
  }
  const { parseRequestSearch } = await import("@/lib/domain/request-search");
  const search = parseRequestSearch(new URLSearchParams(value("--query") ?? "status=ALL")).search;

  // The server's V8 settings, as instrumentation.ts applies them when a server starts.
  const { applyServerV8Flags } = await import("@/lib/runtime/v8-flags");
  applyServerV8Flags();
  // Everything the export needs is loaded; what the export adds on top shows in the peak.
  const { db } = await import("@/lib/db");
  await db.$queryRawUnsafe("SELECT 1");
  // The benchmark's --pragma settings, as on the app's connection in the benchmark process.
  for (const pragma of (process.env.TRMS_BENCH_SQLITE_PRAGMAS ?? "").split("\n").filter(Boolean)) await db.$queryRawUnsafe(`PRAGMA ${pragma}`);
  globalThis.gc?.();
  const baselineRss = process.memoryUsage().rss;
  let peakRss = baselineRss;
  let peakHeap = process.memoryUsage().heapUsed;
  let peakExternal = process.memoryUsage().external;
  const sample = () => {
    const m = process.memoryUsage();
    if (m.rss > peakRss) peakRss = m.rss;
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
    if (m.external > peakExternal) peakExternal = m.external;
  };
  const timer = setInterval(sample, 50);

  let firstByteMs: number | null = null;
  let bytes = 0;
  let newlines = 0;
  let items = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const onChunk = (chunk: unknown) => {
    if (firstByteMs === null) firstByteMs = performance.now() - start;
    if (typeof chunk === "string") {
      bytes += Buffer.byteLength(chunk);
      for (let i = chunk.indexOf("\n"); i !== -1; i = chunk.indexOf("\n", i + 1)) newlines++;
    } else if (chunk instanceof Uint8Array) {
      bytes += chunk.byteLength;
      const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) newlines++;
    }
    items++;
    if (items % 256 === 0) sample();
  };

  try {
    let result: unknown = await fn({ actor: ocas, search, locale: "en" });
    if (result instanceof Response) result = result.body;
    if (result && typeof (result as ReadableStream).getReader === "function") {
      const reader = (result as ReadableStream<unknown>).getReader();
      for (;;) {
        const { done, value: chunk } = await reader.read();
        if (done) break;
        onChunk(chunk);
      }
    } else if (result && typeof (result as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function") {
      for await (const chunk of result as AsyncIterable<unknown>) onChunk(mode === "rows" ? "" : chunk);
    } else {
      throw new Error(`the exporter returned ${Object.prototype.toString.call(result)}, not a stream or an async iterable`);
    }
  } catch (error) {
    clearInterval(timer);
    print({ status: "error", message: error instanceof Error ? error.message.split("\n")[0] : String(error) });
    return;
  }
  const totalMs = performance.now() - start;
  // CPU time of this process during the export (user + system, every thread): on a busy machine the wall time
  // above includes waiting for a core, this does not.
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  clearInterval(timer);
  sample();
  // CSV: one line per row after the header. Rows mode: one item per row.
  const rows = mode === "rows" ? items : Math.max(0, newlines - 1);
  print({ status: "ok", firstByteMs: firstByteMs ?? totalMs, totalMs, cpuMs, bytes, rows, peakRss, baselineRss, peakHeap, peakExternal });
  await db.$disconnect();
}

export function runAndExit(bundled?: Parameters<typeof runExportChild>[0]): void {
  runExportChild(bundled).then(
    () => process.exit(0),
    (error: unknown) => {
      print({ status: "error", message: error instanceof Error ? error.message.split("\n")[0] : String(error) });
      process.exit(0);
    },
  );
}

if (import.meta.url.endsWith("/export-child.ts") && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Under tsx: lib/server/** imports "server-only", which throws outside a React Server environment.
  const { register } = await import("node:module");
  register("../server-only-hook.mjs", import.meta.url);
  runAndExit();
}
