import "server-only";
import { db } from "@/lib/db";

// The JobRun rows of the in-process runner (lib/inngest/in-process-runner.ts): one row per (function, run key),
// whose unique constraint is the claim that makes an event or a cron tick run once, even across app instances
// sharing the database.

export const JOB_RUN_STATUSES = ["RUNNING", "SUCCEEDED", "FAILED"] as const;
export type JobRunStatus = (typeof JOB_RUN_STATUSES)[number];

const ERROR_MAX_LENGTH = 500;
const OUTPUT_MAX_LENGTH = 1_000;

/** Claims the run: its id, or null when another delivery (or another instance) already claimed it. */
export async function claimJobRun(options: { functionId: string; runKey: string; trigger: string }): Promise<string | null> {
  try {
    const row = await db.jobRun.create({
      data: { functionId: options.functionId, runKey: options.runKey, trigger: options.trigger, status: "RUNNING" },
      select: { id: true },
    });
    return row.id;
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

export async function recordJobAttempt(id: string, attempt: number) {
  await db.jobRun.update({ where: { id }, data: { attempts: attempt } });
}

export async function finishJobRun(id: string, outcome: { status: "SUCCEEDED"; output: unknown } | { status: "FAILED"; error: string }) {
  await db.jobRun.update({
    where: { id },
    data:
      outcome.status === "SUCCEEDED"
        ? { status: "SUCCEEDED", output: summarize(outcome.output), error: null, finishedAt: new Date() }
        : { status: "FAILED", error: truncate(outcome.error, ERROR_MAX_LENGTH), finishedAt: new Date() },
  });
}

/**
 * Runs still RUNNING long after they started were cut short (the process stopped mid-run): they are marked FAILED
 * so that the administration page does not show them running forever. Their events are not re-run: durable
 * delivery is what an Inngest server is for (docs/decisions/0006).
 */
export async function failInterruptedJobRuns(options: { startedBefore: Date }) {
  const { count } = await db.jobRun.updateMany({
    where: { status: "RUNNING", startedAt: { lt: options.startedBefore } },
    data: { status: "FAILED", error: "interrupted: the process stopped during the run", finishedAt: new Date() },
  });
  return count;
}

function summarize(output: unknown): string | null {
  if (output === undefined || output === null) return null;
  let text: string;
  try {
    text = JSON.stringify(output);
  } catch {
    text = String(output);
  }
  return truncate(text, OUTPUT_MAX_LENGTH);
}

function truncate(text: string, max: number) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function isUniqueViolation(error: unknown) {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002";
}
