import { Cron } from "croner";
import type { JobSchedule } from "@/lib/server/jobs/catalogue";

// Cron expressions of the functions, read by croner, with Inngest's optional time-zone prefix
// ("TZ=America/Toronto 0 6 * * *"). Five fields as Inngest has them (six, with seconds, are accepted for tests).
// Day-of-month and day-of-week restricted together mean either, as in Vixie cron and Inngest. Times are wall-clock
// times in the zone; on a spring-forward day a skipped time runs at the first valid minute after it, and on a
// fall-back day a repeated time runs once (docs/decisions/0011).

export class CronSyntaxError extends Error {
  constructor(expression: string, why: string) {
    super(`invalid cron expression "${expression}": ${why}`);
    this.name = "CronSyntaxError";
  }
}

export type CronSchedule = JobSchedule & {
  /** The expression without its time-zone prefix. */
  pattern: string;
  /** The latest scheduled instant at or before `at`. */
  previous(at: Date): Date | null;
};

export function parseCron(expression: string): CronSchedule {
  let pattern = expression.trim();
  let timeZone = "UTC";
  const tz = /^(?:CRON_)?TZ=(\S+)\s+/.exec(pattern);
  if (tz) {
    timeZone = tz[1]!;
    pattern = pattern.slice(tz[0].length).trim();
  }
  try {
    new Intl.DateTimeFormat("en-CA", { timeZone });
  } catch {
    throw new CronSyntaxError(expression, `unknown time zone ${timeZone}`);
  }
  let cron: Cron;
  try {
    cron = new Cron(pattern, { timezone: timeZone, paused: true, mode: "5-or-6-parts" });
  } catch (error) {
    throw new CronSyntaxError(expression, error instanceof Error ? error.message : String(error));
  }
  return {
    expression,
    pattern,
    timeZone,
    next: (after) => cron.nextRun(after),
    previous: (at) => cron.previousRuns(1, new Date(at.getTime() + 1))[0] ?? null,
  };
}
