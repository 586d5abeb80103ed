"use server";

import { revalidatePath } from "next/cache";
import type { Role } from "@/lib/auth/roles";
import { requestRematch } from "@/lib/server/auto-trms/rematch";
import { connectionTestMessage, testAutoTrmsConnection } from "@/lib/server/auto-trms/test-settings";
import { updateAutoTrmsSettings } from "@/lib/server/auto-trms/update-settings";
import { FORBIDDEN, formAction } from "./pipeline";

// The three forms of /admin/auto-trms. The board comes from a hidden field and is checked against the actor again
// by lib/server (a board administrator only ever reaches their own board).

const MANAGERS: readonly Role[] = ["OCAS_ADMIN", "BOARD_ADMIN"];
// The route file structure, route group included.
const AUTO_TRMS_PAGE = "/[locale]/(app)/admin/auto-trms";
const E = "admin.autoTrms.errors";

/** Saves the settings; the secret is never sent back, even to refill the form. */
export const saveAutoTrmsSettingsAction = formAction(
  // The secret is never echoed back.
  { roles: MANAGERS, fields: ["board", "enabled", "url", "secret", "removeSecret"], echo: ["enabled", "url", "removeSecret"] },
  async ({ board, ...input }, { actor }) => {
    const result = await updateAutoTrmsSettings({ actor, boardNumber: board, input: { ...input, removeSecret: input.removeSecret === "on" ? "on" : "" } });
    if (!result.ok) {
      if (result.reason !== "invalid") return FORBIDDEN;
      return { ok: false, fieldErrors: result.fieldErrors, messageKey: result.messageKey ?? `${E}.fixErrors` };
    }
    revalidatePath(AUTO_TRMS_PAGE, "page");
    const key = result.settings.enabled ? "savedOn" : "savedOff";
    return { ok: true, messageKey: `admin.autoTrms.${key}`, values: { secret: result.secret } };
  },
);

/** Tests the connection with the typed address and secret, or else the stored ones. Saves nothing. */
export const testAutoTrmsConnectionAction = formAction({ roles: MANAGERS, fields: ["board", "url", "secret"] }, async ({ board, url, secret }, { actor }) => {
  const result = await testAutoTrmsConnection({ actor, boardNumber: board, url, secret });
  if (!result.ok) {
    switch (result.reason) {
      case "forbidden":
      case "notFound":
        return FORBIDDEN;
      case "invalid":
        return { ok: false, fieldErrors: result.fieldErrors, messageKey: `${E}.fixErrorsTest` };
      case "notConfigured":
        return { ok: false, messageKey: "admin.autoTrms.test.missing" };
      case "secretUnreadable":
        return { ok: false, messageKey: "admin.autoTrms.test.secretUnreadable" };
    }
  }
  return connectionTestMessage(result.outcome);
});

/** Starts a re-run of matching; the page then polls its progress. `values.runId` names the run it started. */
export const startRematchAction = formAction({ roles: MANAGERS, fields: ["board"] }, async ({ board }, { actor }) => {
  const result = await requestRematch({ actor, boardNumber: board });
  if (!result.ok) {
    if (result.reason === "forbidden" || result.reason === "notFound") return FORBIDDEN;
    return { ok: false, messageKey: `admin.autoTrms.rematch.errors.${result.reason}` };
  }
  revalidatePath(AUTO_TRMS_PAGE, "page");
  return { ok: true, messageKey: "admin.autoTrms.rematch.started", values: { runId: result.runId, total: result.total, startedAt: new Date().toISOString() } };
});
