// Records the SQL the app sends while `capture` runs, so that the benchmark can show the plan of the app's own
// queries, not only of the hand-written ones. Prisma's: by wrapping the drivers' prepare (better-sqlite3) and query
// (pg) methods, which the adapters call; nothing is changed otherwise. Statements the app runs on a connection of
// its own, prepared once and kept (the dashboard's reader on SQLite), are passed to `recordSql` by the caller.
import Database from "better-sqlite3";
import pg from "pg";
import { appSqliteDriver } from "./hand-sql";

export type CapturedQuery = { sql: string; params: unknown[] };

let recording: CapturedQuery[] | null = null;

type Prepares = { prepare: (this: Database.Database, sql: string) => Database.Statement };

function wrapPrepare(proto: Prepares): void {
  const prepare = proto.prepare;
  proto.prepare = function (this: Database.Database, sql: string) {
    const stmt = prepare.call(this, sql);
    if (recording) {
      // The adapter prepares and binds each query; a statement kept and run without bind() is not recorded here.
      const bind = stmt.bind.bind(stmt);
      (stmt as unknown as { bind: (...args: unknown[]) => Database.Statement }).bind = (...args: unknown[]) => {
        recordSql(sql, args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args);
        return bind(...(args as []));
      };
    }
    return stmt;
  };
}

let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  // The adapter may load its own copy of better-sqlite3: wrap every copy.
  for (const driver of new Set([Database, appSqliteDriver()])) wrapPrepare(driver.prototype as unknown as Prepares);
  const clientProto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };

  const query = clientProto.query;
  clientProto.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0];
    if (recording && config && typeof config === "object" && "text" in config) {
      const c = config as { text: string; values?: unknown[] };
      recording.push({ sql: c.text, params: c.values ?? [] });
    }
    return query.apply(this, args);
  };
}

/** Records a statement the app runs (while a capture is on). */
export function recordSql(sql: string, params: readonly unknown[]): void {
  recording?.push({ sql, params: [...params] });
}

/** The queries `fn` sent to the database. */
export async function captureSql(fn: () => Promise<unknown>): Promise<CapturedQuery[]> {
  install();
  const queries: CapturedQuery[] = [];
  recording = queries;
  try {
    await fn();
  } finally {
    recording = null;
  }
  return queries;
}

/** Installs the wrappers before the first measurement, so that their cost (one branch) is in every run alike. */
export function installSqlCapture(): void {
  install();
}
