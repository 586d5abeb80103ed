// Applies the migrations of the configured database (SQLite by default, PostgreSQL when DATABASE_URL says so).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseUrl, isPostgres, projectRoot, sqlitePath } from "../lib/database-url.mjs";

export function migrate({ quiet = false } = {}) {
  const url = databaseUrl();
  if (!isPostgres(url)) fs.mkdirSync(path.dirname(sqlitePath(url)), { recursive: true });
  execFileSync(path.join(projectRoot, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
    cwd: projectRoot,
    stdio: quiet ? ["ignore", "ignore", "inherit"] : "inherit",
    env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
  if (!isPostgres(url)) {
    // WAL is a property of the database file: readers no longer wait for the writer.
    const conn = new Database(sqlitePath(url));
    conn.pragma("journal_mode = WAL");
    conn.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) migrate();
