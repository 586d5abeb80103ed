// Derives the PostgreSQL schema from prisma/schema.prisma (the one to edit) and generates both clients.
// The app picks one at run time from DATABASE_URL (lib/db.ts); their model types are the same.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "../lib/database-url.mjs";

const source = path.join(projectRoot, "prisma/schema.prisma");
const target = path.join(projectRoot, "prisma/postgresql/schema.prisma");

export function postgresSchema(text) {
  return (
    text
      // Whatever the alignment `prisma format` gives the blocks.
      .replace(/provider(\s*)=(\s*)"sqlite"/, 'provider$1=$2"postgresql"')
      .replace(/url(\s*)=(\s*)"file:\.\/unused\.db"/, 'url$1=$2"postgresql://unused@localhost/unused"')
      .replace(/output(\s*)=(\s*)"\.\.\/lib\/generated\/sqlite"/, 'output$1=$2"../../lib/generated/postgresql"')
      .replace(
        "// TRMS data model. This file is the source of truth for SQLite (the embedded default).",
        "// GENERATED from prisma/schema.prisma by scripts/db-generate.mjs: do not edit.",
      )
  );
}

export function writePostgresSchema() {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const text = postgresSchema(fs.readFileSync(source, "utf8"));
  if (!fs.existsSync(target) || fs.readFileSync(target, "utf8") !== text) fs.writeFileSync(target, text);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writePostgresSchema();
  const prisma = path.join(projectRoot, "node_modules/.bin/prisma");
  for (const schema of ["prisma/schema.prisma", "prisma/postgresql/schema.prisma"]) {
    execFileSync(prisma, ["generate", "--no-hints", "--schema", schema], {
      cwd: projectRoot,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    });
  }
}
