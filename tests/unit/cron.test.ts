import { describe, expect, it } from "vitest";
import { CronSyntaxError, parseCron } from "@/lib/inngest/cron";

// The schedules of the functions, read by croner with Inngest's time-zone prefix (ADR 0011).

const at = (iso: string) => new Date(iso);

describe("parseCron", () => {
  it("reads the time-zone prefix and gives the next and previous instants in that zone", () => {
    const six = parseCron("TZ=America/Toronto 0 6 * * *");
    expect(six).toMatchObject({ timeZone: "America/Toronto", pattern: "0 6 * * *", expression: "TZ=America/Toronto 0 6 * * *" });
    // 06:00 Toronto is 11:00Z in winter (EST) and 10:00Z in summer (EDT).
    expect(six.next(at("2026-12-01T12:00:00Z"))).toEqual(at("2026-12-02T11:00:00Z"));
    expect(six.next(at("2026-07-01T12:00:00Z"))).toEqual(at("2026-07-02T10:00:00Z"));
    expect(six.previous(at("2026-12-01T12:00:00Z"))).toEqual(at("2026-12-01T11:00:00Z"));
    // "At or before": the instant itself counts; next is strictly after.
    expect(six.previous(at("2026-12-01T11:00:00Z"))).toEqual(at("2026-12-01T11:00:00Z"));
    expect(six.next(at("2026-12-01T11:00:00Z"))).toEqual(at("2026-12-02T11:00:00Z"));
  });

  it("is UTC without a prefix, and accepts CRON_TZ", () => {
    expect(parseCron("*/5 * * * *").timeZone).toBe("UTC");
    expect(parseCron("*/5 * * * *").previous(at("2026-12-01T12:07:30Z"))).toEqual(at("2026-12-01T12:05:00Z"));
    expect(parseCron("CRON_TZ=America/Toronto 0 2 * * *").next(at("2026-12-01T12:00:00Z"))).toEqual(at("2026-12-02T07:00:00Z"));
  });

  it("runs a time skipped by spring-forward once, just after, and a repeated time once on fall-back", () => {
    // 2026-03-08: 02:00 → 03:00 in Toronto; 02:30 does not exist that day.
    const halfPastTwo = parseCron("TZ=America/Toronto 30 2 * * *");
    expect(halfPastTwo.next(at("2026-03-07T12:00:00Z"))).toEqual(at("2026-03-08T07:00:00Z"));
    expect(halfPastTwo.next(at("2026-03-08T07:00:00Z"))).toEqual(at("2026-03-09T06:30:00Z"));
    // 2026-11-01: 02:00 → 01:00; 01:30 happens twice, the schedule runs at the first.
    const halfPastOne = parseCron("TZ=America/Toronto 30 1 * * *");
    expect(halfPastOne.next(at("2026-10-31T12:00:00Z"))).toEqual(at("2026-11-01T05:30:00Z"));
    expect(halfPastOne.next(at("2026-11-01T05:30:00Z"))).toEqual(at("2026-11-02T06:30:00Z"));
  });

  it("takes a day of month or a weekday when both are restricted (Vixie cron, Inngest)", () => {
    const either = parseCron("0 0 1 * MON");
    const runs: Date[] = [];
    let t = at("2026-06-01T12:00:00Z");
    for (let i = 0; i < 5; i++) runs.push((t = either.next(t)!));
    expect(runs.map((d) => d.toISOString().slice(0, 10))).toEqual(["2026-06-08", "2026-06-15", "2026-06-22", "2026-06-29", "2026-07-01"]);
  });

  it("accepts a seconds field (tests) and refuses what it cannot read", () => {
    expect(parseCron("* * * * * *").next(at("2026-12-01T12:00:00.500Z"))).toEqual(at("2026-12-01T12:00:01Z"));
    for (const bad of ["61 * * * *", "* * * *", "TZ=Nowhere/City 0 6 * * *", "0 6 * * * * * *", ""]) {
      expect(() => parseCron(bad), bad).toThrow(CronSyntaxError);
    }
  });
});
