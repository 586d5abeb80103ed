import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/roles";
import { PAGE_SIZE, SORT_KEYS, type RequestSearch } from "@/lib/domain/request-search";
import {
  closeDashboardReader,
  dashboardReader,
  listenToDashboardSql,
  POSTGRES_POOL_MAX,
  postgresTimestamp,
  sqliteDate,
  sqliteReader,
} from "@/lib/server/sql/dashboard-reader";
import { findRequestRows, findRequests, findRequestsWithPrisma, REQUEST_ROW_SELECT } from "@/lib/server/requests/find-requests";
import { requestOrderBy, requestWhere } from "@/lib/server/requests/request-where";
import { isPostgres } from "@/lib/database-url.mjs";
import { createRng } from "@/prisma/seed/prng";
import { randomQuery, searchOf, seedGeneratedRequests, type Pools } from "./helpers/generated-requests";

// The dashboard reads its page and tab counts with SQL rendered from its Prisma filter and order, on a connection
// (SQLite) or pool (PostgreSQL) of its own (lib/server/requests/dashboard-reader.ts). Here it must return what Prisma
// returns — the same rows in the same order, objects of the same shape and types (Dates, the school), the same
// counts — over the demo data plus a generated set with ties, NULLs, accents and Toronto midnights, for many scopes
// and searches, every sort in both directions, and pages from the first to past the last. On either database.

const sqlite = !isPostgres(process.env.DATABASE_URL);
const database = sqlite ? "SQLite" : "PostgreSQL";
let actors: Actor[] = [];
let pools: Pools;

beforeAll(async () => {
  ({ actors, pools } = await seedGeneratedRequests());
  // Versions other than 0, so that a wrong column there shows.
  await db.transcriptRequest.updateMany({ where: { referenceNumber: { endsWith: "7" } }, data: { version: { increment: 3 } } });
}, 120_000);

afterAll(() => closeDashboardReader());

/** Runs `fn` with the process in another time zone (Node reads TZ again when it is set). */
async function inTimeZone<T>(zone: string, fn: () => Promise<T>): Promise<T> {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

/** findRequests must equal the Prisma path: rows deep-equal (Dates, nested school), counts, total and page. */
async function expectSame(actor: Actor, search: RequestSearch, label: string) {
  const expected = await findRequestsWithPrisma({ actor, search });
  const got = await findRequests({ actor, search });
  expect(got, label).toStrictEqual(expected);
  return expected;
}

describe(`the dashboard's SQL on ${database} reads what Prisma reads`, () => {
  test("the reader is the database's own, and a row is Prisma's object", async () => {
    expect(dashboardReader().dialect).toBe(sqlite ? "sqlite" : "postgresql");
    const actor = actors[0]!;
    const search = searchOf(new URLSearchParams("status=ALL&sort=sendDate&dir=desc"));
    const [row] = await findRequestRows(actor, search, 1);
    const [expected] = (await findRequestsWithPrisma({ actor, search })).rows;
    expect(row).toStrictEqual(expected);
    expect(row!.paidAt).toBeInstanceOf(Date);
    expect(Object.keys(row!)).toEqual(Object.keys(expected!));
    expect(Object.keys(row!.school)).toEqual(Object.keys(expected!.school));
  });

  test.runIf(sqlite)("the school is joined to the page after the sort when SQLite sorts, to each row read otherwise", async () => {
    const statements: string[] = [];
    listenToDashboardSql((sql) => statements.push(sql));
    try {
      for (const sort of ["requestDate", "status"]) await findRequestRows(actors[0]!, searchOf(new URLSearchParams(`status=ALL&sort=${sort}`)), 1);
    } finally {
      listenToDashboardSql(null);
    }
    expect(statements).toHaveLength(2);
    expect(statements[0]).not.toContain(`FROM (SELECT`);
    expect(statements[1]).toContain(`FROM (SELECT`);
  });

  test.each(SORT_KEYS)("sort by %s, both directions, every scope, pages 1, 2, the last and past it", async (sort) => {
    let rows = 0;
    let nullSendAfter = 0;
    for (const dir of ["asc", "desc"] as const) {
      for (const actor of actors) {
        for (const filter of ["status=ALL", "tab=todo", "tab=complete", "status=FINANCIAL_HOLD,E_TRANSCRIPT_SENT"]) {
          const first = await expectSame(
            actor,
            searchOf(new URLSearchParams(`${filter}&sort=${sort}&dir=${dir}`)),
            `${actor.username} ${filter} ${sort} ${dir}`,
          );
          rows += first.rows.length;
          nullSendAfter += first.rows.filter((r) => r.sendAfter === null).length;
          for (const page of new Set([2, first.pageCount, first.pageCount + 1])) {
            const search = searchOf(new URLSearchParams(`${filter}&sort=${sort}&dir=${dir}&page=${page}`));
            await expectSame(actor, search, `${actor.username} ${filter} ${sort} ${dir} page ${page}`);
          }
        }
      }
    }
    // Not a comparison of empty pages.
    expect(rows).toBeGreaterThan(2000);
    expect(nullSendAfter).toBeGreaterThan(0);
  });

  test("300 random combinations of scope, tab or statuses, search fields, sort and page", async () => {
    const rng = createRng(10);
    let nonEmpty = 0;
    for (let i = 0; i < 300; i++) {
      const actor = rng.pick(actors);
      const q = randomQuery(rng, pools);
      q.set("page", String(rng.int(1, 4)));
      const page = await expectSame(actor, searchOf(q), `${actor.username} (${actor.role}) ${q.toString()}`);
      if (page.rows.length > 0) nonEmpty++;
    }
    // Up to four search fields find nothing often; still, many find requests.
    expect(nonEmpty).toBeGreaterThan(60);
  });

  test("the page query alone is Prisma's findMany, past the last page too", async () => {
    for (const actor of [actors[0]!, actors[1]!, actors[4]!]) {
      for (const page of [1, 2, 7, 40, 1000]) {
        const search = searchOf(new URLSearchParams(`status=ALL&sort=school&dir=desc`));
        const expected = await db.transcriptRequest.findMany({
          where: requestWhere(actor, search, { withStatus: true }),
          orderBy: requestOrderBy(search.sort, search.dir),
          skip: (page - 1) * PAGE_SIZE,
          take: PAGE_SIZE,
          select: REQUEST_ROW_SELECT,
        });
        expect(await findRequestRows(actor, search, page), `${actor.username} page ${page}`).toStrictEqual(expected);
      }
    }
  });

  test.runIf(!sqlite)("PostgreSQL: the school is joined directly, whatever the sort; statements go to the listener", async () => {
    const statements: string[] = [];
    listenToDashboardSql((sql) => statements.push(sql));
    try {
      await findRequests({ actor: actors[0]!, search: searchOf(new URLSearchParams(`status=ALL&sort=requestDate`)) });
      await findRequestRows(actors[0]!, searchOf(new URLSearchParams(`status=ALL&sort=status`)), 1);
    } finally {
      listenToDashboardSql(null);
    }
    expect(statements).toHaveLength(3);
    expect(statements[0]).toMatch(/count\(\*\).*GROUP BY/);
    for (const sql of statements.slice(1)) {
      expect(sql).toContain(`LEFT JOIN "School" s`);
      expect(sql).not.toContain(`FROM (SELECT`);
    }
  });

  test.runIf(sqlite)("times in every form Prisma reads from SQLite", async () => {
    // ISO text as the adapter writes it, without a zone, with a space, a date alone, milliseconds since 1970.
    const forms: unknown[] = [
      "2026-03-08T07:00:00.123+00:00",
      "2026-03-08 07:00:00",
      "2026-03-08T02:00:00-05:00",
      "2026-03-08T07:00:00Z",
      "2026-03-08",
      "2026-03-08 07:00:00.5",
      "2026-03-08T07:00:00+05",
      1772953200123,
    ];
    const requests = await db.transcriptRequest.findMany({
      where: { referenceNumber: { startsWith: "REF-G" } },
      select: { id: true, referenceNumber: true },
      orderBy: { id: "asc" },
      take: forms.length,
    });
    for (const [i, form] of forms.entries()) {
      await db.$executeRawUnsafe(`UPDATE "TranscriptRequest" SET "paidAt" = ?, "sendAfter" = ? WHERE "id" = ?`, form, form, requests[i]!.id);
    }
    const actor = actors[0]!;
    for (const request of requests) {
      const found = await expectSame(actor, searchOf(new URLSearchParams(`status=ALL&referenceNumber=${request.referenceNumber}`)), request.referenceNumber);
      expect(found.rows.map((r) => r.id)).toEqual([request.id]);
    }
    for (const sort of ["requestDate", "sendDate", "age"]) {
      for (const dir of ["asc", "desc"]) {
        await expectSame(actor, searchOf(new URLSearchParams(`status=ALL&sort=${sort}&dir=${dir}`)), `${sort} ${dir}`);
      }
    }
    // And each form alone, against Prisma's own reading of it.
    for (const [i, form] of forms.entries()) {
      const { paidAt } = await db.transcriptRequest.findUniqueOrThrow({ where: { id: requests[i]!.id }, select: { paidAt: true } });
      expect(sqliteDate(form), String(form)).toStrictEqual(paidAt);
      expect(Number.isNaN(paidAt.getTime()), String(form)).toBe(false);
    }
  });
  test.runIf(!sqlite)("PostgreSQL: timestamps read as UTC, as Prisma reads them, in any time zone of the process", async () => {
    // timestamp(3) without time zone holds UTC; pg's own parser would read it in the process's zone.
    const stored = [
      "2026-03-08 07:00:00.123",
      "2026-03-08 02:00:00",
      "1969-12-31 23:59:59.999",
      "2024-02-29 23:30:00.5",
      "0099-06-15 12:00:00",
      "2026-11-01 05:30:00.07",
    ];
    const requests = await db.transcriptRequest.findMany({
      where: { referenceNumber: { startsWith: "REF-G" } },
      select: { id: true, referenceNumber: true },
      orderBy: { id: "asc" },
      take: stored.length,
    });
    for (const [i, text] of stored.entries()) {
      await db.$executeRawUnsafe(
        `UPDATE "TranscriptRequest" SET "paidAt" = CAST($1 AS timestamp(3)), "sendAfter" = CAST($1 AS timestamp(3)) WHERE "id" = $2`,
        text,
        requests[i]!.id,
      );
    }
    const actor = actors[0]!;
    for (const zone of ["America/Toronto", "Asia/Kolkata", "UTC"]) {
      await inTimeZone(zone, async () => {
        for (const request of requests) {
          const found = await expectSame(
            actor,
            searchOf(new URLSearchParams(`status=ALL&referenceNumber=${request.referenceNumber}`)),
            `${zone} ${request.referenceNumber}`,
          );
          expect(found.rows.map((r) => r.id)).toEqual([request.id]);
        }
        for (const sort of ["requestDate", "sendDate"]) {
          for (const dir of ["asc", "desc"])
            await expectSame(actor, searchOf(new URLSearchParams(`status=ALL&sort=${sort}&dir=${dir}`)), `${zone} ${sort} ${dir}`);
        }
      });
    }
    // And each value alone, against Prisma's own reading of it.
    for (const [i, text] of stored.entries()) {
      const { paidAt } = await db.transcriptRequest.findUniqueOrThrow({ where: { id: requests[i]!.id }, select: { paidAt: true } });
      expect(postgresTimestamp(text), text).toStrictEqual(paidAt);
    }
    expect(postgresTimestamp("0001-01-01 00:00:00 BC").toISOString()).toBe("0000-01-01T00:00:00.000Z");
    expect(() => postgresTimestamp("infinity")).toThrow(/not a timestamp/);
  });
});

describe.runIf(sqlite)("the dashboard's read connection", () => {
  let dir = "";
  let file = "";
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "trms-reader-"));
    file = path.join(dir, "reader.db");
  });
  const create = (value: number, wal: boolean) => {
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    const conn = new Database(file);
    if (wal) conn.pragma("journal_mode = WAL");
    conn.exec(`CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (${value})`);
    conn.close();
  };

  afterAll(async () => {
    await closeDashboardReader();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("reads only, with the app's page cache", async () => {
    create(1, true);
    const reader = sqliteReader(file);
    expect(await reader.rows("SELECT x FROM t", [])).toEqual([[1]]);
    expect(await reader.rows("PRAGMA cache_size", [])).toEqual([[-131072]]);
    await expect(reader.rows("DELETE FROM t RETURNING x", [])).rejects.toThrow(/readonly|query_only/i);
  });

  test("a database deleted and created again at the same path is read, not the deleted one", async () => {
    create(1, true);
    expect(await sqliteReader(file).rows("SELECT x FROM t", [])).toEqual([[1]]);
    create(2, true);
    expect(await sqliteReader(file).rows("SELECT x FROM t", [])).toEqual([[2]]);
    // Outside WAL mode too.
    create(3, false);
    expect(await sqliteReader(file).rows("SELECT x FROM t", [])).toEqual([[3]]);
  });

  test("it sees what another connection commits", async () => {
    create(1, true);
    const reader = sqliteReader(file);
    expect(await reader.rows("SELECT count(*) FROM t", [])).toEqual([[1]]);
    const writer = new Database(file);
    writer.exec("INSERT INTO t VALUES (2)");
    writer.close();
    expect(await reader.rows("SELECT count(*) FROM t", [])).toEqual([[2]]);
  });

  test("the app's database again after another file: findRequests still reads it", async () => {
    create(1, true);
    sqliteReader(file);
    const actor = actors[0]!;
    const search = searchOf(new URLSearchParams("status=ALL"));
    expect(await findRequests({ actor, search })).toStrictEqual(await findRequestsWithPrisma({ actor, search }));
  });
});

describe.runIf(!sqlite)("the dashboard's PostgreSQL pool", () => {
  afterAll(() => closeDashboardReader());

  test("reads only", async () => {
    const reader = dashboardReader();
    expect(await reader.rows("SHOW default_transaction_read_only", [])).toEqual([["on"]]);
    await expect(reader.rows(`DELETE FROM "TranscriptRequest" WHERE "id" = $1 RETURNING "id"`, ["none"])).rejects.toThrow(/read-only transaction/);
    await expect(reader.rows(`UPDATE "TranscriptRequest" SET "version" = "version" + 1`, [])).rejects.toThrow(/read-only transaction/);
    expect(await db.transcriptRequest.count({ where: { version: { gt: 3 } } })).toBe(0);
  });

  test("its own types: a timestamp as UTC, a bigint count as a number, enums as strings; pg's own parsers unchanged", async () => {
    const sql = `SELECT count(*), CAST($1 AS timestamp(3)), CAST(7 AS integer), CAST('TODO' AS "RequestTab") FROM "TranscriptRequest" r WHERE r."status" = CAST($2 AS "RequestStatus")`;
    const expected = await db.transcriptRequest.count({ where: { status: "FINANCIAL_HOLD" } });
    const rows = await inTimeZone("America/Toronto", () => dashboardReader().rows(sql, ["2026-03-08 07:00:00.5", "FINANCIAL_HOLD"]));
    expect(rows).toStrictEqual([[expected, new Date("2026-03-08T07:00:00.500Z"), 7, "TODO"]]);
    expect(expected).toBeGreaterThan(0);
    // Prisma's adapter reads with pg too: the process's parsers are pg's.
    expect(pg.types.getTypeParser(20, "text")("5")).toBe("5");
    expect(pg.types.getTypeParser(1114, "text")).not.toBe(postgresTimestamp);
  });

  test(`at most ${POSTGRES_POOL_MAX} connections, however many pages are read at once; closed and opened again`, async () => {
    const search = searchOf(new URLSearchParams("status=ALL&sort=status"));
    const expected = await findRequestsWithPrisma({ actor: actors[0]!, search });
    const pages = await Promise.all(Array.from({ length: 12 }, () => findRequests({ actor: actors[0]!, search })));
    for (const page of pages) expect(page).toStrictEqual(expected);
    const connections = async () => {
      const [row] = await db.$queryRawUnsafe<{ n: number }[]>(
        `SELECT CAST(count(*) AS integer) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'trms-dashboard'`,
      );
      return row!.n;
    };
    const open = await connections();
    expect(open).toBeGreaterThan(1);
    expect(open).toBeLessThanOrEqual(POSTGRES_POOL_MAX);
    await closeDashboardReader();
    // The server ends a backend just after its client has gone.
    for (let i = 0; i < 50 && (await connections()) > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await connections()).toBe(0);
    expect(await findRequests({ actor: actors[0]!, search })).toStrictEqual(expected);
    expect(await connections()).toBeGreaterThan(0);
  });

  test("a connection the server ends while idle is dropped, and the next read opens another", async () => {
    const search = searchOf(new URLSearchParams("tab=todo"));
    const expected = await findRequestsWithPrisma({ actor: actors[1]!, search });
    expect(await findRequests({ actor: actors[1]!, search })).toStrictEqual(expected);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const [ended] = await db.$queryRawUnsafe<{ n: number }[]>(
        `SELECT CAST(count(pg_terminate_backend(pid)) AS integer) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'trms-dashboard'`,
      );
      expect(ended!.n).toBeGreaterThan(0);
      for (let i = 0; i < 100 && warn.mock.calls.length < ended!.n; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(warn).toHaveBeenCalledWith("[dashboard] PostgreSQL connection lost:", expect.stringMatching(/terminat/i));
    } finally {
      warn.mockRestore();
    }
    expect(await findRequests({ actor: actors[1]!, search })).toStrictEqual(expected);
  });
});
