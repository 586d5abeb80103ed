import "server-only";
import { isOcasAdmin, type Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { scheduledJobs } from "./catalogue";

export type ScheduledJob = {
  functionId: string;
  /** The function's `name` option: the fallback label when the messages have none. */
  name: string;
  nextRunAt: Date | null;
  lastRun: { status: string; startedAt: Date; finishedAt: Date | null } | null;
};

/** The scheduled functions (cron triggers) with their next run and latest recorded run: OCAS administrators only. */
export async function listScheduledJobs(options: { actor: Pick<Actor, "role">; now?: Date }): Promise<ScheduledJob[]> {
  if (!isOcasAdmin(options.actor)) return [];
  const now = options.now ?? new Date();
  const scheduled = scheduledJobs();
  const lastRuns = await Promise.all(
    scheduled.map((s) =>
      db.jobRun.findFirst({
        where: { functionId: s.id },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: { status: true, createdAt: true, finishedAt: true },
      }),
    ),
  );
  return scheduled.map((s, i) => {
    const nextRuns = s.schedules.map((c) => c.next(now)).filter((d): d is Date => d !== null);
    const last = lastRuns[i];
    return {
      functionId: s.id,
      name: s.name,
      nextRunAt: nextRuns.length > 0 ? new Date(Math.min(...nextRuns.map((d) => d.getTime()))) : null,
      lastRun: last ? { status: last.status, startedAt: last.createdAt, finishedAt: last.finishedAt } : null,
    };
  });
}
