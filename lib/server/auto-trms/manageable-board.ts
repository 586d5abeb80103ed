import "server-only";
import { db } from "@/lib/db";
import { canManageUsers, type Actor } from "@/lib/auth/roles";

export type SettingsActor = Pick<Actor, "id" | "username" | "role" | "boardId">;

/** Boards whose Auto-TRMS settings an actor manages: every board for OCAS, the own board for a board administrator. */
export function manageableBoardScope(actor: Pick<Actor, "role" | "boardId">) {
  if (actor.role === "OCAS_ADMIN") return {};
  if (actor.role === "BOARD_ADMIN" && actor.boardId) return { id: actor.boardId };
  return { id: "__no_scope__" };
}

const BOARD_NUMBER = /^\d{1,10}$/;

/**
 * The board an actor manages, by its number (the page's `?board=`, the forms' hidden field): never trusted as is, the
 * scope is in the query. Without a number: the board administrator's own board, or OCAS's first board.
 * Null when out of reach or unknown (the page answers 404, as for anything out of scope).
 */
export async function findManageableBoard(options: { actor: Pick<Actor, "role" | "boardId">; boardNumber?: string | null }) {
  const { actor } = options;
  if (!canManageUsers(actor)) return null;
  const number = options.boardNumber?.trim() || null;
  if (number !== null && !BOARD_NUMBER.test(number)) return null;
  return db.board.findFirst({
    where: { AND: [manageableBoardScope(actor), number ? { number } : {}] },
    orderBy: { number: "asc" },
    select: { id: true, number: true, nameEn: true, nameFr: true, autoTrmsEnabled: true, autoTrmsUrl: true, autoTrmsSecret: true, updatedAt: true },
  });
}

export type ManagedBoard = NonNullable<Awaited<ReturnType<typeof findManageableBoard>>>;
