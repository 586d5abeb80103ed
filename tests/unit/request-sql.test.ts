import { describe, expect, test } from "vitest";
import { orderJoins, orderSql, SqlParams, whereSql } from "@/lib/server/sql/request-sql";

// How the dashboard's Prisma filters become SQL. tests/integration/export-sql.test.ts proves on both databases
// that the rendered SQL selects the same rows as Prisma; here: the exact text, the parameters, and the refusals.

function render(where: object, dialect: "sqlite" | "postgresql" = "sqlite") {
  const params = new SqlParams(dialect);
  return { sql: whereSql(where as never, params), values: params.values };
}

describe("whereSql", () => {
  test("the dashboard's filters, values as parameters only", () => {
    const from = new Date("2026-03-08T05:00:00.000Z");
    expect(
      render({
        AND: [
          { boardId: "b1" },
          { paidAt: { gte: from } },
          { lastNameFolded: { gte: "o'n", lt: "o'n\u{10ffff}" } },
          { school: { mident: "999999" } },
          { status: { in: ["FINANCIAL_HOLD", "REQUEST_CANCELLED"] } },
        ],
      }),
    ).toEqual({
      sql: `(r."boardId" = ? AND r."paidAt" >= ? AND (r."lastNameFolded" >= ? AND r."lastNameFolded" < ?) AND r."schoolId" IN (SELECT rs."id" FROM "School" rs WHERE rs."mident" = ?) AND r."status" IN (?, ?))`,
      values: ["b1", "2026-03-08T05:00:00.000+00:00", "o'n", "o'n\u{10ffff}", "999999", "FINANCIAL_HOLD", "REQUEST_CANCELLED"],
    });
  });

  test("PostgreSQL: numbered placeholders, cast to enumerations and to timestamp (UTC wall time)", () => {
    expect(render({ AND: [{ tab: "TODO" }, { sendAfter: { lt: new Date("2026-01-01T05:00:00.000Z") } }, { oen: "123456782" }] }, "postgresql")).toEqual({
      sql: `(r."tab" = CAST($1 AS "RequestTab") AND r."sendAfter" < CAST($2 AS timestamp(3)) AND r."oen" = $3)`,
      values: ["TODO", "2026-01-01T05:00:00.000", "123456782"],
    });
  });

  test("a timestamp read back from SQLite (a keyset position) is compared exactly as stored", () => {
    expect(render({ paidAt: { lt: "2026-08-06T13:57:21.318+00:00" } }).values).toEqual(["2026-08-06T13:57:21.318+00:00"]);
  });

  test("NULLs, empty lists and empty conditions as Prisma reads them", () => {
    expect(render({ sendAfter: null }).sql).toBe(`r."sendAfter" IS NULL`);
    expect(render({ sendAfter: { not: null } }).sql).toBe(`r."sendAfter" IS NOT NULL`);
    expect(render({ sendAfter: { equals: null } }).sql).toBe(`r."sendAfter" IS NULL`);
    expect(render({ OR: [{ sendAfter: { gt: new Date(0) } }, { sendAfter: null }] }).sql).toBe(`(r."sendAfter" > ? OR r."sendAfter" IS NULL)`);
    expect(render({ id: { in: [] } }).sql).toBe("1 = 0");
    expect(render({ OR: [] }).sql).toBe("1 = 0");
    expect(render({ AND: [] }).sql).toBe("1 = 1");
    expect(render({ AND: [{}, {}] }).sql).toBe("(1 = 1 AND 1 = 1)");
    expect(render({}).sql).toBe("1 = 1");
    // Prisma ignores an undefined value.
    expect(render({ oen: undefined, boardId: "b" })).toEqual({ sql: `r."boardId" = ?`, values: ["b"] });
  });

  test("a value never reaches the SQL text", () => {
    const evil = `x' OR '1'='1"; DROP TABLE "TranscriptRequest"; --`;
    const { sql, values } = render({ AND: [{ lastNameFolded: { gte: evil } }, { referenceNumber: evil }, { school: { mident: evil } }] });
    expect(sql).not.toContain("DROP");
    expect(sql).not.toContain("'");
    expect(values).toEqual([evil, evil, evil]);
  });

  test.each([
    [{ NOT: { boardId: "b" } }],
    [{ lastNameFolded: { startsWith: "tr" } }],
    [{ lastNameFolded: { contains: "tr", mode: "insensitive" } }],
    [{ status: { notIn: ["FINANCIAL_HOLD"] } }],
    [{ boardId: { not: "b" } }],
    [{ paidAt: { gte: null } }],
    [{ 'boardId" OR 1=1 --': "b" }],
    [{ firstName: "Anaïs" }],
    [{ applicant: { oen: "123456782" } }],
    [{ school: { is: { mident: "999999" } } }],
    [{ school: { boardId: "b" } }],
    [{ OR: { boardId: "b" } }],
  ])("refuses what it does not know, rather than dropping it: %j", (where) => {
    expect(() => render(where)).toThrow(/export SQL: unsupported/);
  });
});

describe("orderSql", () => {
  test("the dashboard's orders, with the school's MIDENT through the join", () => {
    expect(orderSql([{ sendOption: "asc" }, { sendAfter: "asc" }, { paidAt: "desc" }, { id: "desc" }])).toBe(
      `r."sendOption" ASC, r."sendAfter" ASC, r."paidAt" DESC, r."id" DESC`,
    );
    expect(orderJoins([{ paidAt: "desc" }, { id: "desc" }])).toBe("");
    expect(orderSql([{ school: { mident: "desc" } }, { paidAt: "desc" }])).toBe(`s."mident" DESC, r."paidAt" DESC`);
    expect(orderJoins([{ school: { mident: "desc" } }, { paidAt: "desc" }])).toBe(`LEFT JOIN "School" s ON s."id" = r."schoolId"`);
  });

  test.each([
    [{ paidAt: "up" }],
    [{ firstName: "asc" }],
    [{ paidAt: "asc", id: "asc" }],
    [{ school: { nameEn: "asc" } }],
    [{ paidAt: { sort: "asc", nulls: "last" } }],
  ])("refuses %j", (entry) => {
    expect(() => orderSql([entry as never])).toThrow(/export SQL: unsupported/);
  });
});
