"use server";

import { revalidatePath } from "next/cache";
import { retryJobRun } from "@/lib/server/jobs/retry-job-run";
import { runJobNow } from "@/lib/server/jobs/run-job-now";
import { FORBIDDEN, formAction } from "./pipeline";

// The route file structure, route group included.
const JOBS_PAGE = "/[locale]/(app)/admin/jobs";

/**
 * "Run Now" on /admin/jobs (OCAS administrators). `values.functionId` tells the page which function the message is
 * about; the page shows the function's name in the user's language. A failed run's error is shown in the runs table,
 * never in the message.
 */
export const runJobNowAction = formAction({ roles: ["OCAS_ADMIN"], fields: ["functionId"] }, async ({ functionId }, { actor }) => {
  const result = await runJobNow({ actor, functionId });
  if (!result.ok) return result.reason === "forbidden" ? FORBIDDEN : { ok: false, messageKey: `jobs.errors.${result.reason}` };
  revalidatePath(JOBS_PAGE, "page");
  if (result.outcome === "failed") return { ok: false, messageKey: "jobs.result.failed", values: { functionId } };
  return { ok: true, messageKey: `jobs.result.${result.outcome}`, values: { functionId } };
});

/** "Retry" on a failed run (OCAS administrators). */
export const retryJobRunAction = formAction({ roles: ["OCAS_ADMIN"], fields: ["runId"] }, async ({ runId }, { actor }) => {
  const result = await retryJobRun({ actor, runId });
  if (!result.ok) return result.reason === "forbidden" ? FORBIDDEN : { ok: false, messageKey: "jobs.errors.runNotFound" };
  revalidatePath(JOBS_PAGE, "page");
  return { ok: true, messageKey: "jobs.retried" };
});
