import { describe, expect, it } from "vitest";
import { CronSyntaxError, floorToMinute, parseCron } from "./cron";

const at = (iso: string) => new Date(iso);

describe("parseCron", () => {
  it("matches a daily Toronto time in winter (UTC-5) and summer (UTC-4)", () => {
    const cron = parseCron("TZ=America/Toronto 0 6 * * *");
    expect(cron.timeZone).toBe("America/Toronto");
    expect(cron.matches(at("2026-01-15T11:00:00Z"))).toBe(true);
    expect(cron.matches(at("2026-01-15T11:00:59Z"))).toBe(true);
    expect(cron.matches(at("2026-01-15T10:00:00Z"))).toBe(false);
    expect(cron.matches(at("2026-01-15T11:01:00Z"))).toBe(false);
    expect(cron.matches(at("2026-07-15T10:00:00Z"))).toBe(true);
    expect(cron.matches(at("2026-07-15T11:00:00Z"))).toBe(false);
  });

  it("defaults to UTC without a zone", () => {
    const cron = parseCron("30 2 * * *");
    expect(cron.timeZone).toBe("UTC");
    expect(cron.matches(at("2026-03-01T02:30:00Z"))).toBe(true);
    expect(cron.matches(at("2026-03-01T02:31:00Z"))).toBe(false);
  });

  it("supports lists, ranges, steps and names", () => {
    const cron = parseCron("*/15 9-17 * JAN-MAR,DEC MON-FRI");
    expect(cron.matches(at("2026-01-05T09:45:00Z"))).toBe(true); // Monday
    expect(cron.matches(at("2026-01-05T09:40:00Z"))).toBe(false);
    expect(cron.matches(at("2026-01-05T18:00:00Z"))).toBe(false);
    expect(cron.matches(at("2026-01-04T10:00:00Z"))).toBe(false); // Sunday
    expect(cron.matches(at("2026-04-06T10:00:00Z"))).toBe(false); // April
    expect(cron.matches(at("2026-12-07T10:00:00Z"))).toBe(true);
    expect(parseCron("5/20 * * * *").matches(at("2026-01-05T09:45:00Z"))).toBe(true);
    expect(parseCron("5/20 * * * *").matches(at("2026-01-05T09:05:00Z"))).toBe(true);
    expect(parseCron("5/20 * * * *").matches(at("2026-01-05T09:15:00Z"))).toBe(false);
  });

  it("treats 0 and 7 as Sunday", () => {
    const sunday = at("2026-01-04T12:00:00Z");
    expect(parseCron("0 12 * * 0").matches(sunday)).toBe(true);
    expect(parseCron("0 12 * * 7").matches(sunday)).toBe(true);
    expect(parseCron("0 12 * * sun").matches(sunday)).toBe(true);
    expect(parseCron("0 12 * * 1").matches(sunday)).toBe(false);
  });

  it("runs on either day when day of month and day of week are both restricted (Vixie cron)", () => {
    const cron = parseCron("0 0 1 * MON");
    expect(cron.matches(at("2026-02-01T00:00:00Z"))).toBe(true); // the 1st, a Sunday
    expect(cron.matches(at("2026-02-02T00:00:00Z"))).toBe(true); // a Monday
    expect(cron.matches(at("2026-02-03T00:00:00Z"))).toBe(false);
    // With a wildcard day of month, only the weekday counts.
    expect(parseCron("0 0 * * MON").matches(at("2026-02-01T00:00:00Z"))).toBe(false);
  });

  it("finds the next run, across days and daylight-saving changes", () => {
    const cron = parseCron("TZ=America/Toronto 0 6 * * *");
    expect(cron.next(at("2026-01-15T11:00:00Z"))).toEqual(at("2026-01-16T11:00:00Z"));
    expect(cron.next(at("2026-01-15T10:59:30Z"))).toEqual(at("2026-01-15T11:00:00Z"));
    // Clocks go forward on 2026-03-08 at 02:00 in Toronto.
    expect(cron.next(at("2026-03-07T12:00:00Z"))).toEqual(at("2026-03-08T10:00:00Z"));
    // Weekdays only: Friday evening → Monday morning.
    expect(parseCron("TZ=America/Toronto 0 7 * * 1-5").next(at("2026-01-09T20:00:00Z"))).toEqual(at("2026-01-12T12:00:00Z"));
    // Every minute.
    expect(parseCron("* * * * *").next(at("2026-01-09T20:00:10Z"))).toEqual(at("2026-01-09T20:01:00Z"));
  });

  it("skips a time that does not exist on the spring-forward day", () => {
    const cron = parseCron("TZ=America/Toronto 30 2 * * *");
    // 2026-03-08 02:30 does not exist in Toronto: the next run is on the 9th at 02:30 EDT (06:30Z).
    expect(cron.next(at("2026-03-08T05:00:00Z"))).toEqual(at("2026-03-09T06:30:00Z"));
  });

  it("has no next run for an impossible date", () => {
    expect(parseCron("0 0 31 2 *").next(at("2026-01-01T00:00:00Z"))).toBeNull();
  });

  it.each([
    ["0 6 * *", /expected 5 fields/],
    ["60 * * * *", /minute "60": 60 is outside 0-59/],
    ["* 24 * * *", /hour/],
    ["* * 0 * *", /day of month/],
    ["* * * 13 *", /month/],
    ["* * * * 8", /day of week/],
    ["*/0 * * * *", /step/],
    ["5-1 * * * *", /reversed/],
    ["a * * * *", /not a number/],
    ["1,,2 * * * *", /malformed/],
    ["TZ=Mars/Olympus 0 6 * * *", /unknown time zone/],
  ])("rejects %s", (expression, message) => {
    expect(() => parseCron(expression)).toThrow(CronSyntaxError);
    expect(() => parseCron(expression)).toThrow(message);
  });

  it("floors to the minute", () => {
    expect(floorToMinute(at("2026-01-15T11:00:59.999Z"))).toEqual(at("2026-01-15T11:00:00Z"));
  });
});
