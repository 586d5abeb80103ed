import { describe, expect, test } from "vitest";
import { parseRequestSearch, searchToParams } from "@/lib/domain/request-search";

const parse = (q: string) => parseRequestSearch(new URLSearchParams(q));

describe("parseRequestSearch", () => {
  test("defaults: To Do, newest request first, page 1", () => {
    const { search, errors } = parse("");
    expect(search).toMatchObject({ tab: "TODO", statuses: null, sort: "requestDate", dir: "desc", page: 1 });
    expect(errors).toEqual({});
  });

  test("reads every contract parameter", () => {
    const { search, errors } = parse(
      "tab=in-progress&from=2026-01-01&to=2026-01-31&requestNumber=100200300&accountNumber=30045678&referenceNumber=ref-45454545" +
        "&oen=123-456-782&firstName=%C3%A9mi&lastName=Trem&lastAttended=2022-06&school=999999&sort=name&dir=desc&page=3",
    );
    expect(errors).toEqual({});
    expect(search).toEqual({
      tab: "IN_PROGRESS",
      statuses: null,
      from: "2026-01-01",
      to: "2026-01-31",
      requestNumber: "100200300",
      accountNumber: "30045678",
      referenceNumber: "REF-45454545",
      oen: "123456782",
      firstName: "émi",
      lastName: "Trem",
      lastAttended: "2022-06",
      school: "999999",
      sort: "name",
      dir: "desc",
      page: 3,
    });
  });

  test("status filters: repeatable keys, ALL, unknown values dropped", () => {
    expect(parse("status=FINANCIAL_HOLD&status=E_TRANSCRIPT_SENT&status=BOGUS").search.statuses).toEqual(["FINANCIAL_HOLD", "E_TRANSCRIPT_SENT"]);
    expect(parse("status=ALL").search.statuses).toBe("ALL");
    expect(parse("status=BOGUS").search.statuses).toBeNull();
  });

  test("explains invalid input instead of guessing", () => {
    const { errors, search } = parse("from=2026-02-10&to=2026-02-01&oen=12345&lastAttended=2022-13&requestNumber=12a&school=12");
    expect(errors).toEqual({
      to: "search.errors.endBeforeStart",
      oen: "search.errors.invalidOen",
      lastAttended: "search.errors.invalidYearMonth",
      requestNumber: "search.errors.digitsOnly",
      school: "search.errors.invalidMident",
    });
    expect(search.oen).toBeUndefined();
    expect(parse("from=2026-02-30").errors.from).toBe("search.errors.invalidDate");
  });

  test("unknown sort, direction or page fall back to defaults", () => {
    expect(parse("sort=password&dir=sideways&page=-2").search).toMatchObject({ sort: "requestDate", dir: "desc", page: 1 });
    expect(parse("sort=name").search.dir).toBe("asc");
  });
});

describe("searchToParams", () => {
  test("round-trips and leaves defaults out", () => {
    const q = "tab=complete&lastName=tremblay&sort=name&dir=asc&page=2";
    const { search } = parse(q);
    expect(searchToParams(search).toString()).toBe(q);
    expect(searchToParams(parse("").search).toString()).toBe("tab=todo");
  });
  test("a status filter replaces the tab", () => {
    expect(searchToParams(parse("tab=complete&status=ALL").search).toString()).toBe("status=ALL");
  });
  test("overrides (for sort links and paging)", () => {
    expect(searchToParams(parse("tab=todo&page=4").search, { page: 1, sort: "age", dir: "asc" }).toString()).toBe("tab=todo&sort=age&dir=asc");
  });
});
