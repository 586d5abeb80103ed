import { describe, expect, it } from "vitest";
import { businessDaysBetween } from "@/lib/domain/business-days";
import {
  businessHoursCutoff,
  businessMinutesBetween,
  dueDigestSlot,
  formatDays,
  isBusinessHour,
  latestSlot,
  parseDays,
  parseHour,
  quarterHourOf,
  slaCutoff,
  torontoInstant,
} from "@/lib/domain/notifications/schedule";
import { createRng } from "@/prisma/seed/prng";

// When notifications fall due (contracts §8), Toronto time: digest slots across DST, business hours across weekends
// and holidays, and the SLA cutoff checked against the dashboard's own age for many instants.

const at = (iso: string) => new Date(iso);

describe("stored settings", () => {
  it("reads weekdays and hours as stored, ignoring anything else", () => {
    expect(parseDays("5,1,3,3,9,x,")).toEqual([1, 3, 5]);
    expect(formatDays([5, 1, 3, 1])).toBe("1,3,5");
    expect(parseHour("07:00")).toBe(7);
    expect(parseHour("23:00")).toBe(23);
    for (const bad of [null, "", "7:00", "24:00", "07:30"]) expect(parseHour(bad)).toBeNull();
  });
});

describe("digest slots", () => {
  // 2026-12-02 is a Wednesday; Toronto is UTC−5 in December.
  it("is the latest chosen weekday at the chosen hour", () => {
    expect(latestSlot([1, 3], 9, at("2026-12-02T15:00:00Z"))).toEqual(at("2026-12-02T14:00:00Z"));
    expect(latestSlot([1, 3], 9, at("2026-12-02T13:59:59Z"))).toEqual(at("2026-11-30T14:00:00Z"));
    expect(latestSlot([3], 9, at("2026-12-02T13:00:00Z"))).toEqual(at("2026-11-25T14:00:00Z"));
    expect(latestSlot([], 9, at("2026-12-02T15:00:00Z"))).toBeNull();
  });

  it("keeps Toronto's hour across daylight saving time", () => {
    // Sunday 2026-03-08: clocks go forward at 02:00; 09:00 is then UTC−4.
    expect(latestSlot([7], 9, at("2026-03-08T20:00:00Z"))).toEqual(at("2026-03-08T13:00:00Z"));
    expect(latestSlot([7], 9, at("2026-03-07T20:00:00Z"))).toEqual(at("2026-03-01T14:00:00Z"));
    // 02:00 does not exist that day: the slot is 03:00 EDT.
    expect(latestSlot([7], 2, at("2026-03-08T12:00:00Z"))).toEqual(torontoInstant("2026-03-08", 2));
    expect(torontoInstant("2026-03-08", 2).getTime()).toBe(at("2026-03-08T07:00:00Z").getTime());
    // Sunday 2026-11-01: back to UTC−5.
    expect(latestSlot([7], 9, at("2026-11-01T20:00:00Z"))).toEqual(at("2026-11-01T14:00:00Z"));
  });

  it("is due once: after the last one sent, the latest only when several were missed", () => {
    const setting = { days: [1, 2, 3, 4, 5], hour: 8, since: at("2026-11-27T13:00:00Z") };
    // Fri 27 08:00 sent; Mon 30 and Tue 1 missed; Wed 2 at 10:00: one digest, Wednesday's.
    expect(dueDigestSlot({ ...setting, since: at("2026-11-27T13:00:00Z") }, at("2026-12-02T15:00:00Z"))).toEqual(at("2026-12-02T13:00:00Z"));
    expect(dueDigestSlot({ ...setting, since: at("2026-12-02T13:00:00Z") }, at("2026-12-02T15:00:00Z"))).toBeNull();
    // Turned on at 08:30: this morning's 08:00 is not due, tomorrow's is.
    expect(dueDigestSlot({ ...setting, since: at("2026-12-02T13:30:00Z") }, at("2026-12-02T15:00:00Z"))).toBeNull();
    expect(dueDigestSlot({ ...setting, since: at("2026-12-02T13:30:00Z") }, at("2026-12-03T13:00:00Z"))).toEqual(at("2026-12-03T13:00:00Z"));
    expect(dueDigestSlot({ ...setting, hour: null }, at("2026-12-03T13:00:00Z"))).toBeNull();
    expect(dueDigestSlot({ ...setting, since: null }, at("2026-12-03T13:00:00Z"))).toBeNull();
  });
});

describe("business hours", () => {
  it("counts 08:00–17:00 on business days only", () => {
    // Friday 16:00 → Monday 09:00: one hour on Friday, one on Monday.
    expect(businessMinutesBetween(at("2026-11-27T21:00:00Z"), at("2026-11-30T14:00:00Z"))).toBe(120);
    // Christmas (Friday 25) and Boxing Day observed on Monday 28 are not business days.
    expect(businessMinutesBetween(at("2026-12-24T21:00:00Z"), at("2026-12-29T14:00:00Z"))).toBe(120);
    expect(businessMinutesBetween(at("2026-12-02T12:00:00Z"), at("2026-12-02T23:00:00Z"))).toBe(9 * 60);
    expect(businessMinutesBetween(at("2026-12-02T15:00:00Z"), at("2026-12-02T14:00:00Z"))).toBe(0);
    expect(isBusinessHour(at("2026-12-02T13:00:00Z"))).toBe(true);
    expect(isBusinessHour(at("2026-12-02T12:59:59Z"))).toBe(false);
    expect(isBusinessHour(at("2026-12-02T22:00:00Z"))).toBe(false);
    expect(isBusinessHour(at("2026-12-25T15:00:00Z"))).toBe(false);
    expect(isBusinessHour(at("2026-12-02T13:30:00Z"), { start: 9, end: 16 })).toBe(false);
  });

  it("finds the instant N business hours ago, consistent with the count, for many instants", () => {
    const rng = createRng(17).next;
    for (let i = 0; i < 300; i++) {
      const now = new Date(Date.UTC(2026, 0, 1) + Math.floor(rng() * 730 * 86_400_000));
      const n = 1 + Math.floor(rng() * 60);
      const cutoff = businessHoursCutoff(now, n);
      expect(businessMinutesBetween(cutoff, now), `${now.toISOString()} n=${n}`).toBe(n * 60);
      expect(businessMinutesBetween(new Date(cutoff.getTime() + 60_000), now)).toBeLessThan(n * 60);
    }
  });
});

describe("the SLA cutoff", () => {
  it("puts a request at or past the SLA exactly when the dashboard's age says so", () => {
    const rng = createRng(5).next;
    for (let i = 0; i < 2000; i++) {
      const now = new Date(Date.UTC(2026, 0, 1) + Math.floor(rng() * 700 * 86_400_000));
      const paidAt = new Date(now.getTime() - Math.floor(rng() * 30 * 86_400_000));
      const sla = 1 + Math.floor(rng() * 10);
      expect(paidAt < slaCutoff(now, sla), `${paidAt.toISOString()} → ${now.toISOString()}, SLA ${sla}`).toBe(businessDaysBetween(paidAt, now) >= sla);
    }
  });
});

describe("quarter hours", () => {
  it("names the quarter hour an instant is in", () => {
    expect(quarterHourOf(at("2026-12-02T15:07:59Z"))).toEqual(at("2026-12-02T15:00:00Z"));
    expect(quarterHourOf(at("2026-12-02T15:15:00Z"))).toEqual(at("2026-12-02T15:15:00Z"));
  });
});
