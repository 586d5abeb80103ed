import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  businessDaysBetween,
  DEFAULT_SLA_BUSINESS_DAYS,
  isBusinessDay,
  ontarioHolidays,
  slaState,
  TORONTO_TZ,
  torontoDate,
} from "@/lib/domain/business-days";

/** 17:00 UTC is noon or 1 pm in Toronto: always the same Toronto date, whatever the DST. */
const midday = (date: string) => new Date(`${date}T17:00:00Z`);

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function datesFrom(start: string, count: number): string[] {
  const dates = [start];
  while (dates.length < count) dates.push(nextDay(dates.at(-1)!));
  return dates;
}

describe("torontoDate", () => {
  it("uses Toronto's date, not UTC's, late in the evening", () => {
    expect(TORONTO_TZ).toBe("America/Toronto");
    // 23:30 EST on 14 January is already 15 January in UTC.
    expect(torontoDate(new Date("2026-01-15T04:30:00Z"))).toBe("2026-01-14");
    expect(torontoDate(new Date("2026-01-15T05:00:00Z"))).toBe("2026-01-15");
    // 23:30 EDT on 14 July.
    expect(torontoDate(new Date("2026-07-15T03:30:00Z"))).toBe("2026-07-14");
    expect(torontoDate(new Date("2026-07-15T04:00:00Z"))).toBe("2026-07-15");
  });

  it("moves midnight with DST in spring (8 March 2026)", () => {
    expect(torontoDate(new Date("2026-03-08T04:59:59Z"))).toBe("2026-03-07"); // 23:59:59 EST
    expect(torontoDate(new Date("2026-03-08T05:00:00Z"))).toBe("2026-03-08"); // 00:00 EST
    expect(torontoDate(new Date("2026-03-08T07:00:00Z"))).toBe("2026-03-08"); // 03:00 EDT, the skipped hour
    expect(torontoDate(new Date("2026-03-09T03:59:59Z"))).toBe("2026-03-08"); // 23:59:59 EDT
    expect(torontoDate(new Date("2026-03-09T04:00:00Z"))).toBe("2026-03-09"); // 00:00 EDT
  });

  it("moves midnight with DST in autumn (1 November 2026)", () => {
    expect(torontoDate(new Date("2026-11-01T03:59:59Z"))).toBe("2026-10-31"); // 23:59:59 EDT
    expect(torontoDate(new Date("2026-11-01T04:00:00Z"))).toBe("2026-11-01"); // 00:00 EDT
    expect(torontoDate(new Date("2026-11-01T06:30:00Z"))).toBe("2026-11-01"); // 01:30 EST, the repeated hour
    expect(torontoDate(new Date("2026-11-02T04:59:59Z"))).toBe("2026-11-01"); // 23:59:59 EST
    expect(torontoDate(new Date("2026-11-02T05:00:00Z"))).toBe("2026-11-02"); // 00:00 EST
  });
});

describe("ontarioHolidays", () => {
  it("lists 2026 by hand, Boxing Day observed on Monday 28 December", () => {
    expect(ontarioHolidays(2026)).toEqual([
      "2026-01-01",
      "2026-02-16",
      "2026-04-03",
      "2026-05-18",
      "2026-07-01",
      "2026-09-07",
      "2026-10-12",
      "2026-12-25",
      "2026-12-28",
    ]);
  });

  it("lists 2027 by hand, Christmas and Boxing Day (Saturday, Sunday) observed Monday and Tuesday", () => {
    expect(ontarioHolidays(2027)).toEqual([
      "2027-01-01",
      "2027-02-15",
      "2027-03-26",
      "2027-05-24",
      "2027-07-01",
      "2027-09-06",
      "2027-10-11",
      "2027-12-27",
      "2027-12-28",
    ]);
  });

  it("observes New Year's Day and Canada Day on a Saturday the Monday after (2028)", () => {
    expect(ontarioHolidays(2028)).toEqual([
      "2028-01-03",
      "2028-02-21",
      "2028-04-14",
      "2028-05-22",
      "2028-07-03",
      "2028-09-04",
      "2028-10-09",
      "2028-12-25",
      "2028-12-26",
    ]);
  });

  it("observes Christmas on a Sunday on Monday and pushes Boxing Day to Tuesday (2022)", () => {
    const holidays = ontarioHolidays(2022);
    expect(holidays).toContain("2022-01-03");
    expect(holidays.slice(-2)).toEqual(["2022-12-26", "2022-12-27"]);
  });

  it("observes Canada Day on a Sunday on Monday 2 July (2029)", () => {
    expect(ontarioHolidays(2029)).toContain("2029-07-02");
  });

  it("leaves out Easter Monday, Civic Holiday and Remembrance Day", () => {
    const holidays = ontarioHolidays(2026);
    expect(holidays).not.toContain("2026-04-06");
    expect(holidays).not.toContain("2026-08-03");
    expect(holidays).not.toContain("2026-11-11");
  });

  it("gives nine distinct weekdays, sorted, in the year, for every year 2000–2100", () => {
    for (let year = 2000; year <= 2100; year++) {
      const holidays = ontarioHolidays(year);
      expect(holidays, String(year)).toHaveLength(9);
      expect(new Set(holidays).size).toBe(9);
      expect([...holidays].sort()).toEqual(holidays);
      for (const date of holidays) {
        expect(date.startsWith(`${year}-`)).toBe(true);
        expect([1, 2, 3, 4, 5]).toContain(new Date(`${date}T00:00:00Z`).getUTCDay());
      }
    }
  });

  it("hands out a copy, so callers cannot corrupt the cache", () => {
    const first = ontarioHolidays(2026);
    first.push("2026-06-15");
    first[0] = "junk";
    expect(ontarioHolidays(2026)).toHaveLength(9);
    expect(ontarioHolidays(2026)[0]).toBe("2026-01-01");
    expect(isBusinessDay("2026-06-15")).toBe(true);
  });
});

describe("isBusinessDay", () => {
  it.each([
    ["2026-01-16", true], // Friday
    ["2026-01-17", false], // Saturday
    ["2026-01-18", false], // Sunday
    ["2026-01-19", true], // Monday
    ["2026-01-01", false], // New Year's Day
    ["2026-04-03", false], // Good Friday
    ["2026-04-06", true], // Easter Monday is not statutory
    ["2026-08-03", true], // Civic Holiday is not statutory
    ["2026-12-26", false], // Boxing Day, a Saturday
    ["2026-12-28", false], // Boxing Day observed
    ["2026-12-29", true],
  ])("%s → %s", (date, expected) => {
    expect(isBusinessDay(date)).toBe(expected);
  });

  it("refuses malformed or impossible dates", () => {
    for (const bad of ["2026-02-30", "2026-1-5", "20260105", "2026-13-01", "", "2026-01-05T00:00:00Z"]) {
      expect(() => isBusinessDay(bad), bad).toThrow(RangeError);
    }
  });
});

describe("businessDaysBetween", () => {
  it("is 0 on the day of payment and when the end is not after the start", () => {
    const paid = new Date("2026-01-13T15:00:00Z");
    expect(businessDaysBetween(paid, new Date("2026-01-13T22:00:00Z"))).toBe(0);
    expect(businessDaysBetween(paid, paid)).toBe(0);
    expect(businessDaysBetween(paid, new Date("2026-01-05T15:00:00Z"))).toBe(0);
  });

  it("ages a request paid on a Friday evening to 1 on Monday", () => {
    const fridayEvening = new Date("2026-01-17T00:00:00Z"); // Friday 16 January, 19:00 EST (Saturday in UTC)
    expect(businessDaysBetween(fridayEvening, midday("2026-01-17"))).toBe(0);
    expect(businessDaysBetween(fridayEvening, midday("2026-01-18"))).toBe(0);
    expect(businessDaysBetween(fridayEvening, new Date("2026-01-19T05:00:00Z"))).toBe(1); // Monday 00:00
    expect(businessDaysBetween(fridayEvening, midday("2026-01-23"))).toBe(5);
  });

  it("counts by Toronto date at 23:30, not by UTC date", () => {
    const thursdayLate = new Date("2026-01-16T04:30:00Z"); // Thursday 15 January, 23:30 EST
    expect(businessDaysBetween(thursdayLate, midday("2026-01-16"))).toBe(1);
    const fridayLate = new Date("2026-01-17T04:30:00Z"); // Friday 16 January, 23:30 EST
    expect(businessDaysBetween(new Date("2026-01-16T15:00:00Z"), fridayLate)).toBe(0);
  });

  it("skips statutory holidays", () => {
    // Family Day, Monday 16 February 2026.
    expect(businessDaysBetween(midday("2026-02-13"), midday("2026-02-16"))).toBe(0);
    expect(businessDaysBetween(midday("2026-02-13"), midday("2026-02-17"))).toBe(1);
    // Good Friday counts nothing; Easter Monday counts.
    expect(businessDaysBetween(midday("2026-04-02"), midday("2026-04-06"))).toBe(1);
    // Christmas Friday, weekend, Boxing Day observed Monday.
    expect(businessDaysBetween(midday("2026-12-24"), midday("2026-12-28"))).toBe(0);
    expect(businessDaysBetween(midday("2026-12-24"), midday("2026-12-29"))).toBe(1);
    // Over New Year 2027 (Friday).
    expect(businessDaysBetween(midday("2026-12-31"), midday("2027-01-04"))).toBe(1);
  });

  it("does not lose or gain a day across DST changes", () => {
    // Friday 6 March 2026, 23:30 EST → Monday 9 March, 00:30 EDT: 49 wall-clock hours, one business day.
    expect(businessDaysBetween(new Date("2026-03-07T04:30:00Z"), new Date("2026-03-09T04:30:00Z"))).toBe(1);
    expect(businessDaysBetween(new Date("2026-03-07T04:30:00Z"), new Date("2026-03-09T03:30:00Z"))).toBe(0);
    // Friday 30 October, 23:30 EDT → Monday 2 November, 00:30 EST.
    expect(businessDaysBetween(new Date("2026-10-31T03:30:00Z"), new Date("2026-11-02T05:30:00Z"))).toBe(1);
    expect(businessDaysBetween(new Date("2026-10-31T03:30:00Z"), new Date("2026-11-02T04:30:00Z"))).toBe(0);
  });

  it("counts a whole year: 261 weekdays of 2026 less 1 January and 8 more holidays", () => {
    expect(businessDaysBetween(midday("2026-01-01"), midday("2026-12-31"))).toBe(252);
    expect(businessDaysBetween(midday("2025-12-31"), midday("2026-12-31"))).toBe(252);
  });

  it("agrees with counting day by day over two years", () => {
    const dates = datesFrom("2025-12-01", 800);
    const start = dates[0]!;
    let count = 0;
    for (const date of dates.slice(1)) {
      if (isBusinessDay(date)) count++;
      expect(businessDaysBetween(midday(start), midday(date)), date).toBe(count);
    }
  });

  it("works before 1970 too", () => {
    // 1969-12-31 Wednesday → 1970-01-05 Monday: 1 January holiday, Friday 2, Monday 5.
    expect(businessDaysBetween(midday("1969-12-31"), midday("1970-01-05"))).toBe(2);
  });
});

describe("addBusinessDays", () => {
  it.each([
    ["2026-01-14", 0, "2026-01-14"],
    ["2026-01-17", 0, "2026-01-17"],
    ["2026-01-14", 1, "2026-01-15"],
    ["2026-01-16", 1, "2026-01-19"],
    ["2026-01-17", 1, "2026-01-19"],
    ["2026-01-17", -1, "2026-01-16"],
    ["2026-01-19", -1, "2026-01-16"],
    ["2026-01-12", 5, "2026-01-19"],
    ["2026-02-13", 1, "2026-02-17"],
    ["2026-12-24", 1, "2026-12-29"],
    ["2026-12-29", -1, "2026-12-24"],
    ["2026-12-31", 1, "2027-01-04"],
    ["2027-01-04", -1, "2026-12-31"],
    ["2026-03-06", 1, "2026-03-09"],
  ] as const)("%s + %i → %s", (date, n, expected) => {
    expect(addBusinessDays(date, n)).toBe(expected);
  });

  it("is undone by businessDaysBetween", () => {
    for (const date of datesFrom("2026-11-20", 60)) {
      for (const n of [1, 2, 5, 10, 30]) {
        expect(businessDaysBetween(midday(date), midday(addBusinessDays(date, n)))).toBe(n);
        expect(businessDaysBetween(midday(addBusinessDays(date, -n)), midday(date))).toBe(isBusinessDay(date) ? n : n - 1);
      }
    }
  });

  it("refuses a fractional count", () => {
    expect(() => addBusinessDays("2026-01-14", 1.5)).toThrow(RangeError);
  });
});

describe("SLA", () => {
  it("defaults to 5 business days", () => {
    expect(DEFAULT_SLA_BUSINESS_DAYS).toBe(5);
  });

  it.each([
    [0, 5, "within"],
    [4, 5, "within"],
    [5, 5, "reached"],
    [6, 5, "past"],
    [40, 5, "past"],
    [0, 0, "reached"],
    [1, 0, "past"],
  ] as const)("age %i with SLA %i is %s", (age, sla, expected) => {
    expect(slaState(age, sla)).toBe(expected);
  });
});

describe("startOfTorontoDay", () => {
  it("is midnight in Toronto, in winter and in summer", async () => {
    const { startOfTorontoDay } = await import("@/lib/domain/business-days");
    expect(startOfTorontoDay("2026-01-15").toISOString()).toBe("2026-01-15T05:00:00.000Z");
    expect(startOfTorontoDay("2026-07-15").toISOString()).toBe("2026-07-15T04:00:00.000Z");
    expect(startOfTorontoDay("2026-03-08").toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(() => startOfTorontoDay("2026-3-8")).toThrow(RangeError);
  });
});
