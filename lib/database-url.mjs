// Where the database is, for the app, the Prisma CLI and the scripts alike.
// SQLite (a file under the project) unless DATABASE_URL names a PostgreSQL server.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export const DEFAULT_DATABASE_URL = "file:./data/trms.db";

export function databaseUrl(env = process.env) {
  return env.DATABASE_URL && env.DATABASE_URL.trim() !== "" ? env.DATABASE_URL : DEFAULT_DATABASE_URL;
}

export function isPostgres(url = databaseUrl()) {
  return /^postgres(ql)?:\/\//.test(url);
}

/** Absolute path of a SQLite file URL; a relative one is relative to the working directory (the project root
 * for every npm script and for `next start`). */
export function sqlitePath(url = databaseUrl()) {
  const file = url.replace(/^file:/, "");
  return path.isAbsolute(file) ? file : path.resolve(/*turbopackIgnore: true*/ process.cwd(), file);
}

export function schemaPath(url = databaseUrl()) {
  return isPostgres(url) ? "prisma/postgresql/schema.prisma" : "prisma/schema.prisma";
}

export function migrationsPath(url = databaseUrl()) {
  return isPostgres(url) ? "prisma/postgresql/migrations" : "prisma/migrations";
}
