import "server-only";
import { isOcasAdmin, type Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { ENDPOINT_URL_MESSAGE, endpointUrlRule } from "@/lib/domain/endpoint-url";
import { fieldErrorsOf, type FieldErrors } from "@/lib/domain/field-errors";
import { loopbackHttpAllowed } from "@/lib/env";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { CollegeFormSchema, COLLEGE_CODE_MAX_LENGTH, DELIVERY_URL_MAX_LENGTH, type CollegeFormInput } from "./college-schema";
import { COLLEGE_SELECT, visibleCollege, type VisibleCollege } from "./get-colleges";

const E = "colleges.errors";

export type UpdateCollegeResult =
  | {
      ok: true;
      college: VisibleCollege;
      /** Something was saved (an unchanged form saves nothing and writes no audit row). */
      changed: boolean;
      /** The endpoint had been turned off after a 410; saving turned it back on. */
      reenabled: boolean;
    }
  | { ok: false; reason: "forbidden" | "notFound" | "stale" }
  | { ok: false; reason: "invalid"; fieldErrors: FieldErrors };

class StaleCollege extends Error {}

/**
 * Saves a college's names, Delivery URL and Active (contracts §4, §10), OCAS administrators only. An empty URL means none:
 * the college's batches wait for download. A new URL must be HTTPS (plain HTTP only to the machine itself, where
 * TRMS_ALLOW_LOOPBACK_HTTP allows it: outside production, and in the demo); an address already stored is kept as it is (the demo's college double is plain HTTP on the machine
 * itself). Saving turns the endpoint back on after a 410 (`deliveryDisabledAt` cleared). One transaction: the change
 * and its audit row (`college.update`, the changed fields before and after).
 */
export async function updateCollege(options: {
  actor: Pick<Actor, "id" | "role">;
  code: string;
  input: CollegeFormInput;
  production?: boolean;
  now?: Date;
}): Promise<UpdateCollegeResult> {
  const { actor } = options;
  const production = options.production ?? !loopbackHttpAllowed();
  if (!isOcasAdmin(actor)) return { ok: false, reason: "forbidden" };
  const code = options.code.trim();
  if (code === "" || code.length > COLLEGE_CODE_MAX_LENGTH) return { ok: false, reason: "notFound" };
  const college = await db.college.findUnique({ where: { code }, select: COLLEGE_SELECT });
  if (!college) return { ok: false, reason: "notFound" };

  const parsed = CollegeFormSchema.safeParse(options.input);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: fieldErrorsOf(parsed.error.issues) };
  const { deliveryUrl: typedUrl, active, version, nameEn = college.nameEn, nameFr = college.nameFr } = parsed.data;
  const deliveryUrl = typedUrl === "" ? null : typedUrl;
  if (deliveryUrl !== null && deliveryUrl !== college.deliveryUrl) {
    const problem = endpointUrlRule(deliveryUrl, { production, maxLength: DELIVERY_URL_MAX_LENGTH });
    if (problem) return { ok: false, reason: "invalid", fieldErrors: { deliveryUrl: [`${E}.${ENDPOINT_URL_MESSAGE[problem]}`] } };
  }
  if (version !== undefined && version !== "" && Date.parse(version) !== college.updatedAt.getTime()) return { ok: false, reason: "stale" };

  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [field, value] of [
    ["nameEn", nameEn],
    ["nameFr", nameFr],
  ] as const) {
    if (value !== college[field]) {
      before[field] = college[field];
      after[field] = value;
    }
  }
  if (deliveryUrl !== college.deliveryUrl) {
    before.deliveryUrl = college.deliveryUrl;
    after.deliveryUrl = deliveryUrl;
  }
  if (active !== college.active) {
    before.active = college.active;
    after.active = active;
  }
  const reenabled = college.deliveryDisabledAt !== null;
  if (reenabled) {
    before.deliveryDisabledAt = college.deliveryDisabledAt!.toISOString();
    after.deliveryDisabledAt = null;
  }
  if (Object.keys(after).length === 0) return { ok: true, college: visibleCollege(college), changed: false, reenabled: false };

  const now = options.now ?? new Date();
  try {
    const saved = await db.$transaction(async (tx) => {
      // The version read above in the write: a change made in between wins, this one is refused.
      const updated = await tx.college.updateMany({
        where: { id: college.id, updatedAt: college.updatedAt },
        data: { nameEn, nameFr, deliveryUrl, active, deliveryDisabledAt: null },
      });
      if (updated.count !== 1) throw new StaleCollege();
      await recordAudit(tx, { actorId: actor.id, action: "college.update", entity: "college", entityId: college.code, before, after, at: now });
      return tx.college.findUniqueOrThrow({ where: { id: college.id }, select: COLLEGE_SELECT });
    });
    return { ok: true, college: visibleCollege(saved), changed: true, reenabled };
  } catch (error) {
    if (error instanceof StaleCollege) return { ok: false, reason: "stale" };
    throw error;
  }
}
