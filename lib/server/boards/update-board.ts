import "server-only";
import { isOcasAdmin, type Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { diffFields } from "@/lib/domain/audit-diff";
import { fieldErrorsOf } from "@/lib/domain/field-errors";
import { isStale, StaleWrite, type AdminRefusal } from "@/lib/server/admin/form-fields";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { EditBoardSchema, type BoardInput } from "./board-schema";
import { BOARD_SELECT, getBoard, type AdminBoard } from "./get-boards";

export type UpdateBoardResult = { ok: true; board: AdminBoard; changed: boolean } | AdminRefusal;

/**
 * Saves a board's names, language, escalation email and Active (contracts §10), OCAS administrators only; the number
 * stays. A board is never deleted: deactivated, its schools take no new requests (lib/server/intake). One
 * transaction: the change and its audit row (`board.update`, the changed fields before and after); a save over
 * someone else's change is refused.
 */
export async function updateBoard(options: { actor: Pick<Actor, "id" | "role">; number: string; input: BoardInput }): Promise<UpdateBoardResult> {
  const { actor } = options;
  if (!isOcasAdmin(actor)) return { ok: false, reason: "forbidden" };
  const board = await getBoard({ actor, number: options.number });
  if (!board) return { ok: false, reason: "notFound" };
  const parsed = EditBoardSchema.safeParse(options.input);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: fieldErrorsOf(parsed.error.issues) };
  const { version, ...wanted } = parsed.data;
  if (isStale(version, board.updatedAt)) return { ok: false, reason: "stale" };
  const diff = diffFields(board, wanted);
  if (!diff) return { ok: true, board, changed: false };
  try {
    const saved = await db.$transaction(async (tx) => {
      const updated = await tx.board.updateMany({ where: { id: board.id, updatedAt: board.updatedAt }, data: wanted });
      if (updated.count !== 1) throw new StaleWrite();
      await recordAudit(tx, { actorId: actor.id, action: "board.update", entity: "board", entityId: board.number, ...diff });
      return tx.board.findUniqueOrThrow({ where: { id: board.id }, select: BOARD_SELECT });
    });
    return { ok: true, board: saved, changed: true };
  } catch (error) {
    if (error instanceof StaleWrite) return { ok: false, reason: "stale" };
    throw error;
  }
}
