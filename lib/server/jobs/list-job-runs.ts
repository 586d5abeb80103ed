import "server-only";
import { isOcasAdmin, type Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { JOB_RUN_STATUSES, type JobRunStatus } from "./job-runs";

export const RECENT_RUNS_LIMIT = 50;

/** What the Background Jobs page filters on: waiting (due or not), retrying (failed an attempt), running, failed. */
export const RUN_VIEWS = ["all", "waiting", "retrying", "running", "failed"] as const;
export type RunView = (typeof RUN_VIEWS)[number];

const RUN_SELECT = {
  id: true,
  functionId: true,
  runKey: true,
  trigger: true,
  status: true,
  attempts: true,
  maxAttempts: true,
  error: true,
  availableAt: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
} as const;

export type JobRunListItem = Prisma.JobRunGetPayload<{ select: typeof RUN_SELECT }> & { status: JobRunStatus };

function whereOf(view: RunView): Prisma.JobRunWhereInput {
  switch (view) {
    case "all":
      return {};
    case "waiting":
      return { status: "QUEUED", attempts: 0 };
    case "retrying":
      return { status: "QUEUED", attempts: { gt: 0 } };
    case "running":
      return { status: "RUNNING" };
    case "failed":
      return { status: "FAILED" };
  }
}

/** The latest runs of the embedded runner, newest first, in one view: OCAS administrators only. */
export async function listJobRuns(options: { actor: Pick<Actor, "role">; view?: RunView; limit?: number }): Promise<JobRunListItem[]> {
  if (!isOcasAdmin(options.actor)) return [];
  const rows = await db.jobRun.findMany({
    where: whereOf(options.view ?? "all"),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit ?? RECENT_RUNS_LIMIT,
    select: RUN_SELECT,
  });
  return rows.filter((r): r is JobRunListItem => (JOB_RUN_STATUSES as readonly string[]).includes(r.status));
}

export type BackgroundBacklog = {
  /** Events written and not yet handed on, the oldest one's time, and how many failed a dispatch attempt. */
  outbox: { waiting: number; oldestAt: Date | null; failing: number };
  runs: Record<Exclude<RunView, "all">, number>;
};

/** The counts at the top of the Background Jobs page: OCAS administrators only (null for anyone else). */
export async function getBackgroundBacklog(options: { actor: Pick<Actor, "role"> }): Promise<BackgroundBacklog | null> {
  if (!isOcasAdmin(options.actor)) return null;
  const [waiting, oldest, failing, queued, retrying, running, failed] = await Promise.all([
    db.outboxEvent.count({ where: { dispatchedAt: null } }),
    db.outboxEvent.findFirst({ where: { dispatchedAt: null }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
    db.outboxEvent.count({ where: { dispatchedAt: null, attempts: { gt: 0 } } }),
    db.jobRun.count({ where: whereOf("waiting") }),
    db.jobRun.count({ where: whereOf("retrying") }),
    db.jobRun.count({ where: whereOf("running") }),
    db.jobRun.count({ where: whereOf("failed") }),
  ]);
  return { outbox: { waiting, oldestAt: oldest?.createdAt ?? null, failing }, runs: { waiting: queued, retrying, running, failed } };
}
