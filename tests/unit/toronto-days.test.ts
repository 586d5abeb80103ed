import { describe, expect, test } from "vitest";
import { tz } from "@date-fns/tz";
import { format } from "date-fns";
import { businessDaysBetween, TORONTO_TZ, torontoDate } from "@/lib/domain/business-days";
import { torontoDay, torontoDays } from "@/lib/domain/toronto-days";

const NOW = new Date("2026-11-28T15:00:00Z");

// The reference: date-fns with @date-fns/tz, the library the Intl formatter of torontoDate replaced.
const reference = (d: Date) => format(d, "yyyy-MM-dd", { in: tz(TORONTO_TZ) });

describe("torontoDays", () => {
  // Around midnight in winter (UTC-5) and summer (UTC-4), and the two daylight-saving changes of 2026.
  const instants = [
    "2026-01-15T04:59:59.999Z",
    "2026-01-15T05:00:00.000Z",
    "2026-07-01T03:59:59.999Z",
    "2026-07-01T04:00:00.000Z",
    "2026-03-08T06:59:59.999Z",
    "2026-03-08T07:00:00.000Z",
    "2026-11-01T05:59:59.999Z",
    "2026-11-01T06:00:00.000Z",
    "2026-11-02T04:59:59.000Z",
    "2026-11-02T05:00:00.000Z",
  ];

  test("a Date, and the same instant as SQLite stores it, give the Toronto date and the age", () => {
    const days = torontoDays(NOW);
    for (const iso of instants) {
      const date = new Date(iso);
      const stored = iso.replace("Z", "+00:00");
      expect(days.date(stored), stored).toBe(reference(date));
      expect(days.date(date), iso).toBe(reference(date));
      expect(days.age(stored), stored).toBe(businessDaysBetween(date, NOW));
    }
  });

  test("the memo keeps instants of one UTC hour together and no others", () => {
    const days = torontoDays(NOW);
    // 04:00–04:59 UTC on 1 July is the evening of 30 June in Toronto; 05:00 UTC on 15 January is midnight.
    expect(days.date("2026-07-01T04:10:00.000+00:00")).toBe("2026-07-01");
    expect(days.date("2026-07-01T03:10:00.000+00:00")).toBe("2026-06-30");
    expect(days.date("2026-07-01T03:59:59.999Z")).toBe("2026-06-30");
    expect(days.date("2026-01-15T04:30:00.000+00:00")).toBe("2026-01-14");
    expect(days.date("2026-01-15T05:30:00.000+00:00")).toBe("2026-01-15");
  });

  test("text with another offset is read as the instant it names, never from the memo of a UTC hour", () => {
    const days = torontoDays(NOW);
    expect(days.date("2026-01-15T04:30:00.000+00:00")).toBe("2026-01-14");
    // Same first 13 characters, but 04:30 in Toronto (UTC-5) is 09:30 UTC, on the 15th.
    expect(days.date("2026-01-15T04:30:00.000-05:00")).toBe("2026-01-15");
    expect(() => days.date("not a date")).toThrow(RangeError);
  });
});

describe("torontoDay", () => {
  test("torontoDay and torontoDate give the date date-fns gives, for every hour of 2026 and of the weeks of the daylight-saving changes 2000–2040", () => {
    const hours: number[] = [];
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000) hours.push(t);
    for (let year = 2000; year <= 2040; year++) {
      // March 1–15 and October 25–November 10: the changes under the rules before and since 2007.
      for (const [month, from, to] of [
        [2, 1, 16],
        [9, 25, 42],
      ] as const) {
        for (let t = Date.UTC(year, month, from); t < Date.UTC(year, month, to); t += 3_600_000) hours.push(t);
      }
    }
    const instants = hours.flatMap((t) => [new Date(t), new Date(t + 3_599_999)]);
    const differences = instants.filter((d) => torontoDay(d) !== reference(d) || torontoDate(d) !== reference(d)).map((d) => d.toISOString());
    expect(differences).toEqual([]);
    expect(instants.length).toBeGreaterThan(50_000);
  }, 60_000);
});
