import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// End-to-end tests: the production build against its own fresh SQLite database (data/e2e.db), seeded with the
// demo data (contracts §7). Ports differ from the demo's (3000/4010) so both can run side by side; note that
// both use .next, so a demo started afterwards rebuilds (scripts/demo.mjs compares the build id).
// E2E_PORT / E2E_SIS_PORT / E2E_COLLEGE_PORT move them (two checkouts testing on one machine).
const PORT = Number(process.env.E2E_PORT ?? 3100);
const SIS_PORT = Number(process.env.E2E_SIS_PORT ?? 4110);
const COLLEGE_PORT = Number(process.env.E2E_COLLEGE_PORT ?? 4120);
const baseURL = `http://localhost:${PORT}`;

// `npx playwright install` needs a CDN; a system Chromium works as well (README, DEVELOPERS.md).
const systemChromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const executablePath = fs.existsSync(systemChromium) ? systemChromium : undefined;

// The SIS test double (contracts §2) runs beside the app when the project has it.
const sisDouble = "tests/doubles/sis-server.mjs";
const withSisDouble = fs.existsSync(sisDouble);
// The college test double (contracts §4): the seed points every demo college at it.
const collegeDouble = "tests/doubles/college-server.mjs";
const withCollegeDouble = fs.existsSync(collegeDouble);

const appEnv: Record<string, string> = {
  NODE_ENV: "production",
  DATABASE_URL: "file:./data/e2e.db",
  // A fixed secret for tests only; never the demo's data/secrets.json.
  AUTH_SECRET: "e2e-only-auth-secret-0123456789abcdefghijklmnop",
  AUTH_TRUST_HOST: "true",
  INTAKE_API_KEY: "e2e-intake-key-123",
  APP_URL: baseURL,
  FILE_STORAGE_DIR: "./data/e2e-files",
  // As the demo: the local doubles (and a test's own endpoints) are plain HTTP on this machine.
  TRMS_ALLOW_LOOPBACK_HTTP: "true",
  PORT: String(PORT),
  ...(withSisDouble ? { SIS_DOUBLE_URL: `http://127.0.0.1:${SIS_PORT}/sis` } : {}),
  ...(withCollegeDouble ? { COLLEGE_DOUBLE_URL: `http://127.0.0.1:${COLLEGE_PORT}` } : {}),
};

export default defineConfig({
  // End-to-end tests, and the security suite's HTTP checks (tests/security/*.spec.ts: headers, redirects, limits).
  testDir: "tests",
  testMatch: ["e2e/**/*.spec.ts", "security/**/*.spec.ts"],
  // Artifacts apart from the JSON reports: Playwright empties its outputDir at start.
  outputDir: "test-results/playwright",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL,
    locale: "en-CA",
    timezoneId: "America/Toronto",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: [
    ...(withSisDouble
      ? [
          {
            command: `node ${sisDouble}`,
            port: SIS_PORT,
            env: { SIS_DOUBLE_PORT: String(SIS_PORT), PORT: String(SIS_PORT) },
            reuseExistingServer: false,
            timeout: 30_000,
          },
        ]
      : []),
    ...(withCollegeDouble
      ? [
          {
            command: `node ${collegeDouble}`,
            port: COLLEGE_PORT,
            env: { COLLEGE_DOUBLE_PORT: String(COLLEGE_PORT), PORT: String(COLLEGE_PORT), COLLEGE_DOUBLE_DIR: "./data/e2e-college-double" },
            reuseExistingServer: false,
            timeout: 30_000,
          },
        ]
      : []),
    {
      // Always build: the demo shares .next and may have built other sources; a build takes 1-2 minutes.
      command: `node tests/e2e/prepare-db.mjs && node_modules/.bin/next build && exec node scripts/serve.mjs -p ${PORT}`,
      url: `${baseURL}/api/health`,
      env: appEnv,
      reuseExistingServer: false,
      timeout: 300_000,
      stdout: "pipe",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
  ],
});
