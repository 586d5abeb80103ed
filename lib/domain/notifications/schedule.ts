// When the notifications of contracts §8 fall due, in Toronto time: a user's digest slots (chosen weekdays at a whole
// hour), business hours for the "pending N business hours" alerts, and the instant before which a request's paid
// date puts it at or past the SLA. Pure: every function takes "now".
import { TZDate } from "@date-fns/tz";
import { addBusinessDays, isBusinessDay, startOfTorontoDay, torontoDate, TORONTO_TZ } from "@/lib/domain/business-days";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** ISO weekdays (1 = Monday … 7 = Sunday) as stored ("1,3,5"); anything else is ignored. */
export function parseDays(stored: string): number[] {
  const days = new Set<number>();
  for (const part of stored.split(",")) {
    const n = Number(part.trim());
    if (Number.isInteger(n) && n >= 1 && n <= 7) days.add(n);
  }
  return [...days].sort((a, b) => a - b);
}

export const formatDays = (days: readonly number[]): string => [...new Set(days)].sort((a, b) => a - b).join(",");

/** The whole hour of a stored "HH:00" (0–23), or null. */
export function parseHour(stored: string | null): number | null {
  const match = stored ? /^(\d{2}):00$/.exec(stored) : null;
  const hour = match ? Number(match[1]) : Number.NaN;
  return Number.isInteger(hour) && hour >= 0 && hour <= 23 ? hour : null;
}

/** ISO weekday (1–7) of a Toronto date. */
function isoWeekday(date: string): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

function previousDate(date: string): string {
  return new Date(new Date(`${date}T12:00:00Z`).getTime() - DAY_MS).toISOString().slice(0, 10);
}

/** The instant of `hour`:00 on a Toronto date (an hour that does not exist on a spring-forward day is the next one). */
export function torontoInstant(date: string, hour: number, minute = 0): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, hour, minute, 0, TORONTO_TZ).getTime());
}

/** The user's latest digest slot at or before `now`: one of the chosen weekdays at the chosen hour; null if none. */
export function latestSlot(days: readonly number[], hour: number, now: Date): Date | null {
  if (days.length === 0) return null;
  let date = torontoDate(now);
  for (let back = 0; back <= 7; back++, date = previousDate(date)) {
    if (!days.includes(isoWeekday(date))) continue;
    const slot = torontoInstant(date, hour);
    if (slot.getTime() <= now.getTime()) return slot;
  }
  return null;
}

/**
 * The digest slot due now, or null: the latest slot, when it is after the last one sent (or the moment digests were
 * turned on). Several missed slots give one digest — the latest — never several.
 */
export function dueDigestSlot(setting: { days: readonly number[]; hour: number | null; since: Date | null }, now: Date): Date | null {
  if (setting.hour === null || setting.since === null) return null;
  const slot = latestSlot(setting.days, setting.hour, now);
  return slot && slot.getTime() > setting.since.getTime() ? slot : null;
}

export type BusinessHours = { start: number; end: number };
export const DEFAULT_BUSINESS_HOURS: BusinessHours = { start: 8, end: 17 };

/** Whether `now` is within business hours (Toronto, [start, end)) on a business day. */
export function isBusinessHour(now: Date, hours: BusinessHours = DEFAULT_BUSINESS_HOURS): boolean {
  const date = torontoDate(now);
  if (!isBusinessDay(date)) return false;
  const t = now.getTime();
  return t >= torontoInstant(date, hours.start).getTime() && t < torontoInstant(date, hours.end).getTime();
}

/** Business time between two instants, in minutes (whole business hours on business days, Toronto). */
export function businessMinutesBetween(from: Date, to: Date, hours: BusinessHours = DEFAULT_BUSINESS_HOURS): number {
  if (to.getTime() <= from.getTime()) return 0;
  let total = 0;
  for (let date = torontoDate(to); ; date = previousDate(date)) {
    const open = torontoInstant(date, hours.start).getTime();
    const close = torontoInstant(date, hours.end).getTime();
    if (close <= from.getTime()) break;
    if (isBusinessDay(date)) total += Math.max(0, Math.min(close, to.getTime()) - Math.max(open, from.getTime()));
  }
  return Math.floor(total / MINUTE_MS);
}

/**
 * The latest instant from which `now` is at least `n` business hours away: a request waiting since then (or before)
 * has been pending n business hours or more.
 */
export function businessHoursCutoff(now: Date, n: number, hours: BusinessHours = DEFAULT_BUSINESS_HOURS): Date {
  let left = n * HOUR_MS;
  for (let date = torontoDate(now); ; date = previousDate(date)) {
    if (!isBusinessDay(date)) continue;
    const open = torontoInstant(date, hours.start).getTime();
    const close = Math.min(torontoInstant(date, hours.end).getTime(), now.getTime());
    if (close <= open) continue;
    if (close - open >= left) return new Date(close - left);
    left -= close - open;
  }
}

/**
 * The instant before which a request's paid date puts it at or past `sla` business days now: its age (business days
 * after the paid date, up to today, lib/domain/business-days.ts) is `sla` or more exactly when paidAt < the cutoff.
 */
export function slaCutoff(now: Date, sla: number): Date {
  const today = torontoDate(now);
  if (sla <= 0) return new Date(startOfTorontoDay(today).getTime() + DAY_MS * 2);
  // The sla-th latest business day up to today: a request paid on the day before it is `sla` business days old.
  const latest = isBusinessDay(today) ? today : addBusinessDays(today, -1);
  return startOfTorontoDay(addBusinessDays(latest, -(sla - 1)));
}

/** The quarter hour an instant falls in (the pending alerts' slot): 10:07 → 10:00, in UTC. */
export function quarterHourOf(now: Date): Date {
  return new Date(Math.floor(now.getTime() / (15 * MINUTE_MS)) * 15 * MINUTE_MS);
}
