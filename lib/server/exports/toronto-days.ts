import { businessDaysBetween, torontoDate } from "@/lib/domain/business-days";

const HOUR_MS = 3_600_000;
// Past this many distinct hours (about ten years of requests) the caches start over rather than grow.
const MAX_ENTRIES = 100_000;

/**
 * Toronto dates and business-day ages for an export, memoised: formatting a date in a time zone costs ~12 µs,
 * which alone would hold an export under 50,000 rows/s. Toronto's UTC offset only ever changes on a whole UTC
 * hour (02:00 local is 07:00 or 06:00 UTC), so every instant of one UTC hour has the same Toronto date.
 */
export function torontoDays(now: Date) {
  const dates = new Map<number, string>();
  const ages = new Map<string, number>();
  const date = (instant: Date): string => {
    const hour = Math.floor(instant.getTime() / HOUR_MS);
    let d = dates.get(hour);
    if (d === undefined) {
      if (dates.size >= MAX_ENTRIES) dates.clear();
      d = torontoDate(instant);
      dates.set(hour, d);
    }
    return d;
  };
  return {
    date,
    /** Business days from the paid instant to `now` (the age the dashboard shows). */
    age(paidAt: Date): number {
      const day = date(paidAt);
      let a = ages.get(day);
      if (a === undefined) {
        if (ages.size >= MAX_ENTRIES) ages.clear();
        a = businessDaysBetween(paidAt, now);
        ages.set(day, a);
      }
      return a;
    },
  };
}
