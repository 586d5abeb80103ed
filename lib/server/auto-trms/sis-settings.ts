import "server-only";
import { db } from "@/lib/db";
import { openSecret } from "@/lib/auth/secret-box";

/** What Auto-TRMS needs to call a board's SIS. The secret is plain here: never return it to a page. */
export type SisSettings = { boardId: string; url: string; secret: string };

export type SisSettingsResult = { ok: true; settings: SisSettings } | { ok: false; why: "unknownBoard" | "notAutoTrms" | "notConfigured" };

/**
 * The board's Auto-TRMS settings when it is on and complete. A secret that no longer opens (AUTH_SECRET changed
 * since it was saved) counts as missing: the board administrator must enter it again.
 */
export async function loadSisSettings(boardId: string): Promise<SisSettingsResult> {
  const board = await db.board.findUnique({
    where: { id: boardId },
    select: { id: true, number: true, autoTrmsEnabled: true, autoTrmsUrl: true, autoTrmsSecret: true },
  });
  if (!board) return { ok: false, why: "unknownBoard" };
  if (!board.autoTrmsEnabled) return { ok: false, why: "notAutoTrms" };
  const url = board.autoTrmsUrl?.trim();
  if (!url || !board.autoTrmsSecret) return { ok: false, why: "notConfigured" };
  const secret = openSecret(board.autoTrmsSecret);
  if (secret === null) {
    console.warn(`[auto-trms] board ${board.number}: the stored SIS secret cannot be opened with this AUTH_SECRET; enter it again`);
    return { ok: false, why: "notConfigured" };
  }
  return { ok: true, settings: { boardId: board.id, url, secret } };
}
