import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { isPostgres } from "../../lib/database-url.mjs";
import { adminUrl, databaseName, withDatabase } from "./postgres";

// Each test file gets a fresh copy of the migrated base database, so files never see each other's rows.
const base = inject("baseDatabase");
const suffix = crypto.randomBytes(4).toString("hex");

if (isPostgres(base)) {
  const name = `${databaseName(base).replace(/_base$/, "")}_${suffix}`;
  await withDatabase(adminUrl(base), (c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${databaseName(base)}"`));
  const u = new URL(base);
  u.pathname = `/${name}`;
  process.env.DATABASE_URL = u.toString();
  afterAll(async () => {
    const globalDb = (globalThis as { trmsDb?: { $disconnect(): Promise<void> } }).trmsDb;
    await globalDb?.$disconnect();
    // The dashboard's pool (lib/server/requests/dashboard-reader.ts), if a test opened it: its connections would
    // be ended by the DROP below, each an error of the pool.
    const dashboard = globalThis as { trmsDashboardPool?: { pool: { end(): Promise<void> } } };
    const pool = dashboard.trmsDashboardPool;
    dashboard.trmsDashboardPool = undefined;
    await pool?.pool.end();
    await withDatabase(adminUrl(base), (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  });
} else {
  const file = path.join(os.tmpdir(), `trms-test-${process.pid}-${suffix}.db`);
  fs.copyFileSync(base.replace(/^file:/, ""), file);
  process.env.DATABASE_URL = `file:${file}`;
  afterAll(async () => {
    const globalDb = (globalThis as { trmsDb?: { $disconnect(): Promise<void> } }).trmsDb;
    await globalDb?.$disconnect();
    // The dashboard's read connection (lib/server/requests/dashboard-reader.ts), if a test opened it.
    const reader = (globalThis as { trmsDashboardReader?: { conn: { open: boolean; close(): void } } }).trmsDashboardReader;
    if (reader?.conn.open) reader.conn.close();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  });
}
process.env.FILE_STORAGE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "trms-files-"));
process.env.TRMS_DISABLE_SCHEDULER = "1";
