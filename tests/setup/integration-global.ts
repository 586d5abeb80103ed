import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { isPostgres } from "../../lib/database-url.mjs";
import { adminUrl, databaseName, withDatabase } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    baseDatabase: string;
  }
}

// Migrate one base database for the run; each test file gets its own copy (integration-worker.ts).
export default async function setup(project: TestProject) {
  const target = process.env.DATABASE_URL;
  if (target && isPostgres(target)) {
    const base = `${databaseName(target)}_test_base`;
    await withDatabase(adminUrl(target), async (client) => {
      await client.query(`DROP DATABASE IF EXISTS "${base}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${base}"`);
    });
    migrate(withName(target, base));
    project.provide("baseDatabase", withName(target, base));
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trms-test-"));
  const file = path.join(dir, "base.db");
  migrate(`file:${file}`);
  project.provide("baseDatabase", `file:${file}`);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

function migrate(url: string) {
  execFileSync(process.execPath, ["scripts/db-migrate.mjs"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

function withName(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
