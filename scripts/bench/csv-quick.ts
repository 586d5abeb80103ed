// A quick look at the CSV export on the benchmark's cached SQLite data set, without the whole suite: the same
// child process and the same query as `npm run bench` (the most recent whole Toronto days holding N requests,
// OCAS, all statuses), one export per run. For iterating on the exporter; `npm run bench` is the measurement.
// Usage: tsx scripts/bench/csv-quick.ts [--rows 100000] [--size 1000000] [--mode csv|rows] [--csv-module path]
//        [--runs 1] [--cpu-prof dir]
import { spawn } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { startOfTorontoDay, torontoDate } from "@/lib/domain/business-days";
import { projectRoot, sqlitePath } from "@/lib/database-url.mjs";
import { sqliteBenchUrl } from "./dataset";
import { exportCommand } from "./export-bundle";

function value(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

async function main(): Promise<void> {
  const rows = Number(value("--rows") ?? 100_000);
  const url = sqliteBenchUrl(Number(value("--size") ?? 1_000_000));
  const mode = value("--mode") === "rows" ? "rows" : "csv";
  const conn = new Database(sqlitePath(url), { readonly: true, fileMustExist: true });
  const at = (offset: number) =>
    new Date(
      String(
        (conn.prepare(`SELECT "paidAt" FROM "TranscriptRequest" ORDER BY "paidAt" DESC, "id" DESC LIMIT 1 OFFSET ?`).get(offset) as { paidAt: string }).paidAt,
      ),
    );
  const to = torontoDate(at(0));
  const from = torontoDate(at(rows - 1));
  const next = new Date(`${to}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const fmt = (d: Date) => d.toISOString().replace("Z", "+00:00");
  const { n } = conn
    .prepare(`SELECT count(*) AS n FROM "TranscriptRequest" WHERE "paidAt" >= ? AND "paidAt" < ?`)
    .get(fmt(startOfTorontoDay(from)), fmt(startOfTorontoDay(next.toISOString().slice(0, 10)))) as { n: number };
  conn.close();

  const csvModule = value("--csv-module");
  const runner = await exportCommand(csvModule, "csv-quick");
  const query = new URLSearchParams({ status: "ALL", from, to }).toString();
  const profile = value("--cpu-prof");
  for (let run = 0; run < Number(value("--runs") ?? 1); run++) {
    const args = [...(profile ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(profile)] : []), ...runner.args, "--query", query, "--mode", mode];
    if (csvModule) args.push("--csv-module", csvModule);
    const out = await new Promise<string>((resolve) => {
      const child = spawn(runner.command, args, { cwd: projectRoot, stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, DATABASE_URL: url } });
      let text = "";
      child.stdout.on("data", (d: Buffer) => (text += d.toString()));
      child.on("close", () => resolve(text.trim().split("\n").pop() ?? ""));
    });
    const r = JSON.parse(out) as {
      status: string;
      rows: number;
      totalMs: number;
      cpuMs: number;
      firstByteMs: number;
      peakRss: number;
      baselineRss: number;
      peakHeap: number;
      bytes: number;
    };
    const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
    if (r.status !== "ok") console.log(out);
    else
      console.log(
        `${mode} ${from}..${to}: ${r.rows} rows (expected ${n}), ${Math.round(r.rows / (r.totalMs / 1000)).toLocaleString("en-CA")} rows/s, ` +
          `${(r.totalMs / 1000).toFixed(2)} s (CPU ${(r.cpuMs / 1000).toFixed(2)} s: ${Math.round(r.rows / (r.cpuMs / 1000)).toLocaleString("en-CA")} rows per CPU-second), first byte ${r.firstByteMs.toFixed(0)} ms, peak RSS ${mb(r.peakRss)} (before ${mb(r.baselineRss)}; heap ${mb(r.peakHeap)}), ${mb(r.bytes)} (${runner.runner})`,
      );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
