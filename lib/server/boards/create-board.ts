import "server-only";
import { isOcasAdmin, type Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { fieldErrorsOf } from "@/lib/domain/field-errors";
import type { AdminRefusal } from "@/lib/server/admin/form-fields";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { NewBoardSchema, type BoardInput } from "./board-schema";
import { BOARD_SELECT, type AdminBoard } from "./get-boards";

export type CreateBoardResult = { ok: true; board: AdminBoard } | AdminRefusal;

/**
 * Adds a board (contracts §10), OCAS administrators only; Auto-TRMS starts off. A number already used is refused,
 * naming it — also when another administrator takes it between the check and the insert (the unique index). One
 * transaction: the board and its audit row (`board.create`).
 */
export async function createBoard(options: { actor: Pick<Actor, "id" | "role">; input: BoardInput }): Promise<CreateBoardResult> {
  const { actor } = options;
  if (!isOcasAdmin(actor)) return { ok: false, reason: "forbidden" };
  const parsed = NewBoardSchema.safeParse(options.input);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: fieldErrorsOf(parsed.error.issues) };
  const data = parsed.data;
  const duplicate = { ok: false, reason: "duplicate", field: "number", value: data.number } as const;
  if (await db.board.findUnique({ where: { number: data.number }, select: { id: true } })) return duplicate;
  try {
    const board = await db.$transaction(async (tx) => {
      const created = await tx.board.create({ data, select: BOARD_SELECT });
      await recordAudit(tx, { actorId: actor.id, action: "board.create", entity: "board", entityId: created.number, after: data });
      return created;
    });
    return { ok: true, board };
  } catch (error) {
    if (isUniqueViolation(error)) return duplicate;
    throw error;
  }
}
