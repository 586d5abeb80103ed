import { businessDaysBetween, businessDaysBetweenDates, TORONTO_TZ } from "@/lib/domain/business-days";

const HOUR_MS = 3_600_000;
// Past this many distinct hours (about ten years of requests) the caches start over rather than grow.
const MAX_ENTRIES = 100_000;
// A UTC instant as SQLite holds it (Prisma's adapter: ISO 8601 with "+00:00"); its first 13 characters name the hour.
const UTC_TEXT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|\+00:00)$/;

/** An instant as a Date or as the database returns it (SQLite: ISO 8601 text in UTC). */
export type Instant = Date | string;

// The Toronto calendar date of an instant, from ICU's time zone data as torontoDate (date-fns) reads it, at a
// fraction of its cost (~3 µs against ~20 µs): an export of a year of requests meets a few thousand distinct hours.
// toronto-days.test.ts compares the two for every hour of several years.
const TORONTO_DAY = new Intl.DateTimeFormat("en-US", { timeZone: TORONTO_TZ, year: "numeric", month: "2-digit", day: "2-digit" });

export function torontoDay(instant: Date): string {
  let year = "";
  let month = "";
  let day = "";
  for (const part of TORONTO_DAY.formatToParts(instant)) {
    if (part.type === "year") year = part.value;
    else if (part.type === "month") month = part.value;
    else if (part.type === "day") day = part.value;
  }
  return `${year}-${month}-${day}`;
}

function parseInstant(text: string): Date {
  const parsed = new Date(text);
  if (Number.isNaN(parsed.getTime())) throw new RangeError(`not an instant: ${text}`);
  return parsed;
}

/**
 * Toronto dates and business-day ages for an export, memoised: formatting a date in a time zone costs ~12 µs,
 * which alone would hold an export under 50,000 rows/s. Toronto's UTC offset only ever changes on a whole UTC
 * hour (02:00 local is 07:00 or 06:00 UTC), so every instant of one UTC hour has the same Toronto date.
 */
export function torontoDays(now: Date) {
  const byHour = new Map<number, string>();
  const byText = new Map<string, string>();
  const ages = new Map<string, number>();
  const fromDate = (instant: Date): string => {
    const hour = Math.floor(instant.getTime() / HOUR_MS);
    let d = byHour.get(hour);
    if (d === undefined) {
      if (byHour.size >= MAX_ENTRIES) byHour.clear();
      d = torontoDay(instant);
      byHour.set(hour, d);
    }
    return d;
  };
  // The hour of the row before: rows sorted by date come hour after hour.
  let lastHour = "";
  let lastDate = "";
  const date = (instant: Instant): string => {
    if (instant instanceof Date) return fromDate(instant);
    // Text in UTC: its hour ("2026-11-28T14") is the key, without parsing it. (A key is only ever stored for
    // text of that exact form, so any UTC text starting with the same 13 characters is in the same hour.)
    if (!instant.endsWith("+00:00") && !instant.endsWith("Z")) return fromDate(parseInstant(instant));
    if (lastHour !== "" && instant.startsWith(lastHour)) return lastDate;
    const hour = instant.slice(0, 13);
    let d = byText.get(hour);
    if (d === undefined) {
      d = fromDate(parseInstant(instant));
      if (!UTC_TEXT.test(instant)) return d;
      if (byText.size >= MAX_ENTRIES) byText.clear();
      byText.set(hour, d);
    }
    lastHour = hour;
    lastDate = d;
    return d;
  };
  // Business days between two dates, by the earlier date then the later (a report meets a few thousand pairs).
  const between = new Map<string, Map<string, number>>();
  let pairs = 0;
  return {
    date,
    /**
     * Business days from one instant to a later one, in Toronto dates (the age of a request when it was completed):
     * as businessDaysBetween, memoised per pair of dates.
     */
    elapsed(from: Instant, to: Instant): number {
      const a = date(from);
      const b = date(to);
      let row = between.get(a);
      if (row === undefined) {
        if (pairs >= MAX_ENTRIES) {
          between.clear();
          pairs = 0;
        }
        row = new Map();
        between.set(a, row);
      }
      let n = row.get(b);
      if (n === undefined) {
        n = businessDaysBetweenDates(a, b);
        row.set(b, n);
        pairs++;
      }
      return n;
    },
    /** Business days from the paid instant to `now` (the age the dashboard shows). */
    age(paidAt: Instant): number {
      const day = date(paidAt);
      let a = ages.get(day);
      if (a === undefined) {
        if (ages.size >= MAX_ENTRIES) ages.clear();
        a = businessDaysBetween(paidAt instanceof Date ? paidAt : parseInstant(paidAt), now);
        ages.set(day, a);
      }
      return a;
    },
  };
}
