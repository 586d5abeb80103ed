import "server-only";
import { db } from "@/lib/db";
import { summarizeOutput, truncate } from "@/lib/domain/job-text";

// The JobRun rows of the embedded runner (lib/inngest/runner.ts, docs/decisions/0011). A run is QUEUED when its event
// is dispatched or its cron tick falls due; a runner process claims it under a lease (RUNNING, leaseOwner,
// leaseUntil) and renews the lease while it works; the run ends SUCCEEDED, goes back to QUEUED for a retry after its
// back-off, or ends FAILED. A run whose lease expired (its process died) is claimed again by any runner.

export const JOB_RUN_STATUSES = ["QUEUED", "RUNNING", "SUCCEEDED", "FAILED"] as const;
export type JobRunStatus = (typeof JOB_RUN_STATUSES)[number];

const ERROR_MAX_LENGTH = 500;
export const INTERRUPTED = "interrupted: the process stopped during the run";

export type ClaimedRun = {
  id: string;
  functionId: string;
  runKey: string;
  eventName: string;
  eventData: Record<string, unknown>;
  eventTs: Date | null;
  /** This attempt's number, from 1. */
  attempt: number;
  maxAttempts: number;
  /** Results of the steps that finished in earlier attempts, by step id. */
  steps: Record<string, unknown>;
};

const CLAIM_SELECT = {
  id: true,
  functionId: true,
  runKey: true,
  status: true,
  eventName: true,
  eventData: true,
  eventTs: true,
  concurrencyKey: true,
  attempts: true,
  maxAttempts: true,
  steps: true,
  startedAt: true,
} as const;

/**
 * Claims up to `limit` runs this process may start now: QUEUED runs that are due, and RUNNING runs whose lease
 * expired. A run of a function with a concurrency limit is claimed only while fewer than `limit` runs of its key hold
 * a lease; when two instances claim at once, the earliest claims keep their slot and the others give theirs back.
 * A run interrupted once too often ends FAILED instead of running again.
 */
export async function claimRuns(options: {
  owner: string;
  leaseMs: number;
  limit: number;
  functionIds: readonly string[];
  concurrencyLimitOf: (functionId: string) => number | null;
  now?: Date;
}): Promise<ClaimedRun[]> {
  const now = options.now ?? new Date();
  if (options.limit <= 0 || options.functionIds.length === 0) return [];
  const candidates = await db.jobRun.findMany({
    where: {
      functionId: { in: [...options.functionIds] },
      OR: [
        { status: "QUEUED", availableAt: { lte: now } },
        { status: "RUNNING", leaseUntil: { lt: now } },
      ],
    },
    orderBy: [{ availableAt: "asc" }, { id: "asc" }],
    take: Math.max(options.limit * 4, 20),
    select: CLAIM_SELECT,
  });
  if (candidates.length === 0) return [];

  const keys = [...new Set(candidates.map((c) => c.concurrencyKey).filter((k): k is string => k !== null))];
  const holding = new Map<string, number>();
  if (keys.length > 0) {
    const groups = await db.jobRun.groupBy({
      by: ["concurrencyKey"],
      where: { concurrencyKey: { in: keys }, status: "RUNNING", leaseUntil: { gte: now } },
      _count: { _all: true },
    });
    for (const g of groups) if (g.concurrencyKey) holding.set(g.concurrencyKey, g._count._all);
  }

  const claimed: ClaimedRun[] = [];
  for (const c of candidates) {
    if (claimed.length >= options.limit) break;
    const limit = c.concurrencyKey ? options.concurrencyLimitOf(c.functionId) : null;
    if (c.concurrencyKey && limit !== null && (holding.get(c.concurrencyKey) ?? 0) >= limit) continue;
    const interrupted = c.status === "RUNNING";
    if (interrupted && c.attempts >= c.maxAttempts) {
      await db.jobRun.updateMany({
        where: { id: c.id, status: "RUNNING", attempts: c.attempts, leaseUntil: { lt: now } },
        data: { status: "FAILED", error: INTERRUPTED, leaseOwner: null, leaseUntil: null, finishedAt: now },
      });
      continue;
    }
    const taken = await db.jobRun.updateMany({
      where: interrupted
        ? { id: c.id, status: "RUNNING", attempts: c.attempts, leaseUntil: { lt: now } }
        : { id: c.id, status: "QUEUED", attempts: c.attempts },
      data: {
        status: "RUNNING",
        leaseOwner: options.owner,
        leaseUntil: new Date(now.getTime() + options.leaseMs),
        claimedAt: now,
        attempts: c.attempts + 1,
        startedAt: c.startedAt ?? now,
        ...(interrupted ? { error: INTERRUPTED } : {}),
      },
    });
    if (taken.count !== 1) continue;
    if (c.concurrencyKey && limit !== null) {
      holding.set(c.concurrencyKey, (holding.get(c.concurrencyKey) ?? 0) + 1);
      if (!(await keepsSlot(c.id, c.concurrencyKey, limit, now))) {
        await db.jobRun.updateMany({
          where: { id: c.id, leaseOwner: options.owner },
          data: { status: "QUEUED", attempts: c.attempts, leaseOwner: null, leaseUntil: null, claimedAt: null },
        });
        holding.set(c.concurrencyKey, (holding.get(c.concurrencyKey) ?? 1) - 1);
        continue;
      }
    }
    claimed.push({
      id: c.id,
      functionId: c.functionId,
      runKey: c.runKey,
      eventName: c.eventName,
      eventData: parseObject(c.eventData),
      eventTs: c.eventTs,
      attempt: c.attempts + 1,
      maxAttempts: c.maxAttempts,
      steps: parseObject(c.steps),
    });
  }
  return claimed;
}

/** Whether a run just claimed is among the `limit` earliest claims of its key (another instance may have claimed too). */
async function keepsSlot(id: string, concurrencyKey: string, limit: number, now: Date) {
  const holders = await db.jobRun.findMany({
    where: { concurrencyKey, status: "RUNNING", leaseUntil: { gte: now } },
    orderBy: [{ claimedAt: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true },
  });
  return holders.some((h) => h.id === id);
}

/**
 * Extends the leases of the runs this process is working on; returns the ids of those it still holds (a run missing
 * from them has ended, or another process took it over).
 */
export async function renewLeases(options: { owner: string; ids: readonly string[]; leaseMs: number; now?: Date }): Promise<string[]> {
  if (options.ids.length === 0) return [];
  const now = options.now ?? new Date();
  const held = await db.jobRun.updateManyAndReturn({
    where: { id: { in: [...options.ids] }, leaseOwner: options.owner, status: "RUNNING" },
    data: { leaseUntil: new Date(now.getTime() + options.leaseMs) },
    select: { id: true },
  });
  return held.map((run) => run.id);
}

/** Records the results of the steps finished so far, so that a retry or a takeover does not run them again. */
export async function saveRunSteps(options: { id: string; owner: string; steps: Record<string, unknown> }) {
  await db.jobRun.updateMany({ where: { id: options.id, leaseOwner: options.owner, status: "RUNNING" }, data: { steps: JSON.stringify(options.steps) } });
}

export type AttemptOutcome = { ok: true; output: unknown } | { ok: false; error: string; retriable: boolean; retryAt: Date };

/**
 * Ends an attempt of a run this process holds: SUCCEEDED, QUEUED again for a retry at `retryAt`, or FAILED when the
 * error cannot be fixed by retrying or the attempts are used up. Returns the new status, or null when the lease was
 * lost meanwhile (another process took the run over: it decides).
 */
export async function finishAttempt(options: {
  run: Pick<ClaimedRun, "id" | "attempt" | "maxAttempts">;
  owner: string;
  outcome: AttemptOutcome;
  now?: Date;
}): Promise<JobRunStatus | null> {
  const now = options.now ?? new Date();
  const { run, outcome } = options;
  const where = { id: run.id, leaseOwner: options.owner, status: "RUNNING" };
  const released = { leaseOwner: null, leaseUntil: null, claimedAt: null };
  let status: JobRunStatus;
  let data;
  if (outcome.ok) {
    status = "SUCCEEDED";
    data = { ...released, status, output: summarizeOutput(outcome.output), error: null, finishedAt: now };
  } else if (outcome.retriable && run.attempt < run.maxAttempts) {
    status = "QUEUED";
    data = { ...released, status, error: truncate(outcome.error, ERROR_MAX_LENGTH), availableAt: outcome.retryAt };
  } else {
    status = "FAILED";
    data = { ...released, status, error: truncate(outcome.error, ERROR_MAX_LENGTH), finishedAt: now };
  }
  const { count } = await db.jobRun.updateMany({ where, data });
  return count === 1 ? status : null;
}

/** The latest run of a function for a run key (an event id, or `cron:<tick>`), for "Run now" to wait on. */
export async function findRun(functionId: string, runKey: string) {
  return db.jobRun.findUnique({
    where: { functionId_runKey: { functionId, runKey } },
    select: { id: true, status: true, error: true, attempts: true },
  });
}

/** Whether a QUEUED or RUNNING run, or an event not yet dispatched, is about `subject` (the reconciler asks). */
export async function workInFlight(subject: string): Promise<boolean> {
  // The events first, then the runs: an event is marked dispatched in the transaction that creates its runs, so one
  // dispatched between the two reads is still seen, as its run. Read at once, both could miss it.
  if ((await db.outboxEvent.count({ where: { subject, dispatchedAt: null } })) > 0) return true;
  return (await db.jobRun.count({ where: { subject, status: { in: ["QUEUED", "RUNNING"] } } })) > 0;
}

function parseObject(text: string | null): Record<string, unknown> {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Outbox events not yet dispatched and runs not yet ended (of `functionIds`): for tests and shutdown to wait on. */
export async function countPendingWork(functionIds: readonly string[]): Promise<{ events: number; runs: number }> {
  const [events, runs] = await Promise.all([
    db.outboxEvent.count({ where: { dispatchedAt: null } }),
    db.jobRun.count({ where: { functionId: { in: [...functionIds] }, status: { in: ["QUEUED", "RUNNING"] } } }),
  ]);
  return { events, runs };
}
