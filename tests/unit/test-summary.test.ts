// `npm test`'s summary (scripts/test-all.mjs): the counts, and the names of the tests that failed, read from the
// runners' JSON reports (shaped as vitest 4 and Playwright write them).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { countPlaywright, countVitest, failedPlaywright, failedVitest } from "../../scripts/test-all.mjs";
import { projectRoot } from "../../lib/database-url.mjs";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trms-test-summary-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function report(name: string, content: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(content));
  return file;
}

const assertion = (title: string, status: string) => ({ ancestorTitles: ["runner"], fullName: `runner ${title}`, title, status, failureMessages: [] });

const vitestReport = {
  numPassedTests: 2,
  numFailedTests: 1,
  numPendingTests: 1,
  numTodoTests: 0,
  success: false,
  testResults: [
    {
      name: path.join(projectRoot, "tests/integration/runner.test.ts"),
      status: "failed",
      message: "",
      assertionResults: [assertion("records a run", "passed"), assertion("renews its leases", "failed"), assertion("later", "pending")],
    },
    { name: path.join(projectRoot, "tests/unit/broken.test.ts"), status: "failed", message: "Cannot find module 'x'\n    at import", assertionResults: [] },
    { name: path.join(projectRoot, "tests/unit/fine.test.ts"), status: "passed", message: "", assertionResults: [assertion("is fine", "passed")] },
  ],
};

const spec = (title: string, line: number, status: string) => ({
  title,
  file: "e2e/upload.spec.ts",
  line,
  column: 1,
  tests: [{ projectName: "chromium", status, expectedStatus: "passed" }],
});

const playwrightReport = {
  stats: { expected: 1, unexpected: 1, flaky: 1, skipped: 0 },
  errors: [{ message: "Error: web server did not start\nmore" }],
  suites: [
    {
      title: "upload.spec.ts",
      file: "e2e/upload.spec.ts",
      specs: [spec("passes", 10, "expected")],
      suites: [{ title: "a describe", file: "e2e/upload.spec.ts", specs: [spec("fails twice", 20, "unexpected"), spec("passes on retry", 30, "flaky")] }],
    },
  ],
};

describe("npm test's summary", () => {
  test("names each failed vitest test by file and full name, and a file that failed without a test", () => {
    const file = report("vitest.json", vitestReport);
    expect(countVitest(file)).toEqual({ passed: 2, failed: 2, skipped: 1 });
    expect(failedVitest(file)).toEqual([
      "tests/integration/runner.test.ts > runner renews its leases",
      "tests/unit/broken.test.ts (the file failed: Cannot find module 'x')",
    ]);
  });

  test("names each Playwright test that failed after its retries, not one that passed on retry, and errors outside tests", () => {
    const file = report("e2e.json", playwrightReport);
    expect(countPlaywright(file)).toEqual({ passed: 2, failed: 2, skipped: 0 });
    expect(failedPlaywright(file)).toEqual(["e2e/upload.spec.ts:20 > fails twice [chromium]", "(outside any test: Error: web server did not start)"]);
  });

  test("names nothing when nothing failed", () => {
    const passing = { ...vitestReport, numFailedTests: 0, success: true, testResults: [vitestReport.testResults[2]] };
    expect(failedVitest(report("passing.json", passing))).toEqual([]);
    expect(failedPlaywright(report("passing-e2e.json", { stats: { expected: 1 }, errors: [], suites: [] }))).toEqual([]);
  });
});
