import { beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { parseRequestSearch } from "@/lib/domain/request-search";
import { findRequests } from "@/lib/server/requests/find-requests";
import { requestScope } from "@/lib/auth/scope";
import { actorFor } from "./helpers/actors";
import { seedDemo } from "./helpers/seeded";

beforeAll(async () => {
  await seedDemo();
});

async function visibleSchools(username: string) {
  const actor = await actorFor(username);
  const rows = await db.transcriptRequest.findMany({ where: requestScope(actor), select: { school: { select: { mident: true } } } });
  return new Set(rows.map((r) => r.school.mident));
}

describe("each role sees exactly its scope", () => {
  test("OCAS administrator: every school", async () => {
    expect(await visibleSchools("demo.admin")).toEqual(new Set(["999999", "999998", "999997", "999996"]));
  });
  test("board administrator and board user: their board's schools", async () => {
    expect(await visibleSchools("demo.board")).toEqual(new Set(["999999", "999998"]));
    expect(await visibleSchools("other.board")).toEqual(new Set(["999997", "999996"]));
  });
  test("school users: their own school", async () => {
    expect(await visibleSchools("demo.school")).toEqual(new Set(["999999"]));
    expect(await visibleSchools("demo.school2")).toEqual(new Set(["999998"]));
  });
  test("tab counts add up to the requests in scope", async () => {
    for (const username of ["demo.admin", "demo.board", "demo.school", "other.board"]) {
      const actor = await actorFor(username);
      // The dashboard's own counts (every tab, no search).
      const { counts } = await findRequests({ actor, search: parseRequestSearch(new URLSearchParams()).search });
      const total = await db.transcriptRequest.count({ where: requestScope(actor) });
      expect(
        Object.values(counts).reduce((a, b) => a + b, 0),
        username,
      ).toBe(total);
      expect(total, username).toBeGreaterThan(0);
    }
  });
  test("the PESC example request is visible to its school and board, not to the other school", async () => {
    const where = { referenceNumber: "REF-45454545" };
    for (const [username, visible] of [
      ["demo.school", true],
      ["demo.board", true],
      ["demo.admin", true],
      ["demo.school2", false],
      ["other.board", false],
    ] as const) {
      const actor = await actorFor(username);
      const found = await db.transcriptRequest.findFirst({ where: { AND: [where, requestScope(actor)] } });
      expect(Boolean(found), username).toBe(visible);
    }
  });
});
