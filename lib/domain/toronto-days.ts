import { businessDaysBetween, businessDaysBetweenDates, torontoDate } from "@/lib/domain/business-days";

const HOUR_MS = 3_600_000;
// Past this many distinct hours (about ten years of requests) the caches start over rather than grow.
const MAX_ENTRIES = 100_000;
// A UTC instant as SQLite holds it (Prisma's adapter: ISO 8601 with "+00:00"); its first 13 characters name the hour.
const UTC_TEXT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|\+00:00)$/;

/** An instant as a Date or as the database returns it (SQLite: ISO 8601 text in UTC). */
export type Instant = Date | string;

/** The Toronto calendar date of an instant (torontoDate: one Intl formatter, a few µs). */
export const torontoDay = torontoDate;

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

/** The UTC hour (hours since 1970) of an instant, from a Date or from UTC text ("2026-11-28T14:…+00:00" or "…Z"). */
function utcHour(instant: Instant): number {
  if (instant instanceof Date) return Math.floor(instant.getTime() / HOUR_MS);
  const c = (i: number) => instant.charCodeAt(i) - 48;
  if (instant.length >= 13 && instant[10] === "T" && (instant.endsWith("+00:00") || instant.endsWith("Z"))) {
    const ms = Date.UTC(c(0) * 1000 + c(1) * 100 + c(2) * 10 + c(3), c(5) * 10 + c(6) - 1, c(8) * 10 + c(9), c(11) * 10 + c(12));
    if (!Number.isNaN(ms)) return ms / HOUR_MS;
  }
  return Math.floor(parseInstant(instant).getTime() / HOUR_MS);
}

/**
 * Business-day numbers for a report, memoised per UTC hour: `index(i)` counts the business days after `base` (a date
 * on or before every instant it is asked about) up to the Toronto date of `i`, so that the age between two instants
 * is the difference of their numbers (as businessDaysBetween counts it) and a year of requests costs one Map lookup
 * each rather than a date formatted per row.
 */
export function businessDayNumbers(base: string) {
  const byHour = new Map<number, { index: number; date: string }>();
  const byDate = new Map<string, number>();
  // Toronto is 4 or 5 hours behind UTC: a UTC day's hours before 04:00 or 05:00 are the Toronto day before. Which
  // of the two, one ICU call per UTC day tells (its 04:30; offsets change at 06:00 or 07:00 UTC, after it).
  const firstHourOfDay = new Map<number, number>();
  const torontoDateOfHour = (hour: number): string => {
    const day = Math.floor(hour / 24);
    let first = firstHourOfDay.get(day);
    if (first === undefined) {
      const utc = new Date(day * 24 * HOUR_MS).toISOString().slice(0, 10);
      first = torontoDay(new Date((day * 24 + 4.5) * HOUR_MS)) === utc ? 4 : 5;
      firstHourOfDay.set(day, first);
    }
    return new Date((hour < day * 24 + first ? day - 1 : day) * 24 * HOUR_MS).toISOString().slice(0, 10);
  };
  const ofHour = (hour: number) => {
    let entry = byHour.get(hour);
    if (entry === undefined) {
      if (byHour.size >= MAX_ENTRIES) byHour.clear();
      const date = torontoDateOfHour(hour);
      let index = byDate.get(date);
      if (index === undefined) {
        if (date < base) throw new RangeError(`${date} is before the base date ${base}`);
        index = businessDaysBetweenDates(base, date);
        byDate.set(date, index);
      }
      entry = { index, date };
      byHour.set(hour, entry);
    }
    return entry;
  };
  return {
    /** The instant's business-day number and Toronto date. */
    of: (instant: Instant) => ofHour(utcHour(instant)),
    /** The same for a UTC hour (hours since 1970), as the reports' SQL reads it. */
    ofHour,
    /** The business-day number of a Toronto date (today's, for the age of open requests). */
    ofDate(date: string): number {
      return date <= base ? 0 : businessDaysBetweenDates(base, date);
    },
  };
}
