import { describe, expect, test } from "vitest";
import { hasLogFilters, parseTransmissionLogFilters, transmissionLogParams } from "@/lib/domain/transmission/log-filters";

const parse = (q: string) => parseTransmissionLogFilters(new URLSearchParams(q));

describe("parseTransmissionLogFilters", () => {
  test("no parameters: every batch, page 1", () => {
    expect(parse("")).toEqual({ filters: { page: 1 }, errors: {} });
    expect(hasLogFilters(parse("").filters)).toBe(false);
    // An empty GET form sends every field empty.
    expect(parse("college=&night=&state=")).toEqual({ filters: { page: 1 }, errors: {} });
  });

  test("reads the college, the night, the state and the page", () => {
    const { filters, errors } = parse("college=SENE&night=2026-12-01&state=WAITING_DOWNLOAD&page=3");
    expect(errors).toEqual({});
    expect(filters).toEqual({ college: "SENE", night: "2026-12-01", state: "WAITING_DOWNLOAD", page: 3 });
    expect(hasLogFilters(filters)).toBe(true);
  });

  test("codes and states in any case, with spaces around", () => {
    expect(parse("college=%20sene%20&state=delivered").filters).toEqual({ college: "SENE", state: "DELIVERED", page: 1 });
  });

  test("a night that is not a date is an error and no filter", () => {
    for (const night of ["2026-13-01", "2026-02-30", "01/12/2026", "yesterday", "2026-12-1"]) {
      expect(parse(`night=${encodeURIComponent(night)}`), night).toEqual({ filters: { page: 1 }, errors: { night: "transmissions.errors.nightInvalid" } });
    }
  });

  test("an unknown state, a malformed code or page are dropped", () => {
    expect(parse("state=LOST&college=SENECA-POLY&page=-2").filters).toEqual({ page: 1 });
    expect(parse("page=0").filters.page).toBe(1);
    expect(parse("page=abc").filters.page).toBe(1);
    expect(parse("page=9999999").filters.page).toBe(1);
    expect(parse("page=100000").filters.page).toBe(100_000);
  });

  test("the first of repeated parameters; a record of search parameters as a page gets them", () => {
    expect(parse("state=FAILED&state=DELIVERED").filters.state).toBe("FAILED");
    expect(parseTransmissionLogFilters({ college: ["ALGO", "SENE"], night: "2026-12-01", page: "2" }).filters).toEqual({
      college: "ALGO",
      night: "2026-12-01",
      page: 2,
    });
  });
});

describe("transmissionLogParams", () => {
  test("writes the filters back in one order, without page 1", () => {
    const { filters } = parse("page=1&state=FAILED&night=2026-12-01&college=SENE");
    expect(transmissionLogParams(filters).toString()).toBe("college=SENE&night=2026-12-01&state=FAILED");
    expect(transmissionLogParams(filters, { page: 2 }).toString()).toBe("college=SENE&night=2026-12-01&state=FAILED&page=2");
    expect(transmissionLogParams({ page: 1 }).toString()).toBe("");
  });

  test("round-trips through the parser", () => {
    const filters = { college: "ALGO", night: "2026-11-30", state: "DOWNLOADED" as const, page: 4 };
    expect(parseTransmissionLogFilters(transmissionLogParams(filters)).filters).toEqual(filters);
  });
});
