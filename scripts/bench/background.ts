// The durable background work (issue "Background work that nothing can lose", docs/decisions/0011), in a throwaway
// SQLite database with the app's settings:
// - outbox dispatch rate: N events written to the outbox, then handed to the embedded runner as runs by the
//   dispatcher's verb (lib/server/jobs/dispatch-outbox.ts), batch after batch: events/s (bar ≥ 2,000/s);
// - the delay from a commit to the start of the function it announces: a transaction writes an event, the runtime
//   (dispatcher, runner, @inngest/test's engine) starts the function; median and p95 over M commits, one at a time
//   (bar: median ≤ 100 ms).
// `npx tsx scripts/bench/background.ts [--events 20000] [--commits 60] [--json out]`; scripts/bench.ts runs it in a
// process of its own (the app's database client is one per process) and adds its figures to the table.
import fs from "node:fs";
import { register } from "node:module";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import type { Figure } from "./figures";
import { stats } from "./stats";

register("../server-only-hook.mjs", import.meta.url);

const DISPATCH_BAR = 2_000;
const DELAY_BAR_MS = 100;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i === -1 ? fallback : Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number`);
  return value;
}

export async function runBackgroundBench(options: { events?: number; commits?: number } = {}): Promise<Figure[]> {
  const events = options.events ?? 20_000;
  const commits = options.commits ?? 60;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trms-bench-background-"));
  // Before anything reads the settings (lib/env.ts reads them once).
  process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
  process.env.FILE_STORAGE_DIR = path.join(dir, "files");
  process.env.AUTH_SECRET ||= "benchmark-only-auth-secret-0123456789abcdef";
  try {
    const { migrate } = await import("@/scripts/db-migrate.mjs");
    migrate({ quiet: true });
    const { Inngest } = await import("inngest");
    const { db } = await import("@/lib/db");
    const { enqueueEvents } = await import("@/lib/server/jobs/outbox");
    const { signalBackgroundWork } = await import("@/lib/server/jobs/signal");
    const { dispatchOutboxToRuns } = await import("@/lib/server/jobs/dispatch-outbox");
    const { routesFor } = await import("@/lib/inngest/functions-info");
    const { startBackgroundRuntime } = await import("@/lib/inngest/runtime");

    const client = new Inngest({ id: "trms-bench", logger: { info() {}, warn() {}, error() {}, debug() {} } });
    const started = new Map<string, number>();
    const probe = client.createFunction({ id: "bench-probe", triggers: [{ event: "bench/probe" }] }, async ({ event, step }) => {
      started.set(event.id!, performance.now());
      return step.run("noop", () => true);
    });
    const sink = client.createFunction({ id: "bench-sink", triggers: [{ event: "bench/dispatch" }] }, async () => "ok");

    // 1. Dispatch rate: the events written first (as services would, in batches), then dispatched until none is left.
    const payload = { requestId: "c0000000000000000000000000", referenceNumber: "REF-12345678", boardId: "c0000000000000000000000001" };
    for (let from = 0; from < events; from += 500) {
      const batch = Array.from({ length: Math.min(500, events - from) }, (_, i) => ({
        id: `bench-${from + i}`,
        name: "bench/dispatch",
        data: payload,
        subject: `request:${from + i}`,
      }));
      await db.$transaction(async (tx) => enqueueEvents(tx, batch));
    }
    const routes = routesFor([sink]);
    const t0 = performance.now();
    let dispatched = 0;
    for (;;) {
      const n = await dispatchOutboxToRuns({ routesFor: routes });
      dispatched += n;
      if (n === 0) break;
    }
    const seconds = (performance.now() - t0) / 1000;
    const runs = await db.jobRun.count({ where: { functionId: "bench-sink" } });
    const rate = dispatched / seconds;

    // 2. Commit → start, one commit at a time, with the runtime as the app runs it (no scheduler).
    const runtime = startBackgroundRuntime({ functions: [probe], schedule: false, logger: { warn() {}, error: (m) => console.error(m) } });
    const delays: number[] = [];
    try {
      for (let i = 0; i < commits + 5; i++) {
        const id = `probe-${i}`;
        await db.$transaction(async (tx) => enqueueEvents(tx, [{ id, name: "bench/probe", data: {}, subject: null }]));
        const committed = performance.now();
        signalBackgroundWork();
        while (!started.has(id)) await new Promise((resolve) => setTimeout(resolve, 1));
        // The first few warm the engine and the statements up.
        if (i >= 5) delays.push(started.get(id)! - committed);
        await runtime.drain();
      }
    } finally {
      await runtime.stop();
    }
    await db.$disconnect();
    const delay = stats(delays);
    const notes = runs === events ? [] : [`${runs} runs for ${events} events`];
    return [
      {
        section: "Background work",
        figure: `outbox dispatch rate (${events.toLocaleString("en-CA")} events to runs)`,
        appText: `${rate.toFixed(0)} events/s (${dispatched} in ${seconds.toFixed(2)} s, batches of 500)`,
        bar: `≥ ${DISPATCH_BAR.toLocaleString("en-CA")} events/s`,
        holds: notes.length === 0 ? rate >= DISPATCH_BAR : false,
        notes,
      },
      {
        section: "Background work",
        figure: "commit → function start (embedded runtime)",
        app: delay,
        bar: `≤ ${DELAY_BAR_MS} ms median`,
        holds: delay.median <= DELAY_BAR_MS,
        notes: [],
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const figures = await runBackgroundBench({ events: arg("--events", 20_000), commits: arg("--commits", 60) });
  const jsonAt = process.argv.indexOf("--json");
  if (jsonAt !== -1 && process.argv[jsonAt + 1]) fs.writeFileSync(process.argv[jsonAt + 1]!, JSON.stringify(figures));
  for (const f of figures) {
    const value = f.app ? `median ${f.app.median.toFixed(1)} ms, p95 ${f.app.p95.toFixed(1)} ms (n=${f.app.runs})` : f.appText;
    console.log(`${f.figure}: ${value} (bar ${f.bar}) ${f.holds ? "holds" : "FAILED"}${f.notes.length ? ` — ${f.notes.join("; ")}` : ""}`);
  }
  process.exit(0);
}
