// Dates of the demo, relative to "today", so that ages (business days since payment) stay the same whatever day
// the seed runs.
import { TZDate } from "@date-fns/tz";
import { addBusinessDays, isBusinessDay, TORONTO_TZ, torontoDate } from "@/lib/domain/business-days";

const MINUTE = 60_000;
const DAY_MS = 86_400_000;

/** The instant of a Toronto wall-clock time on a Toronto date. */
export function torontoInstant(date: string, minutesOfDay: number): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const t = new TZDate(y, m - 1, d, Math.floor(minutesOfDay / 60), minutesOfDay % 60, 0, TORONTO_TZ);
  return new Date(t.getTime());
}

/** `date` plus `days` calendar days (YYYY-MM-DD). */
export function addCalendarDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

export class DemoClock {
  readonly today: Date;
  readonly todayDate: string;
  /** The last business day on or before today: requests are paid on business days. */
  readonly anchor: string;

  constructor(today: Date) {
    this.today = today;
    this.todayDate = torontoDate(today);
    this.anchor = isBusinessDay(this.todayDate) ? this.todayDate : addBusinessDays(this.todayDate, -1);
  }

  /** The Toronto date that is `age` business days before today. */
  paidDate(age: number): string {
    return addBusinessDays(this.anchor, -age);
  }

  /**
   * When a request `age` business days old was paid, at a fixed time of day. A time later than now today (age 0
   * early in the morning) is moved to just before now, so no payment is in the future.
   */
  paidAt(age: number, minutesOfDay: number, index: number): Date {
    const at = torontoInstant(this.paidDate(age), minutesOfDay);
    const latest = this.today.getTime() - ((index % 50) + 1) * MINUTE;
    return at.getTime() <= latest ? at : new Date(latest);
  }

  /** Midnight (Toronto) at the start of `date`. */
  startOf(date: string): Date {
    return torontoInstant(date, 0);
  }

  /** An instant between `from` and now: `fraction` of the way, never later than a minute ago. */
  between(from: Date, fraction: number): Date {
    const end = this.today.getTime() - MINUTE;
    if (from.getTime() >= end) return new Date(from.getTime() + 1000);
    return new Date(Math.round(from.getTime() + (end - from.getTime()) * fraction));
  }

  /** `minutes` after `from`, capped a few seconds before now when that is later. */
  after(from: Date, minutes: number): Date {
    const t = from.getTime() + minutes * MINUTE;
    const cap = Math.max(from.getTime() + 1000, this.today.getTime() - 1000);
    return new Date(Math.min(t, cap));
  }
}
