// Creates a new migration for both SQLite and PostgreSQL from the change to prisma/schema.prisma since the last
// migration (kept in prisma/migrated-schema.prisma). `migrate dev` does not work offline here (docs/decisions/0001).
// Usage: npm run db:migration -- <name>
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { postgresSchema, writePostgresSchema } from "./db-generate.mjs";
import { projectRoot } from "../lib/database-url.mjs";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_");
if (!name) {
  console.error("Usage: npm run db:migration -- <name>");
  process.exit(1);
}
const prisma = path.join(projectRoot, "node_modules/.bin/prisma");
const current = path.join(projectRoot, "prisma/schema.prisma");
const snapshot = path.join(projectRoot, "prisma/migrated-schema.prisma");
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "trms-migration-"));

writePostgresSchema();
let wrote = false;
for (const [provider, folder, transform] of [
  ["sqlite", "prisma/migrations", (t) => t],
  ["postgresql", "prisma/postgresql/migrations", postgresSchema],
]) {
  const to = path.join(tmp, `${provider}-to.prisma`);
  fs.writeFileSync(to, transform(fs.readFileSync(current, "utf8")));
  const from = fs.existsSync(snapshot)
    ? ["--from-schema-datamodel", writeTmp(`${provider}-from.prisma`, transform(fs.readFileSync(snapshot, "utf8")))]
    : ["--from-empty"];
  const sql = execFileSync(prisma, ["migrate", "diff", ...from, "--to-schema-datamodel", to, "--script"], {
    cwd: projectRoot,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (/^-- This is an empty migration\.\s*$/.test(sql.trim()) || sql.trim() === "") continue;
  const dir = path.join(projectRoot, folder, `${stamp}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), sql);
  fs.writeFileSync(path.join(projectRoot, folder, "migration_lock.toml"), `provider = "${provider}"\n`);
  console.log(`wrote ${path.relative(projectRoot, dir)}/migration.sql`);
  wrote = true;
}
if (wrote) fs.copyFileSync(current, snapshot);
else console.log("No schema change since the last migration.");
fs.rmSync(tmp, { recursive: true, force: true });

function writeTmp(file, text) {
  const full = path.join(tmp, file);
  fs.writeFileSync(full, text);
  return full;
}
