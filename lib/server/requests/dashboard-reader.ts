import "server-only";
import fs from "node:fs";
import Database from "better-sqlite3";
import { SQLITE_APP_CACHE_KIB } from "@/lib/db-client";
import { env } from "@/lib/env";
import { isPostgres, sqlitePath } from "@/scripts/database-url.mjs";

// On SQLite the dashboard reads its page and tab counts with plain SQL on a connection of its own
// (docs/decisions/0010-dashboard-plain-sql.md): Prisma's fixed cost per query (~1.5 ms) was several times the
// query itself. One connection for the process, opened on first use, that cannot write.

/** Reads of the dashboard: the rows of one statement, each an array of its columns in SELECT order. */
export type DashboardReader = {
  rows(sql: string, values: readonly unknown[]): unknown[][];
  /**
   * Whether SQLite sorts the rows of `sql` (a temporary B-tree for its ORDER BY) rather than read them in order from
   * an index; asked of the planner once per SQL text, with the first values it is run with.
   */
  sorts(sql: string, values: readonly unknown[]): boolean;
  /** Sets a pragma on this connection (the benchmark's --pragma). */
  pragma(text: string): void;
};

type Open = { file: string; dev: number; ino: number; conn: Database.Database; reader: DashboardReader };

// Dev hot reload re-evaluates this module: keep the one connection on globalThis.
const globalForReader = globalThis as unknown as { trmsDashboardReader?: Open };

/** Prepared statements kept per connection, by SQL text; the least recently used goes beyond this. */
const STATEMENTS = 256;

type Listener = (sql: string, values: readonly unknown[]) => void;
let listener: Listener | null = null;

/** Calls `fn` with each statement the reader runs (the benchmark's plans of the app's SQL); null stops. */
export function listenToDashboardSql(fn: Listener | null): void {
  listener = fn;
}

/** The dashboard's reader for the app's database: SQLite only; null on PostgreSQL, which reads through Prisma. */
export function dashboardReader(): DashboardReader | null {
  const url = env().DATABASE_URL;
  return isPostgres(url) ? null : sqliteReader(sqlitePath(url));
}

/**
 * The read connection for `file`. Reopened when the file at that path is another one than the connection's (a
 * database deleted and created again, as the end-to-end set-up does): a connection never reads a deleted file.
 */
export function sqliteReader(file: string): DashboardReader {
  const open = globalForReader.trmsDashboardReader;
  // The file's identity costs one stat per read (microseconds, against a query's few hundred).
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (open && open.conn.open && stat && open.file === file && open.dev === stat.dev && open.ino === stat.ino) return open.reader;
  if (open?.conn.open) open.conn.close();
  globalForReader.trmsDashboardReader = undefined;
  const opened = openReader(file);
  globalForReader.trmsDashboardReader = opened;
  return opened.reader;
}

/** Closes the read connection, if open (the next read opens it again). */
export function closeDashboardReader(): void {
  const open = globalForReader.trmsDashboardReader;
  if (open?.conn.open) open.conn.close();
  globalForReader.trmsDashboardReader = undefined;
}

function openReader(file: string): Open {
  // busy timeout: outside WAL mode a read waits for a writer's lock instead of failing at once.
  const conn = new Database(file, { fileMustExist: true, timeout: 10_000 });
  let stat: fs.Stats;
  try {
    // The app's page cache (a sort on an unindexed column reads a board's rows); reads only.
    conn.pragma(`cache_size = -${SQLITE_APP_CACHE_KIB}`);
    conn.pragma("query_only = ON");
    // The file opened, not the path's file of a moment ago.
    stat = fs.statSync(file);
  } catch (error) {
    conn.close();
    throw error;
  }
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (statement) {
      // Most recently used last.
      statements.delete(sql);
    } else {
      statement = conn.prepare(sql).raw(true);
      if (statements.size >= STATEMENTS) statements.delete(statements.keys().next().value!);
    }
    statements.set(sql, statement);
    return statement;
  };
  const sorting = new Map<string, boolean>();
  const reader: DashboardReader = {
    rows(sql, values) {
      listener?.(sql, values);
      return prepared(sql).all(...values) as unknown[][];
    },
    sorts(sql, values) {
      let sorts = sorting.get(sql);
      if (sorts === undefined) {
        const plan = conn.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...values) as { detail: string }[];
        sorts = plan.some((step) => /^USE TEMP B-TREE FOR .*ORDER BY/.test(step.detail));
        if (sorting.size >= STATEMENTS) sorting.delete(sorting.keys().next().value!);
        sorting.set(sql, sorts);
      }
      return sorts;
    },
    pragma(text) {
      conn.pragma(text);
    },
  };
  return { file, dev: stat.dev, ino: stat.ino, conn, reader };
}

// A time as Prisma reads it from SQLite: the adapter's ISO 8601 text ("…T…+00:00"), and what Prisma also accepts —
// text without a zone (UTC), with a space before the time, a date alone, a time alone, or milliseconds since 1970.
const TIME = /\d{2}:\d{2}:\d{2}(?:\.\d+)?(Z|[+-]\d{2}(:?\d{2})?)?$/;

/** A DATETIME value of SQLite as the Date Prisma returns for it. */
export function sqliteDate(value: unknown): Date {
  if (typeof value === "number" || typeof value === "bigint") return new Date(Number(value));
  if (typeof value !== "string") throw new Error(`dashboard: not a time: ${String(value)}`);
  const time = TIME.exec(value);
  if (time === null) return new Date(`${value}T00:00:00Z`);
  const [whole, zone, minutes] = time;
  let text = value;
  if (zone === undefined) text = `${value}Z`;
  else if (zone !== "Z" && minutes === undefined) text = `${value}:00`;
  if (whole.length === value.length) return new Date(`1970-01-01T${text}`);
  const separator = time.index - 1;
  if (text[separator] === " ") text = `${text.slice(0, separator)}T${text.slice(separator + 1)}`;
  return new Date(text);
}
