"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actorOrThrow, NotSignedInError } from "@/lib/auth/guard";
import { runJobNow } from "@/lib/server/jobs/run-job-now";
import type { ActionResult } from "./result";

// The route file structure, route group included.
const JOBS_PAGE = "/[locale]/(app)/admin/jobs";

const RunNowSchema = z.object({ functionId: z.string().min(1).max(100) });

/**
 * "Run now" on /admin/jobs (OCAS administrators). `values.functionId` tells the page which function the message is
 * about; the page shows the function's name in the user's language.
 */
export async function runJobNowAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  let actor;
  try {
    actor = await actorOrThrow(["OCAS_ADMIN"]);
  } catch (error) {
    if (error instanceof NotSignedInError) return { ok: false, messageKey: "errors.forbidden" };
    throw error;
  }
  const parsed = RunNowSchema.safeParse({ functionId: form.get("functionId") });
  if (!parsed.success) return { ok: false, messageKey: "errors.generic" };
  const { functionId } = parsed.data;

  const result = await runJobNow({ actor, functionId });
  if (!result.ok) return { ok: false, messageKey: result.reason === "forbidden" ? "errors.forbidden" : `jobs.errors.${result.reason}` };
  revalidatePath(JOBS_PAGE, "page");
  if (result.outcome === "failed") return { ok: false, messageKey: "jobs.result.failed", values: { functionId, error: result.error } };
  return { ok: true, messageKey: `jobs.result.${result.outcome}`, values: { functionId } };
}
