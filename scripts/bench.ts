// `npm run bench`: the speed bars of docs (quality.md "Speed") measured on the 1,000,000-request data set, in a
// throwaway SQLite file (data/bench/, reused between runs) and, when DATABASE_URL names a PostgreSQL server, in a
// throwaway database "<name>_bench" on that server (the database of DATABASE_URL itself is never touched).
// Prints one table: each figure, the app's median beside the hand-written SQL's for the same rows, the bar, and
// whether it holds. A report, not a test: the exit code is 0 even when a bar fails (it prints FAILED).
//
// Options: --size N (default 1000000; e.g. 100000 for a quick trial)   --pg-size N (default: --size)
//          --rebuild (build the data set again)   --runs N (timed runs per figure, default 30)
//          --sqlite-only | --pg-only   --no-export   --plans (print every search's query plans)
//          --analyze (SQLite: run PRAGMA optimize on the benchmark database first; by default it has no planner
//          statistics, like a database made by the migrations)   --pragma "cache_size=-131072" (SQLite: set on every
//          connection, the app's and the hand-written SQL's alike; repeatable)
//          --index "TranscriptRequest(boardId, oen, tab)" (a candidate index, created for the run and dropped after;
//          repeatable) — these three to measure a proposed fix before making it
//          --csv-module path (measure another CSV exporter module with the same API)
//          --transcripts N (the nightly transmission's size, default 100000)   --no-transmission
//          --no-load | --load-only (the dashboard under load against `npm start`, scripts/bench/load.ts; needs wrk)
//          --load-seconds N (each load scenario's length, default 60)   --instances N (server processes, default one per core)
//          --proxy nginx (the N instances each on a port of its own behind nginx, TRUSTED_PROXIES=loopback)
//          --reports-only (only the reports' figures: the Summary and the Detailed CSV)
// See docs/decisions/0005-benchmark.md for how it measures.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isPostgres, projectRoot } from "@/lib/database-url.mjs";
import type { Figure, SuiteResult } from "./bench/figures";

function value(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}
const flag = (name: string) => process.argv.includes(name);

/** The throwaway database next to the one of DATABASE_URL: same server, name + "_bench". */
function benchPgUrl(url: string): string {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.replace(/^\//, "")) || "postgres";
  u.pathname = `/${encodeURIComponent(name.endsWith("_bench") ? name : `${name}_bench`)}`;
  return u.toString();
}

function runSuite(kind: "sqlite" | "postgres", size: number, pgUrl?: string): Promise<SuiteResult | string> {
  const out = path.join(os.tmpdir(), `trms-bench-${process.pid}-${kind}.json`);
  const args = [path.join(projectRoot, "scripts/bench/suite.ts"), "--kind", kind, "--size", String(size), "--out", out, "--runs", value("--runs") ?? "30"];
  if (pgUrl) args.push("--pg-url", pgUrl);
  if (flag("--rebuild")) args.push("--rebuild");
  if (flag("--no-export")) args.push("--no-export");
  if (flag("--reports-only")) args.push("--reports-only");
  if (flag("--analyze")) args.push("--analyze");
  process.argv.forEach((a, i) => {
    if ((a === "--pragma" || a === "--index") && process.argv[i + 1]) args.push(a, process.argv[i + 1]!);
  });
  const csvModule = value("--csv-module");
  if (csvModule) args.push("--csv-module", csvModule);
  return new Promise((resolve) => {
    const child = spawn(path.join(projectRoot, "node_modules/.bin/tsx"), args, { cwd: projectRoot, stdio: ["ignore", "inherit", "inherit"] });
    child.on("close", (code) => {
      if (code === 0 && fs.existsSync(out)) {
        const result = JSON.parse(fs.readFileSync(out, "utf8")) as SuiteResult;
        fs.rmSync(out, { force: true });
        resolve(result);
      } else resolve(`the ${kind} benchmark stopped (exit code ${code}); see the messages above`);
    });
  });
}

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

function cells(f: Figure): string[] {
  const app = f.app ? `${ms(f.app.median)} (p95 ${ms(f.app.p95)}, n=${f.app.runs})` : (f.appText ?? "");
  const hand = f.hand ? `${ms(f.hand.median)} (p95 ${ms(f.hand.p95)})` : (f.handText ?? "—");
  const ratio =
    f.app && f.hand
      ? `${(f.app.median / f.hand.median).toFixed(2)}× (${f.app.median >= f.hand.median ? "+" : "−"}${ms(Math.abs(f.app.median - f.hand.median))} ms)`
      : "—";
  const holds = f.holds === null ? (f.bar === "(information)" ? "—" : "NOT MEASURED") : f.holds ? "yes" : "FAILED";
  return [`  ${f.figure}`, app, hand, ratio, f.bar, holds];
}

function printTable(results: SuiteResult[], other: Figure[]): void {
  const header = ["figure", "app (median ms)", "hand SQL (median ms)", "ratio", "bar", "holds?"];
  const lines: (string[] | string)[] = [];
  if (other.length > 0) {
    lines.push(`No database (machine: ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)})`);
    let section = "";
    for (const f of other) {
      if (f.section !== section) {
        section = f.section;
        lines.push(` ${section}`);
      }
      lines.push(cells(f));
    }
  }
  for (const r of results) {
    const db = r.kind === "sqlite" ? "SQLite" : "PostgreSQL";
    lines.push(`${db}, ${r.size.toLocaleString("en-CA")} requests (${r.database}; ${r.engine}; planner statistics: ${r.statistics})`);
    lines.push(
      `  machine: ${os.cpus().length} cores, load average ${r.load[0].toFixed(1)} at the start, ${r.load[1].toFixed(1)} at the end of the measurements`,
    );
    let section = "";
    for (const f of r.figures) {
      if (f.section !== section) {
        section = f.section;
        lines.push(` ${section}`);
      }
      lines.push(cells(f));
    }
  }
  const rows = lines.filter((l): l is string[] => Array.isArray(l));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const format = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join(" | ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("-|-");
  console.log(format(header));
  console.log(rule);
  for (const l of lines) console.log(Array.isArray(l) ? format(l) : l);
}

/** The dashboard under load: scripts/bench/load.ts in a process of its own, wrk in another, the server in a third. */
function runLoadFigures(): Promise<Figure[]> {
  const section = "Dashboard under load (demo data, npm start)";
  const expected: [string, string][] = [
    ["one dashboard page (50 rows, signed in): server time", "≤ 15 ms median"],
    ["one dashboard page (50 rows): HTML size", "≤ 120 kB"],
    ['"100 users", 1 s think time', "p95 ≤ 300 ms, 0 errors"],
    ["saturation, 50 connections", "≥ 150 pages/s"],
  ];
  const hasWrk = (process.env.PATH ?? "").split(path.delimiter).some((dir) => fs.existsSync(path.join(dir, "wrk")));
  if (!hasWrk) {
    return Promise.resolve(
      expected.map(([figure, bar]) => ({ section, figure, appText: "not measured (no wrk: apt-get install wrk)", bar, holds: null, notes: [] })),
    );
  }
  const args = [
    "--seconds",
    value("--load-seconds") ?? "60",
    "--instances",
    // One process per core, as the README runs the production server (npm run start:cluster); --instances 1 for one.
    value("--instances") ?? String(os.availableParallelism()),
    ...(value("--proxy") ? ["--proxy", value("--proxy")!] : []),
  ];
  return runChildFigures("load.ts", args, section, expected);
}

/** Figures that need no database (scripts/bench/*.ts modules that export a runner returning a Figure). */
async function otherFigures(): Promise<Figure[]> {
  const figures: Figure[] = [];
  if (flag("--load-only")) {
    console.error("Dashboard under load…");
    return runLoadFigures();
  }
  if (flag("--reports-only")) return figures;
  const pesc = path.join(projectRoot, "scripts/bench/pesc.ts");
  if (!flag("--pg-only") && fs.existsSync(pesc)) {
    console.error("PESC check…");
    try {
      const mod = (await import("./bench/pesc")) as { runPescFigures?: () => Figure[]; runPescBench?: () => Figure };
      if (typeof mod.runPescFigures === "function") figures.push(...mod.runPescFigures());
      else if (typeof mod.runPescBench === "function") figures.push(mod.runPescBench());
    } catch (error) {
      figures.push({
        section: "Uploads",
        figure: "PESC check (real example): parse, validate, compare",
        appText: `not measured: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
        bar: "≤ 5 ms median",
        holds: null,
        notes: [],
      });
    }
  }
  if (!flag("--pg-only") && fs.existsSync(path.join(projectRoot, "scripts/bench/auto-match.ts"))) {
    console.error("Auto-TRMS matching…");
    figures.push(await runAutoMatchFigure());
  }
  if (!flag("--pg-only")) {
    console.error("Background work (outbox, runner)…");
    figures.push(...(await runBackgroundFigures()));
  }
  if (!flag("--pg-only")) {
    console.error("Notification Digests (10,000 users)…");
    figures.push(...(await runChildFigures("notifications.ts", [], "Notifications", [["digests due for 10,000 users", "≥ 200 digests/s"]])));
  }
  if (!flag("--pg-only") && !flag("--no-transmission")) {
    console.error("Nightly transmission (100,000 transcripts to the college double)…");
    figures.push(...(await runTransmissionFigures()));
  }
  if (!flag("--pg-only") && !flag("--no-load")) {
    console.error("Dashboard under load…");
    figures.push(...(await runLoadFigures()));
  }
  return figures;
}

/** scripts/bench/background.ts in a process of its own, on its own database, like the auto-match figure. */
function runBackgroundFigures(): Promise<Figure[]> {
  return runChildFigures("background.ts", [], "Background work", [
    ["outbox dispatch rate", "≥ 2,000 events/s"],
    ["commit → function start (embedded runtime)", "≤ 100 ms median"],
  ]);
}

/** A benchmark script of scripts/bench/ in a process of its own, on its own database; its figures, or "not measured". */
function runChildFigures(script: string, args: string[], section: string, expected: [string, string][]): Promise<Figure[]> {
  const out = path.join(os.tmpdir(), `trms-bench-${process.pid}-${path.basename(script, ".ts")}.json`);
  return new Promise((resolve) => {
    const child = spawn(path.join(projectRoot, "node_modules/.bin/tsx"), [path.join(projectRoot, "scripts/bench", script), ...args, "--json", out], {
      cwd: projectRoot,
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("close", (code) => {
      if (code === 0 && fs.existsSync(out)) {
        resolve(JSON.parse(fs.readFileSync(out, "utf8")) as Figure[]);
        fs.rmSync(out, { force: true });
        return;
      }
      resolve(expected.map(([figure, bar]) => ({ section, figure, appText: `not measured (exit code ${code})`, bar, holds: null, notes: [] })));
    });
  });
}

/** scripts/bench/transmission.ts in a process of its own (its RSS is the figure), on its own database. */
function runTransmissionFigures(): Promise<Figure[]> {
  return runChildFigures("transmission.ts", ["--transcripts", value("--transcripts") ?? "100000"], "Nightly transmission", [
    ["100,000 transcripts to 24 colleges", "≤ 120 s"],
    ["peak RSS of the process during the night", "< 300 MB"],
  ]);
}

/** scripts/bench/auto-match.ts in a process of its own: it points the app's database client at its own database. */
function runAutoMatchFigure(): Promise<Figure> {
  const out = path.join(os.tmpdir(), `trms-bench-${process.pid}-auto-match.json`);
  const script = path.join(projectRoot, "scripts/bench/auto-match.ts");
  return new Promise((resolve) => {
    const child = spawn(path.join(projectRoot, "node_modules/.bin/tsx"), [script, "--json", out], {
      cwd: projectRoot,
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("close", (code) => {
      if (code === 0 && fs.existsSync(out)) {
        resolve(JSON.parse(fs.readFileSync(out, "utf8")) as Figure);
        fs.rmSync(out, { force: true });
        return;
      }
      resolve({
        section: "Auto-TRMS",
        figure: "auto-match against the SIS double (50 ms latency)",
        appText: `not measured (exit code ${code})`,
        bar: "≥ 200 requests/s",
        holds: null,
        notes: [],
      });
    });
  });
}

async function main(): Promise<void> {
  const size = Number(value("--size") ?? 1_000_000);
  const pgSize = Number(value("--pg-size") ?? size);
  if (!Number.isInteger(size) || size < 1000) throw new Error("--size must be an integer ≥ 1000");
  const url = process.env.DATABASE_URL?.trim();
  const withPg = !flag("--sqlite-only") && !!url && isPostgres(url);
  if (flag("--pg-only") && !withPg) throw new Error("--pg-only needs DATABASE_URL=postgresql://…");

  const results: SuiteResult[] = [];
  const problems: string[] = [];
  if (!flag("--pg-only") && !flag("--load-only")) {
    const r = await runSuite("sqlite", size);
    if (typeof r === "string") problems.push(r);
    else results.push(r);
  }
  if (withPg && !flag("--load-only")) {
    const r = await runSuite("postgres", pgSize, benchPgUrl(url!));
    if (typeof r === "string") problems.push(r);
    else results.push(r);
  } else if (!flag("--sqlite-only")) {
    console.error("PostgreSQL: not measured (DATABASE_URL does not name a PostgreSQL server).");
  }

  console.log("");
  for (const r of results) {
    const counts = Object.entries(r.rowCounts)
      .map(([t, n]) => `${t} ${n.toLocaleString("en-CA")}`)
      .join(", ");
    const build = r.built ? `built in ${(r.buildMs / 1000).toFixed(1)} s` : "reused (cached)";
    console.log(`${r.kind === "sqlite" ? "SQLite" : "PostgreSQL"} data set ${build}: ${counts}.`);
  }
  const other = await otherFigures();
  console.log("");
  printTable(results, other);

  const all = [...results.map((r) => ({ kind: r.kind as string, figures: r.figures })), { kind: "no database", figures: other }];
  const notes = all.flatMap((r) => r.figures.filter((f) => f.notes.length > 0).map((f) => `${r.kind}: ${f.figure}: ${f.notes.join("; ")}`));
  if (notes.length > 0) {
    console.log("\nNotes:");
    for (const n of notes) console.log(`  ${n}`);
  }
  for (const r of results) {
    const shown = flag("--plans") ? r.plans : r.plans.filter((p) => p.fullScans.length > 0);
    if (shown.length === 0) {
      console.log(`\n${r.kind}: every search's plan uses an index (no full scan of TranscriptRequest or Applicant); --plans prints them.`);
      continue;
    }
    console.log(`\n${r.kind}: query plans${flag("--plans") ? "" : " with a full scan"}:`);
    for (const p of shown) {
      console.log(`  ${p.figure}`);
      console.log(`    hand SQL:`);
      for (const l of p.hand) console.log(`      ${l}`);
      for (const a of p.app) {
        console.log(`    app SQL: ${a[0]}`);
        for (const l of a.slice(1)) console.log(`      ${l}`);
      }
    }
  }

  const failed = all.flatMap((r) => r.figures.filter((f) => f.holds === false).map((f) => `${r.kind}: ${f.section} — ${f.figure}`));
  const unmeasured = all.flatMap((r) =>
    r.figures.filter((f) => f.holds === null && f.bar !== "(information)").map((f) => `${r.kind}: ${f.section} — ${f.figure}`),
  );
  console.log("");
  for (const p of problems) console.log(`FAILED: ${p}`);
  if (failed.length > 0) {
    console.log(`FAILED: ${failed.length} bar(s) do not hold:`);
    for (const f of failed) console.log(`  ${f}`);
  }
  if (unmeasured.length > 0) console.log(`NOT MEASURED: ${unmeasured.length} figure(s) (see the table).`);
  if (failed.length === 0 && problems.length === 0) console.log(`Every measured bar holds${unmeasured.length > 0 ? " (some figures were not measured)" : ""}.`);
}

main().catch((error: unknown) => {
  console.error(error);
  console.log("FAILED: the benchmark could not run.");
  process.exitCode = 0;
});
