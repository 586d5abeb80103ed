import { TZDate, tz } from "@date-fns/tz";
import { format } from "date-fns";
import Holidays from "date-holidays";

export const TORONTO_TZ = "America/Toronto";
export const DEFAULT_SLA_BUSINESS_DAYS = 5;

export type SlaState = "within" | "reached" | "past";

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// ICU's time zone data through one Intl formatter: a few µs a date, against ~20 µs for date-fns with @date-fns/tz
// (the dashboard ages every row it shows). toronto-days.test.ts compares it with date-fns for every hour of several
// years and the weeks of the daylight-saving changes.
const TORONTO_DAY_FORMAT = new Intl.DateTimeFormat("en-US", { timeZone: TORONTO_TZ, year: "numeric", month: "2-digit", day: "2-digit" });

export function torontoDate(instant: Date): string {
  let year = "";
  let month = "";
  let day = "";
  for (const part of TORONTO_DAY_FORMAT.formatToParts(instant)) {
    if (part.type === "year") year = part.value;
    else if (part.type === "month") month = part.value;
    else if (part.type === "day") day = part.value;
  }
  return `${year}-${month}-${day}`;
}

/** An instant as Toronto wall-clock time with its UTC offset (ISO 8601): 2026-12-01T02:00:04-05:00. */
export function torontoDateTime(instant: Date): string {
  return format(instant, "yyyy-MM-dd'T'HH:mm:ssXXX", { in: tz(TORONTO_TZ) });
}

/** The instant a Toronto calendar day starts (DST-correct): date filters cover whole Toronto days. */
export function startOfTorontoDay(date: string): Date {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`not a date: ${date}`);
  return new Date(new TZDate(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 0, 0, 0, TORONTO_TZ).getTime());
}

/** Days since 1970-01-01 of a calendar date; calendar arithmetic in UTC has no DST to trip over. */
function dayNumber(date: string): number {
  const match = ISO_DATE.exec(date);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return ms / DAY_MS;
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function isWeekend(day: number): boolean {
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return weekday === 0 || weekday === 6;
}

// The Employment Standards Act 2000 list. date-holidays also marks Easter Monday "public" in Ontario
// (it is not statutory there) and Civic Holiday and Remembrance Day "optional", so pick by name.
const STATUTORY = ["New Year's Day", "Family Day", "Good Friday", "Victoria Day", "Canada Day", "Labour Day", "Thanksgiving", "Christmas Day", "Boxing Day"];

const calendar = new Holidays("CA", "ON");
const holidaysByYear = new Map<number, { list: readonly string[]; set: ReadonlySet<string> }>();

function holidaysOf(year: number) {
  let cached = holidaysByYear.get(year);
  if (!cached) {
    const actual = calendar
      .getHolidays(year, "en")
      .filter((h) => STATUTORY.includes(h.name))
      .map((h) => h.date.slice(0, 10))
      .sort();
    // Upgrades of date-holidays may rename or drop a day; a silently shorter list would mis-age every request.
    if (actual.length !== STATUTORY.length) throw new Error(`date-holidays gave ${actual.length} Ontario statutory holidays for ${year}`);
    // A holiday on a weekend is observed on the next weekday not already a holiday, as Ontario employers
    // substitute it: Christmas on Saturday → Monday 27, Boxing Day on Sunday → Tuesday 28.
    const observed: string[] = [];
    for (const date of actual) {
      let day = dayNumber(date);
      while (isWeekend(day) || observed.includes(dateOf(day))) day++;
      observed.push(dateOf(day));
    }
    cached = { list: observed, set: new Set(observed) };
    holidaysByYear.set(year, cached);
  }
  return cached;
}

/** Observed dates (YYYY-MM-DD) of Ontario's nine statutory holidays in `year`, sorted. */
export function ontarioHolidays(year: number): string[] {
  return [...holidaysOf(year).list];
}

function isBusinessDayNumber(day: number): boolean {
  if (isWeekend(day)) return false;
  const date = dateOf(day);
  return !holidaysOf(Number(date.slice(0, 4))).set.has(date);
}

export function isBusinessDay(date: string): boolean {
  return isBusinessDayNumber(dayNumber(date));
}

/** Weekdays from a fixed Monday up to and including `day`; only differences of it mean anything. */
function weekdaysThrough(day: number): number {
  const sinceMonday = day + 3; // 1970-01-01 was a Thursday
  const weeks = Math.floor(sinceMonday / 7);
  return weeks * 5 + Math.min(sinceMonday - weeks * 7 + 1, 5);
}

/** Business days d with fromDate < d ≤ toDate, in Toronto dates: a request paid on Friday evening is 1 on Monday. */
export function businessDaysBetween(fromInstant: Date, toInstant: Date): number {
  return businessDaysBetweenDates(torontoDate(fromInstant), torontoDate(toInstant));
}

/** Business days d with from < d ≤ to, for two calendar dates (YYYY-MM-DD); 0 when `to` is not after `from`. */
export function businessDaysBetweenDates(from: string, to: string): number {
  if (to <= from) return 0;
  // Arithmetic rather than a day-by-day walk: exports age a whole year of requests at once.
  let count = weekdaysThrough(dayNumber(to)) - weekdaysThrough(dayNumber(from));
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    // Observed holidays are all weekdays, so each one in range removes exactly one counted day.
    count -= holidaysOf(year).list.filter((h) => h > from && h <= to).length;
  }
  return count;
}

/** The n-th business day after `date` (before it when n < 0); `date` itself when n is 0. */
export function addBusinessDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`not a whole number of business days: ${n}`);
  let day = dayNumber(date);
  const step = Math.sign(n);
  for (let left = Math.abs(n); left > 0;) {
    day += step;
    if (isBusinessDayNumber(day)) left--;
  }
  return dateOf(day);
}

export function slaState(ageBusinessDays: number, slaBusinessDays: number): SlaState {
  if (ageBusinessDays < slaBusinessDays) return "within";
  return ageBusinessDays === slaBusinessDays ? "reached" : "past";
}
