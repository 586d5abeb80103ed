import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { SIS_CONCURRENCY_PER_BOARD } from "@/lib/sis/call-sis";
import { AUTO_MATCHABLE_STATUSES, MATCHABLE_SELECT, matchLoadedRequest, type SisCallTuning } from "./match-request";
import { loadSisSettings } from "./sis-settings";
import { createOutcomeWriter } from "./write-outcomes";

// The work of a rematch run (lib/server/auto-trms/rematch.ts), one batch per Inngest step: the board's To Do
// requests in keyset order (paidAt, id: the board/tab index), each batch matched with bounded concurrency, the
// run's counters updated after each request so that the progress bar moves.

export const REMATCH_BATCH_SIZE = 200;
/**
 * Requests of a batch in flight at once. The SIS calls are bounded per board in lib/sis/call-sis.ts (16): three times
 * as many here, so that requests whose answer waits for its PESC check or for its group commit (together about as
 * long as the SIS call at 200 requests/s) do not keep the SIS's slots idle.
 */
export const REMATCH_CONCURRENCY = 3 * SIS_CONCURRENCY_PER_BOARD;
const COUNT_FLUSH_MS = 500;

/** The requests a rematch tries: To Do (Action Required, Auto-Process Error), not waiting for a send-after date. */
export function rematchWhere(boardId: string, now: Date): Prisma.TranscriptRequestWhereInput {
  return {
    boardId,
    tab: "TODO",
    status: { in: [...AUTO_MATCHABLE_STATUSES] },
    OR: [{ sendAfter: null }, { sendAfter: { lte: now } }],
  };
}

/** Where the next batch starts: after this (paidAt, id). JSON-safe, as a step's result. */
export type RematchCursor = { paidAt: string; id: string } | null;

export type RematchBatchResult = { cursor: RematchCursor; processed: number; finished: boolean };

export async function rematchBatch(options: {
  runId: string;
  cursor: RematchCursor;
  now?: Date;
  batchSize?: number;
  concurrency?: number;
  sis?: SisCallTuning;
}): Promise<RematchBatchResult> {
  const run = await db.autoMatchRun.findUnique({ where: { id: options.runId }, select: { id: true, boardId: true, finishedAt: true } });
  if (!run || run.finishedAt) return { cursor: options.cursor, processed: 0, finished: true };
  const settings = await loadSisSettings(run.boardId);
  // Auto-TRMS turned off (or its secret removed) during the run: stop here.
  if (!settings.ok) {
    await finishRun(run.id);
    return { cursor: options.cursor, processed: 0, finished: true };
  }

  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? REMATCH_BATCH_SIZE;
  const after = options.cursor;
  const rows = await db.transcriptRequest.findMany({
    where: {
      AND: [
        rematchWhere(run.boardId, now),
        after ? { OR: [{ paidAt: { gt: new Date(after.paidAt) } }, { paidAt: new Date(after.paidAt), id: { gt: after.id } }] } : {},
      ],
    },
    orderBy: [{ paidAt: "asc" }, { id: "asc" }],
    take: batchSize,
    select: { ...MATCHABLE_SELECT, paidAt: true },
  });

  // Counted in memory and written at most every COUNT_FLUSH_MS (and at the end of the batch): one write per request
  // would double the run's writes for a progress bar that polls every second or so.
  const pending = { done: 0, matched: 0, errors: 0 };
  let lastFlush = Date.now();
  const flush = async () => {
    if (pending.done === 0) return;
    const data = { done: { increment: pending.done }, matched: { increment: pending.matched }, errors: { increment: pending.errors } };
    Object.assign(pending, { done: 0, matched: 0, errors: 0 });
    lastFlush = Date.now();
    await db.autoMatchRun.update({ where: { id: run.id }, data, select: { id: true } });
  };

  const writer = createOutcomeWriter();
  await forEachBounded(rows, options.concurrency ?? REMATCH_CONCURRENCY, async (request) => {
    try {
      const result = await matchLoadedRequest({ request, settings: settings.settings, trigger: "rematch", now: options.now, sis: options.sis, writer });
      if (result.outcome === "MATCHED") pending.matched++;
      else if (result.outcome !== "STALE") pending.errors++;
    } catch (error) {
      // One request's failure (e.g. the database was busy) must not stop the run nor be counted twice by a retry
      // of the whole batch: it stays in To Do and is counted as an error.
      console.error(`[auto-trms] rematch ${run.id}: ${request.referenceNumber} failed: ${error instanceof Error ? error.message : String(error)}`);
      pending.errors++;
    }
    pending.done++;
    if (Date.now() - lastFlush >= COUNT_FLUSH_MS) await flush();
  });
  await flush();

  const last = rows.at(-1);
  const cursor = last ? { paidAt: last.paidAt.toISOString(), id: last.id } : after;
  const finished = rows.length < batchSize;
  if (finished) await finishRun(run.id);
  return { cursor, processed: rows.length, finished };
}

/** Ends a run: it no longer blocks the board; the total becomes the number of requests tried (requests that left
 * To Do meanwhile were not tried, new ones were), so that a finished run reads done = total. */
export async function finishRun(runId: string): Promise<void> {
  const run = await db.autoMatchRun.findUnique({ where: { id: runId }, select: { done: true } });
  if (!run) return;
  await db.autoMatchRun.updateMany({ where: { id: runId, finishedAt: null }, data: { activeBoardId: null, finishedAt: new Date(), total: run.done } });
}

async function forEachBounded<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
