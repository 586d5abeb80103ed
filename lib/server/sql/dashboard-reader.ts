import "server-only";
import fs from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { SQLITE_APP_CACHE_KIB } from "@/lib/db-client";
import { env } from "@/lib/env";
import type { Dialect } from "@/lib/server/sql/request-sql";
import { isPostgres, sqlitePath } from "@/lib/database-url.mjs";

// The dashboard reads its page and tab counts with plain SQL on connections of its own
// (docs/decisions/0010-dashboard-plain-sql.md): Prisma's fixed cost per query (~1–1.5 ms) was several times the
// query itself. Neither can write.
// - SQLite: one better-sqlite3 connection for the process, opened on first use, statements prepared and kept.
// - PostgreSQL: a small pg pool for the process, opened on first use, sessions read-only, rows as arrays, its own
//   type parsers (a `timestamp` read as UTC, as Prisma stores it; a bigint count as a number) — pg's global parsers,
//   which Prisma's adapter uses too, are left alone.

/** Reads of the dashboard: the rows of one statement, each an array of its columns in SELECT order. */
export type DashboardReader = {
  /** The SQL the reader runs (rendered by export-sql.ts for it). */
  dialect: Dialect;
  rows(sql: string, values: readonly unknown[]): Promise<unknown[][]>;
  /** A time column's value in a row of `rows` as the Date Prisma returns for it. */
  time(value: unknown): Date;
  /**
   * Whether the database sorts the rows of `sql` rather than read them in order from an index. SQLite: a temporary
   * B-tree for its ORDER BY, asked of the planner once per SQL text, with the first values it is run with.
   * PostgreSQL: always false (the page query joins the school directly; see find-requests.ts).
   */
  sorts(sql: string, values: readonly unknown[]): boolean;
  /** Sets a pragma on this connection (the benchmark's --pragma; SQLite only). */
  pragma(text: string): void;
};

type Open = { file: string; dev: number; ino: number; conn: Database.Database; reader: DashboardReader };
type PostgresOpen = { url: string; pool: pg.Pool; reader: DashboardReader };

// Dev hot reload re-evaluates this module: keep the one connection (SQLite) or pool (PostgreSQL) on globalThis.
const globalForReader = globalThis as unknown as { trmsDashboardReader?: Open; trmsDashboardPool?: PostgresOpen };

/** Prepared statements kept per connection, by SQL text; the least recently used goes beyond this. */
const STATEMENTS = 256;

type Listener = (sql: string, values: readonly unknown[]) => void;
let listener: Listener | null = null;

/** Calls `fn` with each statement the reader runs (the benchmark's plans of the app's SQL); null stops. */
export function listenToDashboardSql(fn: Listener | null): void {
  listener = fn;
}

/** The dashboard's reader for the app's database. */
export function dashboardReader(): DashboardReader {
  const url = env().DATABASE_URL;
  return isPostgres(url) ? postgresReader(url) : sqliteReader(sqlitePath(url));
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

/** Closes the read connection and the pool, if open (the next read opens them again). */
export async function closeDashboardReader(): Promise<void> {
  const open = globalForReader.trmsDashboardReader;
  if (open?.conn.open) open.conn.close();
  globalForReader.trmsDashboardReader = undefined;
  const pool = globalForReader.trmsDashboardPool;
  globalForReader.trmsDashboardPool = undefined;
  await pool?.pool.end();
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
    dialect: "sqlite",
    async rows(sql, values) {
      listener?.(sql, values);
      return prepared(sql).all(...values) as unknown[][];
    },
    time: sqliteDate,
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

/** Connections of the PostgreSQL pool: the dashboard runs two statements per page, one after the other. */
export const POSTGRES_POOL_MAX = 4;

/** Sessions that cannot write: every transaction of theirs is READ ONLY. */
const READ_ONLY = "-c default_transaction_read_only=on";

const TIMESTAMP_OID = 1114;
const INT8_OID = 20;

/**
 * The PostgreSQL pool for `url`: one per process, made on first use; another URL ends the previous pool. Idle
 * connections do not keep the process alive (scripts end when their work does).
 */
export function postgresReader(url: string): DashboardReader {
  const open = globalForReader.trmsDashboardPool;
  if (open && open.url === url) return open.reader;
  if (open) void open.pool.end().catch(() => undefined);
  const opened = openPool(url);
  globalForReader.trmsDashboardPool = opened;
  return opened.reader;
}

// This pool's parsers of the values in text form; every other type as pg reads it (enums and text as strings,
// integer as a number).
const types = {
  getTypeParser(oid: number, format?: string) {
    if (format === undefined || format === "text") {
      if (oid === TIMESTAMP_OID) return postgresTimestamp;
      // count(*): bigint, read by pg as a string.
      if (oid === INT8_OID) return postgresCount;
    }
    return pg.types.getTypeParser(oid, format as "text");
  },
} as pg.CustomTypesConfig;

function openPool(url: string): PostgresOpen {
  // The startup options make every session read-only (a connection string's own `options` come first).
  const u = new URL(url);
  const options = [u.searchParams.get("options"), READ_ONLY].filter(Boolean).join(" ");
  u.searchParams.delete("options");
  const pool = new pg.Pool({
    connectionString: u.toString(),
    options,
    max: POSTGRES_POOL_MAX,
    application_name: "trms-dashboard",
    allowExitOnIdle: true,
    types,
  });
  // An idle connection the server ends (a restart, a dropped database) must not crash the process: the pool drops
  // it and opens another on the next read.
  pool.on("error", (error) => console.warn("[dashboard] PostgreSQL connection lost:", error.message));
  const reader: DashboardReader = {
    dialect: "postgresql",
    async rows(sql, values) {
      listener?.(sql, values);
      const result = await pool.query<unknown[]>({ text: sql, values: [...values], rowMode: "array" });
      return result.rows;
    },
    time(value) {
      if (!(value instanceof Date)) throw new Error(`dashboard: not a time: ${String(value)}`);
      return value;
    },
    sorts() {
      return false;
    },
    pragma() {
      throw new Error("dashboard: pragmas are SQLite's");
    },
  };
  return { url, pool, reader };
}

const PG_TIMESTAMP = /^(\d{4,})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?( BC)?$/;

/**
 * A `timestamp` (without time zone) of PostgreSQL, in its text form, as the Date Prisma returns: Prisma stores UTC
 * there. (pg's own parser reads it in the process's local time zone.)
 */
export function postgresTimestamp(text: string): Date {
  const m = PG_TIMESTAMP.exec(text);
  if (m === null) throw new Error(`dashboard: not a timestamp: ${text}`);
  const [, year, month, day, hour, minute, second, fraction = "", bc] = m;
  const date = new Date(Date.UTC(2000, 0, 1, Number(hour), Number(minute), Number(second), Number(fraction.padEnd(3, "0").slice(0, 3))));
  // Years 0–99 as such (Date.UTC reads them as 1900–1999); 1 BC is year 0.
  date.setUTCFullYear(bc ? 1 - Number(year) : Number(year), Number(month) - 1, Number(day));
  return date;
}

function postgresCount(text: string): number {
  const count = Number(text);
  if (!Number.isSafeInteger(count)) throw new Error(`dashboard: count out of range: ${text}`);
  return count;
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
