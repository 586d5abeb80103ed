import { beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { requestScope } from "@/lib/auth/scope";
import { foldName } from "@/lib/domain/fold";
import { PAGE_SIZE, parseRequestSearch, SORT_KEYS } from "@/lib/domain/request-search";
import { REQUEST_STATUSES } from "@/lib/domain/statuses";
import { findRequests } from "@/lib/server/requests/find-requests";
import { actorFor } from "./helpers/actors";
import { seedDemo } from "./helpers/seeded";

const search = (q: string) => {
  const { search, errors } = parseRequestSearch(new URLSearchParams(q));
  expect(errors).toEqual({});
  return search;
};

beforeAll(async () => {
  await seedDemo();
});

describe("findRequests", () => {
  test("a tab shows only its requests, newest first, within scope", async () => {
    const actor = await actorFor("demo.board");
    const page = await findRequests({ actor, search: search("tab=incomplete") });
    const expected = await db.transcriptRequest.count({ where: { AND: [requestScope(actor), { tab: "INCOMPLETE" }] } });
    expect(page.total).toBe(expected);
    expect(page.counts.INCOMPLETE).toBe(expected);
    expect(page.rows.every((r) => r.tab === "INCOMPLETE")).toBe(true);
    const times = page.rows.map((r) => r.paidAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(new Set(page.rows.map((r) => r.school.mident))).toEqual(new Set(["999999", "999998"]));
  });

  test("pages of 50 cover every row once", async () => {
    const actor = await actorFor("demo.admin");
    const first = await findRequests({ actor, search: search("status=ALL") });
    expect(first.total).toBe(await db.transcriptRequest.count());
    expect(first.rows).toHaveLength(PAGE_SIZE);
    const seen = new Set<string>();
    for (let p = 1; p <= first.pageCount; p++) {
      const page = await findRequests({ actor, search: search(`status=ALL&page=${p}`) });
      for (const row of page.rows) seen.add(row.id);
    }
    expect(seen.size).toBe(first.total);
    // A page past the end shows the last page.
    expect((await findRequests({ actor, search: search("status=ALL&page=999") })).page).toBe(first.pageCount);
  });

  type Row = Awaited<ReturnType<typeof findRequests>>["rows"][number];
  // Enumerations sort in declaration order on PostgreSQL and as text on SQLite (each database's own order; the
  // exports' keyset pagination follows the same rule).
  const onPostgres = /^postgres/.test(process.env.DATABASE_URL ?? "");
  const enumValue = (declared: readonly string[], v: string) => (onPostgres ? declared.indexOf(v) : v);
  const SORT_VALUE: Record<(typeof SORT_KEYS)[number], (r: Row) => string | number> = {
    requestDate: (r) => r.paidAt.getTime(),
    age: (r) => -r.paidAt.getTime(),
    referenceNumber: (r) => r.referenceNumber,
    name: (r) => `${foldName(r.lastName)}\u0000${foldName(r.firstName)}`,
    requestType: (r) => enumValue(["ORIGINAL", "REISSUE"], r.requestType),
    lastAttended: (r) => r.lastAttended,
    sendDate: (r) => enumValue(["SEND_NOW", "END_OF_SEMESTER"], r.sendOption),
    status: (r) => enumValue(REQUEST_STATUSES, r.status),
    school: (r) => r.school.mident,
  };

  test.each(SORT_KEYS)("sorting by %s orders the page by that column in both directions", async (sort) => {
    const actor = await actorFor("demo.admin");
    for (const dir of ["asc", "desc"] as const) {
      const page = await findRequests({ actor, search: search(`status=ALL&sort=${sort}&dir=${dir}`) });
      expect(page.rows).toHaveLength(PAGE_SIZE);
      const values = page.rows.map(SORT_VALUE[sort]);
      const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect(values, `${sort} ${dir}`).toEqual(dir === "asc" ? sorted : sorted.reverse());
    }
  });

  test("Name sorts by last name, then first name, ignoring accents and case", async () => {
    const actor = await actorFor("demo.board");
    const page = await findRequests({ actor, search: search("tab=complete&sort=name&dir=asc") });
    const keys = page.rows.map((r) => `${foldName(r.lastName)} ${foldName(r.firstName)}`);
    expect(keys).toEqual([...keys].sort());
  });

  test("Age sorts oldest first when ascending by age", async () => {
    const actor = await actorFor("demo.board");
    const page = await findRequests({ actor, search: search("tab=todo&sort=age&dir=desc") });
    const times = page.rows.map((r) => r.paidAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  describe("each search field", () => {
    test("reference, request and account numbers, OEN", async () => {
      const actor = await actorFor("demo.admin");
      const target = await db.transcriptRequest.findFirstOrThrow({ where: { oen: { not: null } }, orderBy: { referenceNumber: "asc" } });
      for (const q of [
        `referenceNumber=${target.referenceNumber}`,
        `referenceNumber=${target.referenceNumber.slice(4)}`,
        `requestNumber=${target.requestNumber}`,
        `oen=${target.oen}`,
      ]) {
        const page = await findRequests({ actor, search: search(`status=ALL&${q}`) });
        expect(
          page.rows.map((r) => r.id),
          q,
        ).toContain(target.id);
        expect(
          page.rows.every((r) => r.referenceNumber === target.referenceNumber || q.startsWith("oen")),
          q,
        ).toBe(true);
      }
      const byAccount = await findRequests({ actor, search: search(`status=ALL&accountNumber=${target.accountNumber}`) });
      expect(byAccount.rows.every((r) => r.accountNumber === target.accountNumber)).toBe(true);
      expect(byAccount.rows.map((r) => r.id)).toContain(target.id);
    });

    test("names: prefix, case- and accent-insensitive", async () => {
      const actor = await actorFor("demo.admin");
      const accented = await db.transcriptRequest.findFirstOrThrow({ where: { lastName: { startsWith: "B\u00e9" } } });
      const prefix = foldName(accented.lastName).slice(0, 3).toUpperCase();
      const page = await findRequests({ actor, search: search(`status=ALL&lastName=${encodeURIComponent(prefix)}`) });
      expect(page.rows.map((r) => r.id)).toContain(accented.id);
      expect(page.rows.every((r) => foldName(r.lastName).startsWith(prefix.toLowerCase()))).toBe(true);
      const first = await findRequests({ actor, search: search(`status=ALL&firstName=${encodeURIComponent(accented.firstName.slice(0, 2).toLowerCase())}`) });
      expect(first.rows.every((r) => foldName(r.firstName).startsWith(foldName(accented.firstName.slice(0, 2))))).toBe(true);
    });

    test("dates are whole Toronto days, inclusive", async () => {
      const actor = await actorFor("demo.admin");
      const target = await db.transcriptRequest.findFirstOrThrow({ orderBy: { paidAt: "desc" } });
      const day = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Toronto" }).format(target.paidAt);
      const page = await findRequests({ actor, search: search(`status=ALL&from=${day}&to=${day}`) });
      expect(page.rows.map((r) => r.id)).toContain(target.id);
      for (const r of page.rows) expect(new Intl.DateTimeFormat("en-CA", { timeZone: "America/Toronto" }).format(r.paidAt)).toBe(day);
    });

    test("last attended, school and status filters", async () => {
      const actor = await actorFor("demo.board");
      const target = await db.transcriptRequest.findFirstOrThrow({ where: requestScope(actor) });
      const byMonth = await findRequests({ actor, search: search(`status=ALL&lastAttended=${target.lastAttended}`) });
      expect(byMonth.rows.every((r) => r.lastAttended === target.lastAttended)).toBe(true);
      const bySchool = await findRequests({ actor, search: search("status=ALL&school=999998") });
      expect(bySchool.rows.every((r) => r.school.mident === "999998")).toBe(true);
      const byStatus = await findRequests({ actor, search: search("status=FINANCIAL_HOLD&status=E_TRANSCRIPT_SENT") });
      expect(new Set(byStatus.rows.map((r) => r.status))).toEqual(new Set(["FINANCIAL_HOLD", "E_TRANSCRIPT_SENT"]));
      expect(byStatus.counts.TODO).toBe(0);
      expect(byStatus.total).toBe(byStatus.counts.INCOMPLETE + byStatus.counts.COMPLETE);
    });

    test("a search never leaves the actor's scope", async () => {
      const actor = await actorFor("demo.school2");
      const page = await findRequests({ actor, search: search("status=ALL&referenceNumber=REF-45454545") });
      expect(page.total).toBe(0);
      const other = await findRequests({ actor, search: search("status=ALL&school=999999") });
      expect(other.total).toBe(0);
    });
  });
});
