// The hand-written SQL the app is compared with: the query a person would write for the same rows, run with the
// database's own driver (better-sqlite3 with prepared statements kept; `pg` on one connection), no ORM.
import { createRequire } from "node:module";
import type BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import type { SortDir, SortKey } from "@/lib/domain/request-search";
import { sqlitePath } from "@/lib/database-url.mjs";

export type Row = Record<string, unknown>;

/** The better-sqlite3 the app's Prisma adapter loads (it may have its own copy, with another SQLite version):
 * the hand-written SQL runs on the very same engine. */
export function appSqliteDriver(): typeof BetterSqlite3 {
  const require = createRequire(import.meta.url);
  const adapter = require.resolve("@prisma/adapter-better-sqlite3");
  return createRequire(adapter)("better-sqlite3") as typeof BetterSqlite3;
}

export interface HandDb {
  kind: "sqlite" | "postgres";
  /** The engine's version (SQLite's, or the PostgreSQL server's). */
  version: string;
  /** Rows of `sql` (placeholders `?`). */
  all(sql: string, params: readonly unknown[]): Promise<Row[]>;
  /** How many rows `sql` yields, read as a stream of arrays where the driver can (no objects kept). */
  count(sql: string, params: readonly unknown[]): Promise<number>;
  /** The plan of `sql`, one line per step (EXPLAIN QUERY PLAN / EXPLAIN). */
  plan(sql: string, params: readonly unknown[]): Promise<string[]>;
  close(): Promise<void>;
}

export async function openHandDb(kind: "sqlite" | "postgres", url: string, pragmas: readonly string[] = []): Promise<HandDb> {
  if (kind === "sqlite") {
    const Database = appSqliteDriver();
    const conn = new Database(sqlitePath(url), { readonly: true, fileMustExist: true });
    for (const pragma of pragmas) conn.pragma(pragma);
    const statements = new Map<string, BetterSqlite3.Statement>();
    const prepared = (sql: string) => {
      let stmt = statements.get(sql);
      if (!stmt) {
        stmt = conn.prepare(sql);
        statements.set(sql, stmt);
      }
      return stmt;
    };
    return {
      kind,
      version: `SQLite ${(conn.prepare("SELECT sqlite_version() AS v").get() as { v: string }).v}`,
      all: async (sql, params) => prepared(sql).all(...params) as Row[],
      count: async (sql, params) => {
        let n = 0;
        for (const _ of prepared(sql)
          .raw()
          .iterate(...params))
          n++;
        return n;
      },
      plan: async (sql, params) => {
        const steps = conn.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { id: number; parent: number; detail: string }[];
        const depth = new Map<number, number>([[0, -1]]);
        return steps.map((s) => {
          const d = (depth.get(s.parent) ?? -1) + 1;
          depth.set(s.id, d);
          return `${"  ".repeat(d)}${s.detail}`;
        });
      },
      close: async () => void conn.close(),
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  const version = String((await client.query("SHOW server_version")).rows[0]?.server_version ?? "?");
  return {
    kind,
    version: `PostgreSQL ${version.split(" ")[0]}`,
    all: async (sql, params) => (await client.query(numbered(sql), params as unknown[])).rows as Row[],
    count: async (sql, params) => (await client.query({ text: numbered(sql), values: params as unknown[], rowMode: "array" })).rows.length,
    plan: async (sql, params) => (await client.query(`EXPLAIN ${numbered(sql)}`, params as unknown[])).rows.map((r: Row) => String(r["QUERY PLAN"])),
    close: () => client.end(),
  };
}

/** A step of a plan that reads a whole big table or index (the search bar says: no full scan). */
export function fullScans(kind: "sqlite" | "postgres", plan: readonly string[]): string[] {
  if (kind === "sqlite") {
    // "SCAN r" / "SCAN r USING [COVERING] INDEX x" read every row of the table or index; "SEARCH" uses a key.
    return plan.filter((line) => /^\s*SCAN (r|TranscriptRequest|t\d|Applicant)\b/.test(line));
  }
  return plan.filter((line) => /Seq Scan on "?(TranscriptRequest|Applicant)"?/.test(line));
}

/** Whether some step of the plan reads TranscriptRequest through an index condition on `column` (a search that
 * instead walks the whole scope's range, e.g. boardId = ?, and filters reads 20 % of the table). */
export function usesColumnIndex(kind: "sqlite" | "postgres", plan: readonly string[], column: string): boolean {
  if (kind === "sqlite") return plan.some((line) => /^\s*SEARCH /.test(line) && new RegExp(`\\([^)]*\\b${column}\\b[^)]*\\)`).test(line));
  // PostgreSQL quotes a column in EXPLAIN only when it must ("lastNameFolded", but oen).
  return plan.some((line) => new RegExp(`Index Cond: .*\\b${column}\\b`).test(line));
}

export const PAGE_COLUMNS = `r."id", r."referenceNumber", r."requestNumber", r."accountNumber", r."applicantId", r."firstName", r."lastName",
  r."paidAt", r."requestType", r."lastAttended", r."sendOption", r."sendAfter", r."status", r."tab", r."version",
  s."mident", s."nameEn", s."nameFr"`;

/** ORDER BY of each dashboard column, as lib/server/requests/request-where.ts sorts (written here by hand). */
export function orderBy(sort: SortKey, dir: SortDir): string {
  const d = dir === "asc" ? "ASC" : "DESC";
  const flip = dir === "asc" ? "DESC" : "ASC";
  switch (sort) {
    case "requestDate":
      return `r."paidAt" ${d}, r."id" ${d}`;
    case "age":
      return `r."paidAt" ${flip}, r."id" ${flip}`;
    case "referenceNumber":
      return `r."referenceNumber" ${d}`;
    case "name":
      return `r."lastNameFolded" ${d}, r."firstNameFolded" ${d}, r."id" ${d}`;
    case "requestType":
      return `r."requestType" ${d}, r."paidAt" DESC, r."id" DESC`;
    case "lastAttended":
      return `r."lastAttended" ${d}, r."paidAt" DESC, r."id" DESC`;
    case "sendDate":
      return `r."sendOption" ${d}, r."sendAfter" ${d}, r."paidAt" DESC, r."id" DESC`;
    case "status":
      return `r."status" ${d}, r."paidAt" DESC, r."id" DESC`;
    case "school":
      return `s."mident" ${d}, r."paidAt" DESC, r."id" DESC`;
  }
}

export type HandFilter = { sql: string; params: unknown[] };

/** One page of 50: scope and filters in WHERE, the tab unless `allTabs`, joined to the school for its columns. */
export function pageSql(filters: HandFilter[], sort: SortKey, dir: SortDir): HandFilter {
  return {
    sql: `SELECT ${PAGE_COLUMNS}
FROM "TranscriptRequest" r JOIN "School" s ON s."id" = r."schoolId"
WHERE ${filters.map((f) => f.sql).join(" AND ")}
ORDER BY ${orderBy(sort, dir)}
LIMIT 50`,
    params: filters.flatMap((f) => f.params),
  };
}

/** The count of each tab for the same scope and filters. */
export function countSql(filters: HandFilter[]): HandFilter {
  return {
    sql: `SELECT r."tab", count(*) AS n FROM "TranscriptRequest" r WHERE ${filters.map((f) => f.sql).join(" AND ")} GROUP BY r."tab"`,
    params: filters.flatMap((f) => f.params),
  };
}
