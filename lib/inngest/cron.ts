// A small cron matcher for the in-process scheduler: the five standard fields, with Inngest's optional time-zone
// prefix ("TZ=America/Toronto 0 6 * * *"). No cron library is installed, and Inngest's own parser runs on its
// server, not in the SDK.
//
// Semantics follow Vixie cron: `*`, lists, ranges, steps, month and weekday names, 0 or 7 for Sunday, and when
// both day-of-month and day-of-week are restricted a day matching either runs. Times are wall-clock times in the
// zone: a time skipped by a daylight-saving change does not run that day, a repeated one runs twice (two
// different instants, so two different run keys).

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

type FieldSpec = { name: string; min: number; max: number; names?: readonly string[]; namesStart?: number };

const FIELDS: readonly FieldSpec[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: MONTHS, namesStart: 1 },
  { name: "day of week", min: 0, max: 7, names: WEEKDAYS, namesStart: 0 },
];

const MINUTE_MS = 60_000;
// A schedule that matches nothing within this horizon (e.g. "0 0 31 2 *") has no next run.
const SEARCH_HORIZON_MS = 2 * 366 * 24 * 60 * MINUTE_MS;

export class CronSyntaxError extends Error {
  constructor(expression: string, why: string) {
    super(`invalid cron expression "${expression}": ${why}`);
    this.name = "CronSyntaxError";
  }
}

export type CronSchedule = {
  expression: string;
  timeZone: string;
  /** Whether the minute containing `instant` is a scheduled minute. */
  matches(instant: Date): boolean;
  /** The first scheduled minute strictly after `instant`, or null when none comes within two years. */
  next(instant: Date): Date | null;
};

type LocalTime = { minute: number; hour: number; day: number; month: number; weekday: number };

export function parseCron(expression: string): CronSchedule {
  let rest = expression.trim();
  let timeZone = "UTC";
  const tz = /^(?:CRON_)?TZ=(\S+)\s+/.exec(rest);
  if (tz) {
    timeZone = tz[1]!;
    rest = rest.slice(tz[0].length);
  }
  const localTime = localTimeIn(timeZone, expression);
  const parts = rest.split(/\s+/);
  if (parts.length !== 5) throw new CronSyntaxError(expression, `expected 5 fields, found ${parts.length}`);
  const [minutes, hours, days, months, weekdays] = parts.map((part, i) => parseField(part, FIELDS[i]!, expression)) as [
    Field,
    Field,
    Field,
    Field,
    Field,
  ];
  // Sunday is both 0 and 7.
  if (weekdays.values.has(7)) weekdays.values.add(0);

  const dayMatches = (t: LocalTime) => {
    if (!months.values.has(t.month)) return false;
    const dom = days.values.has(t.day);
    const dow = weekdays.values.has(t.weekday);
    if (days.wildcard || weekdays.wildcard) return dom && dow;
    return dom || dow;
  };

  const matchesLocal = (t: LocalTime) => dayMatches(t) && hours.values.has(t.hour) && minutes.values.has(t.minute);

  return {
    expression,
    timeZone,
    matches: (instant) => matchesLocal(localTime(floorToMinute(instant))),
    next(instant) {
      const end = instant.getTime() + SEARCH_HORIZON_MS;
      let t = floorToMinute(instant).getTime() + MINUTE_MS;
      while (t <= end) {
        const local = localTime(new Date(t));
        if (matchesLocal(local)) return new Date(t);
        // Skip ahead to the next local hour when this hour cannot match; minute by minute otherwise. Jumping to the
        // next hour is exact whatever the zone's offset, because it is computed from the local minute.
        t += !dayMatches(local) || !hours.values.has(local.hour) ? (60 - local.minute) * MINUTE_MS : MINUTE_MS;
      }
      return null;
    },
  };
}

export function floorToMinute(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / MINUTE_MS) * MINUTE_MS);
}

type Field = { values: Set<number>; wildcard: boolean };

function parseField(text: string, spec: FieldSpec, expression: string): Field {
  const values = new Set<number>();
  const fail = (why: string): never => {
    throw new CronSyntaxError(expression, `${spec.name} "${text}": ${why}`);
  };
  const value = (token: string): number => {
    const upper = token.toUpperCase();
    const named = spec.names?.indexOf(upper) ?? -1;
    if (named !== -1) return named + (spec.namesStart ?? 0);
    if (!/^\d+$/.test(token)) fail(`"${token}" is not a number`);
    const n = Number(token);
    if (n < spec.min || n > spec.max) fail(`${n} is outside ${spec.min}-${spec.max}`);
    return n;
  };
  for (const item of text.split(",")) {
    const [range, stepText, extra] = item.split("/");
    if (extra !== undefined || range === undefined || range === "") fail("malformed item");
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) === 0) fail(`step "${stepText}" must be a positive number`);
      step = Number(stepText);
    }
    let from: number;
    let to: number;
    if (range === "*") {
      from = spec.min;
      to = spec.max === 7 ? 6 : spec.max;
    } else if (range!.includes("-")) {
      const [a, b, more] = range!.split("-");
      if (more !== undefined || !a || !b) fail("malformed range");
      from = value(a!);
      to = value(b!);
      if (from > to) fail(`range ${from}-${to} is reversed`);
    } else {
      from = value(range!);
      // "5/15" means from 5 to the end, every 15.
      to = stepText !== undefined ? spec.max : from;
    }
    for (let n = from; n <= to; n += step) values.add(n);
  }
  return { values, wildcard: text === "*" || text.startsWith("*/") };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function localTimeIn(timeZone: string, expression: string): (instant: Date) => LocalTime {
  let format = formatters.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        weekday: "short",
      });
    } catch {
      throw new CronSyntaxError(expression, `unknown time zone "${timeZone}"`);
    }
    formatters.set(timeZone, format);
  }
  const f = format;
  return (instant) => {
    const parts: Record<string, string> = {};
    for (const p of f.formatToParts(instant)) parts[p.type] = p.value;
    return {
      minute: Number(parts.minute),
      hour: Number(parts.hour),
      day: Number(parts.day),
      month: Number(parts.month),
      weekday: WEEKDAYS.indexOf((parts.weekday ?? "").toUpperCase()),
    };
  };
}
