import "server-only";
import { functions } from "@/inngest/index";
import { isOcasAdmin, type Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { scheduledFunctions } from "@/lib/inngest/scheduler";

export type ScheduledJob = {
  functionId: string;
  /** The function's `name` option: the fallback label when the messages have none. */
  name: string;
  schedules: { expression: string; timeZone: string }[];
  nextRunAt: Date | null;
  lastRun: { status: string; startedAt: Date; finishedAt: Date | null } | null;
};

/** The scheduled functions (cron triggers) with their next run and latest recorded run: OCAS administrators only. */
export async function listScheduledJobs(options: { actor: Pick<Actor, "role">; now?: Date }): Promise<ScheduledJob[]> {
  if (!isOcasAdmin(options.actor)) return [];
  const now = options.now ?? new Date();
  const scheduled = scheduledFunctions(functions);
  const lastRuns = await Promise.all(
    scheduled.map((s) =>
      db.jobRun.findFirst({
        where: { functionId: s.functionId },
        orderBy: { startedAt: "desc" },
        select: { status: true, startedAt: true, finishedAt: true },
      }),
    ),
  );
  return scheduled.map((s, i) => {
    const nextRuns = s.schedules.map((c) => c.next(now)).filter((d): d is Date => d !== null);
    return {
      functionId: s.functionId,
      name: s.fn.name,
      schedules: s.schedules.map((c) => ({ expression: c.expression.replace(/^(?:CRON_)?TZ=\S+\s+/, ""), timeZone: c.timeZone })),
      nextRunAt: nextRuns.length > 0 ? new Date(Math.min(...nextRuns.map((d) => d.getTime()))) : null,
      lastRun: lastRuns[i] ?? null,
    };
  });
}
