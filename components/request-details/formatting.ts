import type { getFormatter } from "next-intl/server";

type Formatter = Awaited<ReturnType<typeof getFormatter>>;

/** A calendar date (YYYY-MM-DD, e.g. a date of birth) in the page's language; it has no time zone. */
export function calendarDate(format: Formatter, value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(date.getTime()) ? value : format.dateTime(date, { dateStyle: "long", timeZone: "UTC" });
}

/** A year and month (YYYY-MM), e.g. Last Attended. */
export function yearMonth(format: Formatter, value: string): string {
  const [y, m] = value.split("-").map(Number);
  return y && m ? format.dateTime(new Date(Date.UTC(y, m - 1, 15)), { year: "numeric", month: "long", timeZone: "UTC" }) : value;
}

/** An instant, in Toronto time (the request configuration's time zone). */
export function dateTime(format: Formatter, value: Date): string {
  return format.dateTime(value, { dateStyle: "medium", timeStyle: "short" });
}

/** A day such as a send-after date, in Toronto time. */
export function longDate(format: Formatter, value: Date): string {
  return format.dateTime(value, { dateStyle: "long" });
}
