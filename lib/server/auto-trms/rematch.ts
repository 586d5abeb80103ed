import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/roles";
import { isUniqueViolation } from "@/lib/db-errors";
import { rematchRequestedEvent } from "@/lib/domain/events";
import { enqueueEvents } from "@/lib/server/jobs/outbox";
import { signalBackgroundWork } from "@/lib/server/jobs/signal";
import { visibleSettings } from "./get-settings";
import { findManageableBoard } from "./manageable-board";
import { loadSisSettings } from "./sis-settings";
import { rematchWhere } from "./run-rematch";

// "Re-run matching" on the Auto-TRMS settings page (product §6): Auto-TRMS tries again every To Do request of the
// board (Action Required and Auto-Process Error, not deferred). startRematch records a run and its
// `auto-trms/rematch.requested` event in one transaction; the function auto-match-rematch works through the requests
// and counts as it goes; getRematchProgress reads the counters for the progress bar. requestRematch and
// findRematchProgress are the same for the page, by the board's number.

export type RematchActor = Pick<Actor, "id" | "role" | "boardId">;

export type StartRematchResult = { ok: true; runId: string; total: number } | { ok: false; error: "forbidden" | "notConfigured" | "alreadyRunning" };

export type RematchProgress = {
  runId: string;
  total: number;
  done: number;
  matched: number;
  errors: number;
  startedAt: Date;
  finishedAt: Date | null;
};

/** A run that has not counted anything for this long has died (app restarted mid-run): another may start. */
export const STALLED_RUN_MS = 15 * 60_000;

/** Board administrators act on their own board, OCAS administrators on any. */
export function mayRematch(actor: RematchActor, boardId: string): boolean {
  if (actor.role === "OCAS_ADMIN") return true;
  return actor.role === "BOARD_ADMIN" && actor.boardId !== null && actor.boardId === boardId;
}

export async function startRematch(options: { actor: RematchActor; boardId: string; now?: Date }): Promise<StartRematchResult> {
  const { actor, boardId } = options;
  const now = options.now ?? new Date();
  if (!mayRematch(actor, boardId)) return { ok: false, error: "forbidden" };
  const settings = await loadSisSettings(boardId);
  if (!settings.ok) return { ok: false, error: settings.why === "unknownBoard" ? "forbidden" : "notConfigured" };

  // A run left unfinished by a stopped process would block the board for good: close it.
  await db.autoMatchRun.updateMany({
    where: { activeBoardId: boardId, updatedAt: { lt: new Date(now.getTime() - STALLED_RUN_MS) } },
    data: { activeBoardId: null, finishedAt: now },
  });
  const total = await db.transcriptRequest.count({ where: rematchWhere(boardId, now) });
  let runId: string;
  try {
    runId = await db.$transaction(async (tx) => {
      const run = await tx.autoMatchRun.create({
        data: { boardId, activeBoardId: total > 0 ? boardId : null, requestedById: actor.id, total, startedAt: now, finishedAt: total > 0 ? null : now },
        select: { id: true },
      });
      if (total > 0) await enqueueEvents(tx, [rematchRequestedEvent({ boardId, runId: run.id })], now);
      return run.id;
    });
  } catch (error) {
    // The unique activeBoardId: another run of the board is working (two clicks, two administrators).
    if (isUniqueViolation(error)) return { ok: false, error: "alreadyRunning" };
    throw error;
  }
  signalBackgroundWork();
  return { ok: true, runId, total };
}

/** The board's latest run, or null (none yet, or the board is out of the actor's scope). */
export async function getRematchProgress(options: { actor: RematchActor; boardId: string }): Promise<RematchProgress | null> {
  if (!mayRematch(options.actor, options.boardId)) return null;
  const run = await db.autoMatchRun.findFirst({
    where: { boardId: options.boardId },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    select: { id: true, total: true, done: true, matched: true, errors: true, startedAt: true, finishedAt: true },
  });
  if (!run) return null;
  const { id, ...counters } = run;
  return { runId: id, ...counters };
}

export type RequestRematchResult =
  { ok: true; runId: string; total: number } | { ok: false; reason: "forbidden" | "notFound" | "notEnabled" | "notConfigured" | "alreadyRunning" };

/** "Re-run matching", as the page says, for a board the actor manages, by its number; refused while Auto-TRMS is off or incomplete. */
export async function requestRematch(options: { actor: Actor; boardNumber?: string | null; now?: Date }): Promise<RequestRematchResult> {
  const { actor } = options;
  const board = await findManageableBoard({ actor, boardNumber: options.boardNumber });
  if (!board) return { ok: false, reason: "notFound" };
  const settings = visibleSettings(board);
  if (!settings.enabled) return { ok: false, reason: "notEnabled" };
  if (!settings.configured) return { ok: false, reason: "notConfigured" };
  const result = await startRematch({ actor, boardId: board.id, now: options.now });
  if (!result.ok) return { ok: false, reason: result.error };
  return { ok: true, runId: result.runId, total: result.total };
}

export type RematchProgressView = {
  runId: string;
  total: number;
  done: number;
  matched: number;
  errors: number;
  startedAt: string;
  finishedAt: string | null;
};

/** The latest re-run of a board the actor manages (dates as ISO strings, for the page and the polling endpoint). */
export async function findRematchProgress(options: {
  actor: Actor;
  boardNumber?: string | null;
}): Promise<{ found: true; progress: RematchProgressView | null } | { found: false }> {
  const { actor } = options;
  const board = await findManageableBoard({ actor, boardNumber: options.boardNumber });
  if (!board) return { found: false };
  const run = await getRematchProgress({ actor, boardId: board.id });
  if (!run) return { found: true, progress: null };
  return {
    found: true,
    progress: {
      runId: run.runId,
      total: run.total,
      done: run.done,
      matched: run.matched,
      errors: run.errors,
      startedAt: run.startedAt.toISOString(),
      finishedAt: run.finishedAt ? run.finishedAt.toISOString() : null,
    },
  };
}
