import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/roles";
import { findManageableBoard, manageableBoardScope, type ManagedBoard } from "./manageable-board";

export type AutoTrmsSettings = {
  board: { id: string; number: string; nameEn: string; nameFr: string };
  enabled: boolean;
  url: string | null;
  /** Whether a secret is stored; the secret itself never leaves the server. */
  hasSecret: boolean;
  /** On, with an address and a secret: what matching needs. */
  configured: boolean;
  updatedAt: Date;
};

/** The settings as the page may show them: everything but the secret. */
export function visibleSettings(board: ManagedBoard): AutoTrmsSettings {
  const hasSecret = Boolean(board.autoTrmsSecret);
  return {
    board: { id: board.id, number: board.number, nameEn: board.nameEn, nameFr: board.nameFr },
    enabled: board.autoTrmsEnabled,
    url: board.autoTrmsUrl,
    hasSecret,
    configured: board.autoTrmsEnabled && Boolean(board.autoTrmsUrl) && hasSecret,
    updatedAt: board.updatedAt,
  };
}

/**
 * The Auto-TRMS settings of a board the actor manages (`boardNumber` for OCAS administrators; a board administrator
 * gets their own board), or null when it is out of reach.
 */
export async function getAutoTrmsSettings(options: { actor: Pick<Actor, "role" | "boardId">; boardNumber?: string | null }) {
  const board = await findManageableBoard(options);
  return board ? visibleSettings(board) : null;
}

/** The boards an actor may choose between (only OCAS administrators have a choice). */
export async function listManageableBoards(options: { actor: Pick<Actor, "role" | "boardId"> }) {
  const { actor } = options;
  if (actor.role !== "OCAS_ADMIN") return [];
  return db.board.findMany({
    where: manageableBoardScope(actor),
    select: { id: true, number: true, nameEn: true, nameFr: true, autoTrmsEnabled: true },
    orderBy: { number: "asc" },
  });
}
