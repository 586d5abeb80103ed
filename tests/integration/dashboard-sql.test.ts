import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/roles";
import { PAGE_SIZE, SORT_KEYS, type RequestSearch } from "@/lib/domain/request-search";
import { closeDashboardReader, dashboardReader, listenToDashboardSql, sqliteDate, sqliteReader } from "@/lib/server/requests/dashboard-reader";
import { findRequestRows, findRequests, findRequestsWithPrisma, REQUEST_ROW_SELECT } from "@/lib/server/requests/find-requests";
import { requestOrderBy, requestWhere } from "@/lib/server/requests/request-where";
import { isPostgres } from "@/scripts/database-url.mjs";
import { createRng } from "@/prisma/seed/prng";
import { randomQuery, searchOf, seedGeneratedRequests, type Pools } from "./helpers/generated-requests";

// On SQLite the dashboard reads its page and tab counts with SQL rendered from its Prisma filter and order, on a
// connection of its own (lib/server/requests/dashboard-reader.ts). Here it must return what Prisma returns — the
// same rows in the same order, objects of the same shape and types (Dates, the school), the same counts — over the
// demo data plus a generated set with ties, NULLs, accents and Toronto midnights, for many scopes and searches,
// every sort in both directions, and pages from the first to past the last. PostgreSQL reads through Prisma.

const sqlite = !isPostgres(process.env.DATABASE_URL);
let actors: Actor[] = [];
let pools: Pools;

beforeAll(async () => {
  ({ actors, pools } = await seedGeneratedRequests());
  // Versions other than 0, so that a wrong column there shows.
  await db.transcriptRequest.updateMany({ where: { referenceNumber: { endsWith: "7" } }, data: { version: { increment: 3 } } });
}, 120_000);

afterAll(() => closeDashboardReader());

/** findRequests must equal the Prisma path: rows deep-equal (Dates, nested school), counts, total and page. */
async function expectSame(actor: Actor, search: RequestSearch, label: string) {
  const expected = await findRequestsWithPrisma({ actor, search });
  const got = await findRequests({ actor, search });
  expect(got, label).toStrictEqual(expected);
  return expected;
}

describe.runIf(sqlite)("the dashboard's SQL on SQLite reads what Prisma reads", () => {
  test("the reader is SQLite's own connection, and a row is Prisma's object", async () => {
    expect(dashboardReader()).not.toBeNull();
    const actor = actors[0]!;
    const search = searchOf(new URLSearchParams("status=ALL&sort=sendDate&dir=desc"));
    const [row] = await findRequestRows(actor, search, 1);
    const [expected] = (await findRequestsWithPrisma({ actor, search })).rows;
    expect(row).toStrictEqual(expected);
    expect(row!.paidAt).toBeInstanceOf(Date);
    expect(Object.keys(row!)).toEqual(Object.keys(expected!));
    expect(Object.keys(row!.school)).toEqual(Object.keys(expected!.school));
  });

  test("the school is joined to the page after the sort when SQLite sorts, to each row read otherwise", async () => {
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
          const first = await expectSame(actor, searchOf(new URLSearchParams(`${filter}&sort=${sort}&dir=${dir}`)), `${actor.username} ${filter} ${sort} ${dir}`);
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

  test("times in every form Prisma reads from SQLite", async () => {
    // ISO text as the adapter writes it, without a zone, with a space, a date alone, milliseconds since 1970.
    const forms: unknown[] = ["2026-03-08T07:00:00.123+00:00", "2026-03-08 07:00:00", "2026-03-08T02:00:00-05:00", "2026-03-08T07:00:00Z", "2026-03-08", "2026-03-08 07:00:00.5", "2026-03-08T07:00:00+05", 1772953200123];
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

  afterAll(() => {
    closeDashboardReader();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("reads only, with the app's page cache", () => {
    create(1, true);
    const reader = sqliteReader(file);
    expect(reader.rows("SELECT x FROM t", [])).toEqual([[1]]);
    expect(reader.rows("PRAGMA cache_size", [])).toEqual([[-131072]]);
    expect(() => reader.rows("DELETE FROM t RETURNING x", [])).toThrow(/readonly|query_only/i);
  });

  test("a database deleted and created again at the same path is read, not the deleted one", () => {
    create(1, true);
    expect(sqliteReader(file).rows("SELECT x FROM t", [])).toEqual([[1]]);
    create(2, true);
    expect(sqliteReader(file).rows("SELECT x FROM t", [])).toEqual([[2]]);
    // Outside WAL mode too.
    create(3, false);
    expect(sqliteReader(file).rows("SELECT x FROM t", [])).toEqual([[3]]);
  });

  test("it sees what another connection commits", () => {
    create(1, true);
    const reader = sqliteReader(file);
    expect(reader.rows("SELECT count(*) FROM t", [])).toEqual([[1]]);
    const writer = new Database(file);
    writer.exec("INSERT INTO t VALUES (2)");
    writer.close();
    expect(reader.rows("SELECT count(*) FROM t", [])).toEqual([[2]]);
  });

  test("the app's database again after another file: findRequests still reads it", async () => {
    create(1, true);
    sqliteReader(file);
    const actor = actors[0]!;
    const search = searchOf(new URLSearchParams("status=ALL"));
    expect(await findRequests({ actor, search })).toStrictEqual(await findRequestsWithPrisma({ actor, search }));
  });
});

describe.runIf(!sqlite)("the dashboard on PostgreSQL", () => {
  test("reads through Prisma", async () => {
    expect(dashboardReader()).toBeNull();
    const actor = actors[1]!;
    const search = searchOf(new URLSearchParams("tab=todo&sort=school&dir=asc"));
    expect(await findRequests({ actor, search })).toStrictEqual(await findRequestsWithPrisma({ actor, search }));
  });
});
