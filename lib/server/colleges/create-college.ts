import "server-only";
import { isOcasAdmin, type Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { fieldErrorsOf } from "@/lib/domain/field-errors";
import type { AdminRefusal } from "@/lib/server/admin/form-fields";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { NewCollegeSchema, type NewCollegeInput } from "./college-schema";
import { COLLEGE_SELECT, visibleCollege, type VisibleCollege } from "./get-colleges";

export type CreateCollegeResult = { ok: true; college: VisibleCollege } | AdminRefusal;

/**
 * Adds a college (contracts §10), OCAS administrators only, with no Delivery URL or signing secret yet (its batches
 * wait for download until both are set on its page). A code already used is refused, naming it, also when it is taken
 * between the check and the insert. One transaction: the college and its audit row (`college.create`).
 */
export async function createCollege(options: { actor: Pick<Actor, "id" | "role">; input: NewCollegeInput }): Promise<CreateCollegeResult> {
  const { actor } = options;
  if (!isOcasAdmin(actor)) return { ok: false, reason: "forbidden" };
  const parsed = NewCollegeSchema.safeParse(options.input);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: fieldErrorsOf(parsed.error.issues) };
  const data = parsed.data;
  const duplicate = { ok: false, reason: "duplicate", field: "code", value: data.code } as const;
  if (await db.college.findUnique({ where: { code: data.code }, select: { id: true } })) return duplicate;
  try {
    const college = await db.$transaction(async (tx) => {
      const created = await tx.college.create({ data, select: COLLEGE_SELECT });
      await recordAudit(tx, { actorId: actor.id, action: "college.create", entity: "college", entityId: created.code, after: data });
      return created;
    });
    return { ok: true, college: visibleCollege(college) };
  } catch (error) {
    if (isUniqueViolation(error)) return duplicate;
    throw error;
  }
}
