import "server-only";
import { isOcasAdmin, type Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";

export const RECENT_RUNS_LIMIT = 50;

/** The latest background runs (in-process runner and "Run now"), newest first: OCAS administrators only. */
export async function listJobRuns(options: { actor: Pick<Actor, "role">; limit?: number }) {
  if (!isOcasAdmin(options.actor)) return [];
  return db.jobRun.findMany({
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: options.limit ?? RECENT_RUNS_LIMIT,
    select: { id: true, functionId: true, runKey: true, trigger: true, status: true, attempts: true, error: true, startedAt: true, finishedAt: true },
  });
}
