"use server";

import { revalidatePath } from "next/cache";
import { saveNotificationSettings } from "@/lib/server/notifications/settings";
import { textsOf } from "./form";
import { formAction } from "./pipeline";

// Submit on /{locale}/notifications: every signed-in user saves their own settings (contracts §8).

const NOTIFICATIONS_PAGE = "/[locale]/(app)/notifications";

export const saveNotificationsAction = formAction(
  { fields: ["summaryEnabled", "completedEnabled", "time", "emails", "pendingHours", "eachRequest"] },
  async (input, { actor, form }) => {
    const result = await saveNotificationSettings({ actor, input: { ...input, days: textsOf(form, "days") } });
    if (!result.ok) return { ok: false, fieldErrors: result.fieldErrors, messageKey: "notifications.errors.fixErrors" };
    revalidatePath(NOTIFICATIONS_PAGE, "page");
    return { ok: true, messageKey: "notifications.saved" };
  },
);
