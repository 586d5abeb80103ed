import "server-only";
import { isOcasAdmin, type Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { fieldErrorsOf } from "@/lib/domain/field-errors";
import type { AdminRefusal } from "@/lib/server/admin/form-fields";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { SCHOOL_SELECT, type AdminSchool } from "./get-schools";
import { NewSchoolSchema, type SchoolInput } from "./school-schema";

export type CreateSchoolResult = { ok: true; school: AdminSchool } | AdminRefusal;

/**
 * Adds a school to a board (contracts §10), OCAS administrators only. The intake API looks schools up in the
 * database for every request, so it accepts requests for the new school at once. A MIDENT already used is refused,
 * naming it, also when it is taken between the check and the insert. One transaction: the school and its audit row.
 */
export async function createSchool(options: { actor: Pick<Actor, "id" | "role">; input: SchoolInput }): Promise<CreateSchoolResult> {
  const { actor } = options;
  if (!isOcasAdmin(actor)) return { ok: false, reason: "forbidden" };
  const parsed = NewSchoolSchema.safeParse(options.input);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: fieldErrorsOf(parsed.error.issues) };
  const { board: boardNumber, ...data } = parsed.data;
  const board = await db.board.findUnique({ where: { number: boardNumber }, select: { id: true } });
  if (!board) return { ok: false, reason: "invalid", fieldErrors: { board: ["admin.schools.errors.boardUnknown"] } };
  const duplicate = { ok: false, reason: "duplicate", field: "mident", value: data.mident } as const;
  if (await db.school.findUnique({ where: { mident: data.mident }, select: { id: true } })) return duplicate;
  try {
    const school = await db.$transaction(async (tx) => {
      const created = await tx.school.create({ data: { ...data, boardId: board.id }, select: SCHOOL_SELECT });
      await recordAudit(tx, { actorId: actor.id, action: "school.create", entity: "school", entityId: created.mident, after: { ...data, board: boardNumber } });
      return created;
    });
    return { ok: true, school };
  } catch (error) {
    if (isUniqueViolation(error)) return duplicate;
    throw error;
  }
}
