import "server-only";
import type { Actor } from "@/lib/auth/roles";
import { getRematchProgress, startRematch } from "@/lib/server/auto-match/rematch";
import { visibleSettings } from "./get-settings";
import { findManageableBoard } from "./manageable-board";

export type RerunMatchingResult =
  | { ok: true; runId: string; total: number }
  | { ok: false; reason: "forbidden" | "notFound" | "notEnabled" | "notConfigured" | "alreadyRunning" };

/** "Re-run matching" for the To Do requests of a board the actor manages; refused while Auto-TRMS is off or incomplete. */
export async function rerunMatching(options: { actor: Actor; boardNumber?: string | null; now?: Date }): Promise<RerunMatchingResult> {
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

export type MatchingProgress = {
  runId: string;
  total: number;
  done: number;
  matched: number;
  errors: number;
  startedAt: string;
  finishedAt: string | null;
};

/** The latest re-run of a board the actor manages (dates as ISO strings, for the page and the polling endpoint). */
export async function findMatchingProgress(options: { actor: Actor; boardNumber?: string | null }): Promise<
  { found: true; progress: MatchingProgress | null } | { found: false }
> {
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
