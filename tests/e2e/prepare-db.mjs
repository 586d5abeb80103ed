// Before the e2e run (playwright.config.ts webServer): a fresh, migrated and seeded database of its own, so the
// tests always start from the deterministic demo data (contracts §7) and never touch the demo's database.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { databaseUrl, isPostgres, projectRoot, sqlitePath } from "../../lib/database-url.mjs";
import { migrate } from "../../scripts/db-migrate.mjs";

const url = databaseUrl();
if (isPostgres(url)) {
  // Dropping a whole PostgreSQL database from a test run is too easy to get wrong: e2e runs on SQLite only.
  console.error("tests/e2e/prepare-db.mjs: DATABASE_URL must be a SQLite file for the e2e run");
  process.exit(1);
}
const file = sqlitePath(url);
for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
const files = process.env.FILE_STORAGE_DIR && path.resolve(projectRoot, process.env.FILE_STORAGE_DIR);
if (files && files.startsWith(path.join(projectRoot, "data") + path.sep)) fs.rmSync(files, { recursive: true, force: true });

const t0 = Date.now();
migrate({ quiet: true });
// The seed refuses to run with NODE_ENV=production, which the server below needs; it gets the server's
// AUTH_SECRET from the same environment (the boards' SIS secrets are encrypted with it).
const { NODE_ENV: _ignored, ...seedEnv } = process.env;
execFileSync(path.join(projectRoot, "node_modules/.bin/tsx"), ["prisma/seed.ts"], {
  cwd: projectRoot,
  stdio: ["ignore", "ignore", "inherit"],
  env: seedEnv,
});
console.log(`e2e database ${path.relative(projectRoot, file)} migrated and seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
