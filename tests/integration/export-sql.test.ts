import { beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/roles";
import { SORT_KEYS, type RequestSearch } from "@/lib/domain/request-search";
import { openExportReader } from "@/lib/server/sql/export-reader";
import { exportRows } from "@/lib/server/exports/export-rows";
import { SqlParams, whereSql } from "@/lib/server/sql/request-sql";
import { keysetKeys, keysetOrderBy } from "@/lib/server/sql/keyset";
import { requestOrderBy, requestWhere } from "@/lib/server/requests/request-where";
import { isPostgres } from "@/lib/database-url.mjs";
import { createRng } from "@/prisma/seed/prng";
import { GENERATED, INSTANTS, NOW, randomQuery, searchOf, seedGeneratedRequests, type Pools } from "./helpers/generated-requests";

// The export renders the dashboard's Prisma filter (scope + search + tab or statuses) to SQL itself
// (lib/server/exports/export-sql.ts). Here both run over the demo data plus a generated set built to have ties,
// NULLs, accents, Toronto midnights and daylight-saving days, for many scope × search combinations: they must
// return the same requests, and the export the same order as the dashboard's query.

// SQLite streams one statement by default; keyset batches are what PostgreSQL (and SQLite outside WAL mode) use.
const READINGS = isPostgres(process.env.DATABASE_URL) ? (["keyset"] as const) : (["statement", "keyset"] as const);
let actors: Actor[] = [];
let pools: Pools;

beforeAll(async () => {
  ({ actors, pools } = await seedGeneratedRequests());
}, 120_000);

/** The ids the dashboard's Prisma filter selects. */
async function prismaIds(actor: Actor, search: RequestSearch): Promise<string[]> {
  const rows = await db.transcriptRequest.findMany({ where: requestWhere(actor, search, { withStatus: true }), select: { id: true } });
  return rows.map((r) => r.id).sort();
}

/** The ids the same filter selects once rendered to SQL, through the export's own reader. */
async function sqlIds(actor: Actor, search: RequestSearch): Promise<string[]> {
  const reader = openExportReader();
  try {
    const params = new SqlParams(reader.dialect);
    const where = whereSql(requestWhere(actor, search, { withStatus: true }), params);
    const rows = await reader.rows(`SELECT r."id" FROM "TranscriptRequest" r WHERE ${where}`, params.values);
    return rows.map((r) => String(r[0])).sort();
  } finally {
    reader.close();
  }
}

describe(`the export's SQL selects the dashboard's rows (${isPostgres(process.env.DATABASE_URL) ? "PostgreSQL" : "SQLite"})`, () => {
  test("the generated set is there, with what makes filters and orders hard", async () => {
    expect(await db.transcriptRequest.count({ where: { referenceNumber: { startsWith: "REF-G" } } })).toBe(GENERATED);
    expect(await db.transcriptRequest.count({ where: { paidAt: new Date(INSTANTS[1]!) } })).toBeGreaterThan(100);
    expect(await db.transcriptRequest.count({ where: { sendAfter: null, sendOption: "END_OF_SEMESTER" } })).toBeGreaterThan(50);
  });

  test("each search field alone, for every scope", async () => {
    const single: [string, string][] = [
      ["tab", "todo"],
      ["tab", "incomplete"],
      ["tab", "in-progress"],
      ["tab", "complete"],
      ["status", "ALL"],
      ["status", "FINANCIAL_HOLD,REQUEST_CANCELLED"],
      ["from", "2026-03-08"],
      ["to", "2026-03-08"],
      ["from", "2026-11-02"],
      ["requestNumber", pools.requestNumbers[0]!],
      ["accountNumber", pools.accountNumbers[1]!],
      ["referenceNumber", "REF-45454545"],
      ["referenceNumber", "45454545"],
      ["oen", pools.oens[2]!],
      ["firstName", "ÉMI"],
      ["lastName", "o’n"],
      ["lastName", "strau"],
      ["lastName", "x' or"],
      ["lastName", "-"],
      ["lastAttended", "2024-06"],
      ["school", "999999"],
      ["school", "123456"],
    ];
    let nonEmpty = 0;
    for (const actor of actors) {
      for (const [name, value] of single) {
        const search = searchOf(new URLSearchParams({ status: "ALL", [name]: value }));
        const expected = await prismaIds(actor, search);
        expect(await sqlIds(actor, search), `${actor.username} (${actor.role}) ${name}=${value}`).toEqual(expected);
        if (expected.length > 0) nonEmpty++;
      }
    }
    // Not a comparison of empty sets: most pairs find requests.
    expect(nonEmpty).toBeGreaterThan((actors.length * single.length) / 2);
  });

  test("400 random combinations of scope, tab or statuses and search fields", async () => {
    const rng = createRng(2026);
    let nonEmpty = 0;
    for (let i = 0; i < 400; i++) {
      const actor = rng.pick(actors);
      const q = randomQuery(rng, pools);
      const search = searchOf(q);
      const expected = await prismaIds(actor, search);
      expect(await sqlIds(actor, search), `${actor.username} (${actor.role}) ${q.toString()}`).toEqual(expected);
      if (expected.length > 0) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(100);
  });

  test("the export reads them in the dashboard's order, across small batches, for every sort", async () => {
    const rng = createRng(7);
    for (const sort of SORT_KEYS) {
      for (const dir of ["asc", "desc"] as const) {
        for (const [actor, extra] of [
          [actors[0]!, "status=ALL"],
          [actors[1]!, "tab=complete"],
          [
            rng.pick(actors.slice(0, 8)),
            randomQuery(rng, pools)
              .toString()
              .replace(/(^|&)(sort|dir)=[^&]*/g, ""),
          ],
        ] as const) {
          const search = searchOf(new URLSearchParams(`${extra}&sort=${sort}&dir=${dir}`));
          const provider = isPostgres(process.env.DATABASE_URL) ? "postgresql" : "sqlite";
          const expected = await db.transcriptRequest.findMany({
            where: requestWhere(actor, search, { withStatus: true }),
            orderBy: keysetOrderBy(keysetKeys(requestOrderBy(search.sort, search.dir), provider)),
            select: { id: true },
          });
          for (const reading of READINGS) {
            const got: string[] = [];
            for await (const row of exportRows({ actor, search, batchSize: 17, now: NOW, reading })) got.push(row.id);
            expect(got, `${actor.username} ${extra} sort=${sort} ${dir} (${reading})`).toEqual(expected.map((r) => r.id));
          }
        }
      }
    }
  });
});
