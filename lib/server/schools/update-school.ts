import "server-only";
import { isOcasAdmin, type Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { diffFields } from "@/lib/domain/audit-diff";
import { fieldErrorsOf } from "@/lib/domain/field-errors";
import { isStale, StaleWrite, type AdminRefusal } from "@/lib/server/admin/form-fields";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { getSchool, SCHOOL_SELECT, type AdminSchool } from "./get-schools";
import { EditSchoolSchema, type SchoolInput } from "./school-schema";

export type UpdateSchoolResult = { ok: true; school: AdminSchool; changed: boolean } | AdminRefusal;

/**
 * Saves a school's names, city, board and Active (contracts §10), OCAS administrators only; the MIDENT stays. A
 * school is never deleted: deactivated, the intake API refuses new requests for it, and its requests stay. Moving a
 * school to another board moves its open and past requests' board with it, in the same transaction, so that the
 * new board's users see them (scope follows the school). One transaction with its audit row (`school.update`).
 */
export async function updateSchool(options: { actor: Pick<Actor, "id" | "role">; mident: string; input: SchoolInput }): Promise<UpdateSchoolResult> {
  const { actor } = options;
  if (!isOcasAdmin(actor)) return { ok: false, reason: "forbidden" };
  const school = await getSchool({ actor, mident: options.mident });
  if (!school) return { ok: false, reason: "notFound" };
  const parsed = EditSchoolSchema.safeParse(options.input);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: fieldErrorsOf(parsed.error.issues) };
  const { version, board: boardNumber, ...wanted } = parsed.data;
  if (isStale(version, school.updatedAt)) return { ok: false, reason: "stale" };
  const board =
    boardNumber === school.board.number ? school.board : await db.board.findUnique({ where: { number: boardNumber }, select: { id: true, number: true } });
  if (!board) return { ok: false, reason: "invalid", fieldErrors: { board: ["admin.schools.errors.boardUnknown"] } };
  const diff = diffFields({ ...school, board: school.board.number }, { ...wanted, board: board.number });
  if (!diff) return { ok: true, school, changed: false };
  try {
    const saved = await db.$transaction(async (tx) => {
      const updated = await tx.school.updateMany({ where: { id: school.id, updatedAt: school.updatedAt }, data: { ...wanted, boardId: board.id } });
      if (updated.count !== 1) throw new StaleWrite();
      if (board.id !== school.board.id) {
        await tx.transcriptRequest.updateMany({ where: { schoolId: school.id }, data: { boardId: board.id } });
        // A school user keeps their school; the school's board is theirs too.
        await tx.user.updateMany({ where: { schoolId: school.id }, data: { boardId: board.id } });
      }
      await recordAudit(tx, { actorId: actor.id, action: "school.update", entity: "school", entityId: school.mident, ...diff });
      return tx.school.findUniqueOrThrow({ where: { id: school.id }, select: SCHOOL_SELECT });
    });
    return { ok: true, school: saved, changed: true };
  } catch (error) {
    if (error instanceof StaleWrite) return { ok: false, reason: "stale" };
    throw error;
  }
}
