import "server-only";
import { isOcasAdmin, type Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { signalBackgroundWork } from "./signal";

const RUN_ID = /^[A-Za-z0-9_-]{1,100}$/;

export type RetryJobRunResult = { ok: true; functionId: string } | { ok: false; reason: "forbidden" | "notFound" };

/**
 * "Retry" on a failed run (/admin/jobs, OCAS administrators): the run is queued again with all its attempts, and
 * keeps the results of the steps that had finished, so only what failed runs again. Only a FAILED run can be retried:
 * two administrators clicking at once queue it once.
 */
export async function retryJobRun(options: { actor: Pick<Actor, "role" | "username">; runId: string; now?: Date }): Promise<RetryJobRunResult> {
  if (!isOcasAdmin(options.actor)) return { ok: false, reason: "forbidden" };
  if (!RUN_ID.test(options.runId)) return { ok: false, reason: "notFound" };
  const now = options.now ?? new Date();
  const run = await db.jobRun.findUnique({ where: { id: options.runId }, select: { functionId: true } });
  if (!run) return { ok: false, reason: "notFound" };
  const { count } = await db.jobRun.updateMany({
    where: { id: options.runId, status: "FAILED" },
    data: { status: "QUEUED", attempts: 0, availableAt: now, finishedAt: null, trigger: `retry:${options.actor.username}` },
  });
  if (count !== 1) return { ok: false, reason: "notFound" };
  signalBackgroundWork();
  return { ok: true, functionId: run.functionId };
}
