"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { retryJobRun } from "@/lib/server/jobs/retry-job-run";
import { runJobNow } from "@/lib/server/jobs/run-job-now";
import { SESSION_ENDED, signedIn, text } from "./form";
import type { ActionResult } from "./result";

// The route file structure, route group included.
const JOBS_PAGE = "/[locale]/(app)/admin/jobs";

const RunNowSchema = z.object({ functionId: z.string().min(1).max(100) });
const RetrySchema = z.object({ runId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/) });

/**
 * "Run now" on /admin/jobs (OCAS administrators). `values.functionId` tells the page which function the message is
 * about; the page shows the function's name in the user's language. A failed run's error is shown in the runs table,
 * never in the message.
 */
export async function runJobNowAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const actor = await signedIn(["OCAS_ADMIN"]);
  if (!actor) return SESSION_ENDED;
  const parsed = RunNowSchema.safeParse({ functionId: text(form, "functionId") });
  if (!parsed.success) return { ok: false, messageKey: "errors.generic" };
  const { functionId } = parsed.data;

  const result = await runJobNow({ actor, functionId });
  if (!result.ok) return { ok: false, messageKey: result.reason === "forbidden" ? "errors.forbidden" : `jobs.errors.${result.reason}` };
  revalidatePath(JOBS_PAGE, "page");
  if (result.outcome === "failed") return { ok: false, messageKey: "jobs.result.failed", values: { functionId } };
  return { ok: true, messageKey: `jobs.result.${result.outcome}`, values: { functionId } };
}

/** "Retry" on a failed run (OCAS administrators). */
export async function retryJobRunAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const actor = await signedIn(["OCAS_ADMIN"]);
  if (!actor) return SESSION_ENDED;
  const parsed = RetrySchema.safeParse({ runId: text(form, "runId") });
  if (!parsed.success) return { ok: false, messageKey: "errors.generic" };
  const result = await retryJobRun({ actor, runId: parsed.data.runId });
  if (!result.ok) return { ok: false, messageKey: result.reason === "forbidden" ? "errors.forbidden" : "jobs.errors.runNotFound" };
  revalidatePath(JOBS_PAGE, "page");
  return { ok: true, messageKey: "jobs.retried" };
}
