import "server-only";
import { isOcasAdmin, type Actor } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { diffFields } from "@/lib/domain/audit-diff";
import { fieldErrorsOf } from "@/lib/domain/field-errors";
import { isStale, StaleWrite, type AdminRefusal } from "@/lib/server/admin/form-fields";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { getServiceSettings, SETTINGS_ID, type ServiceSettings } from "./get-service-settings";
import { ServiceSettingsSchema, type ServiceSettingsInput } from "./settings-schema";

export type UpdateServiceSettingsResult = { ok: true; settings: ServiceSettings; changed: boolean } | AdminRefusal;

/**
 * Saves the service settings (contracts §10), OCAS administrators only: the SLA and the business hours. One
 * transaction: the row and its audit row (`settings.update`, the changed fields before and after). Nothing caches
 * them, so the dashboard, reports and alerts follow at once.
 */
export async function updateServiceSettings(options: { actor: Pick<Actor, "id" | "role">; input: ServiceSettingsInput }): Promise<UpdateServiceSettingsResult> {
  const { actor } = options;
  if (!isOcasAdmin(actor)) return { ok: false, reason: "forbidden" };
  const parsed = ServiceSettingsSchema.safeParse(options.input);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: fieldErrorsOf(parsed.error.issues) };
  const { version, ...wanted } = parsed.data;
  const current = await getServiceSettings();
  if (current.updatedAt && isStale(version, current.updatedAt)) return { ok: false, reason: "stale" };
  const { updatedAt, ...was } = current;
  const diff = diffFields(was, wanted);
  if (!diff) return { ok: true, settings: current, changed: false };

  try {
    const settings = await db.$transaction(async (tx) => {
      if (updatedAt) {
        const updated = await tx.appSetting.updateMany({ where: { id: SETTINGS_ID, updatedAt }, data: wanted });
        if (updated.count !== 1) throw new StaleWrite();
      } else {
        await tx.appSetting.create({ data: { id: SETTINGS_ID, ...wanted } });
      }
      await recordAudit(tx, { actorId: actor.id, action: "settings.update", entity: "settings", entityId: SETTINGS_ID, ...diff });
      return tx.appSetting.findUniqueOrThrow({
        where: { id: SETTINGS_ID },
        select: { slaBusinessDays: true, businessHoursStart: true, businessHoursEnd: true, updatedAt: true },
      });
    });
    return { ok: true, settings, changed: true };
  } catch (error) {
    // StaleWrite: someone saved in between; a unique violation: someone created the row first.
    if (error instanceof StaleWrite || isUniqueViolation(error)) {
      return { ok: false, reason: "stale" };
    }
    throw error;
  }
}
