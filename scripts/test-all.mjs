// `npm test`: every test (contracts §0). Vitest (unit + integration), then Playwright (end-to-end), each with its
// own output, then one summary line computed from their JSON reports:
//   tests: N passed, M failed[, K skipped]
// Both runners run even if the first fails. Exit code non-zero when a runner failed or a report is missing.
// Usage: node scripts/test-all.mjs [--no-e2e]
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "../lib/database-url.mjs";

export const VITEST_REPORT = "test-results/vitest.json";
export const E2E_REPORT = "test-results/e2e.json";

/** Counts of a vitest JSON report. A test file that failed without a failing test (e.g. it did not import), or
 * a failed run with no failure at all (e.g. a configuration error), counts as one failure, so that a broken run
 * never reads as "0 failed". */
export function countVitest(file) {
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  const brokenFiles = (report.testResults ?? []).filter((f) => f.status === "failed" && !(f.assertionResults ?? []).some((t) => t.status === "failed")).length;
  const failed = (report.numFailedTests ?? 0) + brokenFiles;
  return {
    passed: report.numPassedTests ?? 0,
    failed: failed === 0 && report.success === false ? 1 : failed,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

/** Counts of a Playwright JSON report. Flaky (passed on retry) counts as passed; an error outside any test
 * (the web server did not start, a file did not load) counts as one failure. */
export function countPlaywright(file) {
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  const stats = report.stats ?? {};
  return {
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: (stats.unexpected ?? 0) + (report.errors ?? []).length,
    skipped: stats.skipped ?? 0,
  };
}

/** The failed tests of a vitest JSON report, one "file > test" a line; a file that failed without a failing test
 * (it did not import) is named alone. Printed before the summary so that the tail of a CI log says what failed. */
export function failedVitest(file) {
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  const names = [];
  for (const f of report.testResults ?? []) {
    const where = path.relative(projectRoot, f.name ?? "");
    const tests = (f.assertionResults ?? []).filter((t) => t.status === "failed");
    for (const t of tests) names.push(`${where} > ${t.fullName ?? t.title}`);
    if (f.status === "failed" && tests.length === 0) names.push(`${where} (the file failed: ${firstLine(f.message)})`);
  }
  return names;
}

/** The failed tests of a Playwright JSON report (after their retries), and its errors outside any test. */
export function failedPlaywright(file) {
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  const names = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status === "unexpected") names.push(`${spec.file}:${spec.line} > ${spec.title}${t.projectName ? ` [${t.projectName}]` : ""}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites ?? []) walk(suite);
  for (const error of report.errors ?? []) names.push(`(outside any test: ${firstLine(error.message)})`);
  return names;
}

function firstLine(text) {
  return String(text ?? "")
    .split("\n", 1)[0]
    .slice(0, 200);
}

export function summaryLine({ passed, failed, skipped }) {
  return `tests: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`;
}

export function addCounts(...counts) {
  return counts.reduce((sum, c) => ({ passed: sum.passed + c.passed, failed: sum.failed + c.failed, skipped: sum.skipped + c.skipped }), {
    passed: 0,
    failed: 0,
    skipped: 0,
  });
}

let current = null;
let interrupted = false;

function runner(command, args) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    console.log(`\n$ ${[path.relative(projectRoot, command), ...args].join(" ")}`);
    current = spawn(command, args, { cwd: projectRoot, stdio: "inherit", env: process.env });
    current.on("error", (error) => {
      console.error(`${command}: ${error.message}`);
      current = null;
      resolve(1);
    });
    current.on("exit", (code, signal) => {
      current = null;
      console.log(`(${path.basename(command)} finished in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

function readFailed(file, list) {
  try {
    return list(path.join(projectRoot, file));
  } catch {
    return []; // an unreadable or missing report is already reported by readCounts
  }
}

function readCounts(label, file, count) {
  const full = path.join(projectRoot, file);
  if (!fs.existsSync(full)) {
    console.error(`${label}: no report at ${file}`);
    return null;
  }
  try {
    return count(full);
  } catch (error) {
    console.error(`${label}: unreadable report ${file}: ${error.message}`);
    return null;
  }
}

async function main() {
  const withE2e = !process.argv.includes("--no-e2e");
  const bin = (name) => path.join(projectRoot, "node_modules/.bin", name);
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      interrupted = true;
      current?.kill(signal);
    });
  }
  // A report left by an earlier run must not stand in for a run that wrote none.
  for (const file of [VITEST_REPORT, E2E_REPORT]) fs.rmSync(path.join(projectRoot, file), { force: true });

  let ok = true;
  const counts = [];

  const vitestCode = await runner(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile=${VITEST_REPORT}`]);
  // Read now: nothing later may touch test-results/ before it is counted.
  const vitest = readCounts("vitest", VITEST_REPORT, countVitest);
  const failedNames = vitest?.failed ? readFailed(VITEST_REPORT, failedVitest) : [];
  if (vitestCode !== 0 || !vitest) ok = false;
  if (vitest) counts.push(vitest);

  if (withE2e && !interrupted) {
    const playwrightCode = await runner(bin("playwright"), ["test"]);
    const e2e = readCounts("playwright", E2E_REPORT, countPlaywright);
    if (playwrightCode !== 0 || !e2e) ok = false;
    if (e2e) counts.push(e2e);
    if (e2e?.failed) failedNames.push(...readFailed(E2E_REPORT, failedPlaywright));
  } else if (withE2e) {
    ok = false;
  }

  // Right above the summary line, so that the tail of a CI log says which tests failed.
  for (const name of failedNames) console.log(`failed: ${name}`);
  const total = addCounts(...counts);
  if (!ok && total.failed === 0) console.error("A test runner failed (see its output above).");
  console.log(summaryLine(total));
  process.exit(ok ? 0 : 1);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
