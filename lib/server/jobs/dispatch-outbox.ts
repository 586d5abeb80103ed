import "server-only";
import { db } from "@/lib/db";
import { MANUAL_EVENT_PATTERN } from "@/lib/domain/events";
import { isUniqueViolation } from "@/lib/db-errors";
import { truncate } from "@/lib/domain/job-text";

// The dispatcher's verbs (contracts §6, docs/decisions/0011): each takes the oldest outbox rows that are due and hands
// them on — to the embedded runner as JobRun rows, written in the same transaction that marks the rows dispatched, or
// to an Inngest server (`inngest.send` with the row id as the event id, so that a send repeated after a crash is
// deduplicated there).

export const DISPATCH_BATCH = 500;

/** Which functions run for an event, as the embedded runner knows them (lib/inngest/functions-info.ts). */
export type RunRoute = {
  functionId: string;
  maxAttempts: number;
  /** The function's concurrency key for this event's data ("<functionId>:<value>"), or null when it has none. */
  concurrencyKey: (data: Record<string, unknown>) => string | null;
};

export type OutboxRow = { id: string; name: string; data: string; subject: string | null; createdAt: Date; attempts: number };

class DispatchConflict extends Error {}

function dueRows(now: Date, limit: number) {
  return {
    where: { dispatchedAt: null, availableAt: { lte: now } },
    orderBy: [{ createdAt: "asc" as const }, { id: "asc" as const }],
    take: limit,
    select: { id: true, name: true, data: true, subject: true, createdAt: true, attempts: true },
  };
}

/** How a run says what started it (the Background Jobs page translates it). */
export function triggerOf(row: Pick<OutboxRow, "id" | "name" | "data">): string {
  if (MANUAL_EVENT_PATTERN.test(row.name)) {
    const requestedBy = parseData(row.data).requestedBy;
    return `manual:${typeof requestedBy === "string" ? requestedBy : ""}`;
  }
  return row.id.includes(":repair-") ? `repair:${row.name}` : `event:${row.name}`;
}

/**
 * Embedded: turns up to `limit` due outbox rows into QUEUED runs of the functions that listen to them, in one
 * transaction. Two dispatchers (two app instances) never both take a row: the second one's conditional update finds
 * it taken and its whole transaction rolls back. Returns how many rows were dispatched.
 */
export async function dispatchOutboxToRuns(options: { routesFor: (eventName: string) => readonly RunRoute[]; limit?: number; now?: Date }): Promise<number> {
  const now = options.now ?? new Date();
  const limit = options.limit ?? DISPATCH_BATCH;
  try {
    return await db.$transaction(async (tx) => {
      const rows = await tx.outboxEvent.findMany(dueRows(now, limit));
      if (rows.length === 0) return 0;
      const taken = await tx.outboxEvent.updateMany({
        where: { id: { in: rows.map((r) => r.id) }, dispatchedAt: null },
        data: { dispatchedAt: now, attempts: { increment: 1 }, lastError: null },
      });
      if (taken.count !== rows.length) throw new DispatchConflict();
      const runs = rows.flatMap((row) => runsOf(row, options.routesFor, now));
      if (runs.length > 0) await tx.jobRun.createMany({ data: runs });
      return rows.length;
    });
  } catch (error) {
    // Another dispatcher took some of the rows meanwhile: the next pass reads what is left.
    if (error instanceof DispatchConflict) return 0;
    // A run for one of these events exists already (an event id written again after its row was pruned): row by row.
    if (isUniqueViolation(error)) return dispatchOneByOne(options.routesFor, limit, now);
    throw error;
  }
}

function runsOf(row: OutboxRow, routesFor: (eventName: string) => readonly RunRoute[], now: Date) {
  const data = parseData(row.data);
  const trigger = triggerOf(row);
  return routesFor(row.name).map((route) => ({
    functionId: route.functionId,
    runKey: row.id,
    trigger,
    status: "QUEUED",
    eventName: row.name,
    eventData: row.data,
    eventTs: row.createdAt,
    subject: row.subject,
    concurrencyKey: route.concurrencyKey(data),
    maxAttempts: route.maxAttempts,
    availableAt: now,
    createdAt: now,
  }));
}

/** The slow path: each row in its own transaction, skipping the runs that exist (the claim of an event id). */
async function dispatchOneByOne(routesFor: (eventName: string) => readonly RunRoute[], limit: number, now: Date): Promise<number> {
  const rows = await db.outboxEvent.findMany(dueRows(now, limit));
  let dispatched = 0;
  for (const row of rows) {
    const done = await db.$transaction(async (tx) => {
      const taken = await tx.outboxEvent.updateMany({
        where: { id: row.id, dispatchedAt: null },
        data: { dispatchedAt: now, attempts: { increment: 1 }, lastError: null },
      });
      if (taken.count !== 1) return false;
      for (const run of runsOf(row, routesFor, now)) {
        const exists = await tx.jobRun.findUnique({ where: { functionId_runKey: { functionId: run.functionId, runKey: run.runKey } }, select: { id: true } });
        if (!exists) await tx.jobRun.create({ data: run });
      }
      return true;
    });
    if (done) dispatched++;
  }
  return dispatched;
}

/**
 * With an Inngest server: sends up to `limit` due rows, then marks them dispatched. A failed send leaves them for a
 * later attempt with back-off; a crash between the send and the mark sends them again, with the same ids.
 */
export async function dispatchOutboxToInngest(options: {
  send: (events: { id: string; name: string; data: Record<string, unknown>; ts: number }[]) => Promise<unknown>;
  limit?: number;
  now?: Date;
}): Promise<number> {
  const now = options.now ?? new Date();
  const rows = await db.outboxEvent.findMany(dueRows(now, options.limit ?? DISPATCH_BATCH));
  if (rows.length === 0) return 0;
  try {
    await options.send(rows.map((r) => ({ id: r.id, name: r.name, data: parseData(r.data), ts: r.createdAt.getTime() })));
  } catch (error) {
    const message = truncate(error instanceof Error ? `${error.name}: ${error.message}` : String(error), 500);
    // The SDK itself retries for a while before it gives up: the back-off counts from the failure.
    const failedAt = Math.max(Date.now(), now.getTime());
    await db.$transaction(
      rows.map((r) =>
        db.outboxEvent.update({
          where: { id: r.id },
          data: { attempts: r.attempts + 1, lastError: message, availableAt: new Date(failedAt + dispatchBackoffMs(r.attempts + 1)) },
        }),
      ),
    );
    throw error;
  }
  await db.outboxEvent.updateMany({ where: { id: { in: rows.map((r) => r.id) }, dispatchedAt: null }, data: { dispatchedAt: new Date(), lastError: null } });
  return rows.length;
}

/** Wait before the dispatch attempt after `attempts` failed ones: 1 s, 5 s, 25 s, … at most 5 minutes. */
export function dispatchBackoffMs(attempts: number): number {
  return Math.min(1_000 * 5 ** Math.max(0, attempts - 1), 5 * 60_000);
}

function parseData(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
