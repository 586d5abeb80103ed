"use server";

import { revalidatePath } from "next/cache";
import { updateServiceSettings } from "@/lib/server/settings/update-service-settings";
import { adminRefusal } from "./admin-answers";
import { formAction } from "./pipeline";

// The Service Settings form (contracts §10), OCAS administrators only.

const FIELDS = ["slaBusinessDays", "businessHoursStart", "businessHoursEnd", "version"] as const;
const NS = "admin.settings";

export const saveServiceSettingsAction = formAction(
  { roles: ["OCAS_ADMIN"], fields: FIELDS, echo: ["slaBusinessDays", "businessHoursStart", "businessHoursEnd"] },
  async (input, { actor }) => {
    const result = await updateServiceSettings({ actor, input });
    if (!result.ok) return adminRefusal(result, NS);
    // Every page that shows ages against the SLA.
    revalidatePath("/[locale]/(app)", "layout");
    return { ok: true, messageKey: result.changed ? `${NS}.saved` : `${NS}.unchanged`, values: { days: result.settings.slaBusinessDays } };
  },
);
