"use server";

import { revalidatePath } from "next/cache";
import type { Role } from "@/lib/auth/roles";
import { rerunMatching } from "@/lib/server/auto-trms/rerun-matching";
import { connectionTestMessage, testAutoTrmsConnection } from "@/lib/server/auto-trms/test-settings";
import { updateAutoTrmsSettings } from "@/lib/server/auto-trms/update-settings";
import { signedIn, text } from "./form";
import type { ActionResult } from "./result";

// The three forms of /admin/auto-trms. The board comes from a hidden field and is checked against the actor again
// by lib/server (a board administrator only ever reaches their own board).

const MANAGERS: readonly Role[] = ["OCAS_ADMIN", "BOARD_ADMIN"];
// The route file structure, route group included.
const AUTO_TRMS_PAGE = "/[locale]/(app)/admin/auto-trms";
const FORBIDDEN: ActionResult = { ok: false, messageKey: "errors.forbidden" };
const E = "admin.autoTrms.errors";

/** Saves the settings; the secret is never sent back, even to refill the form. */
export async function saveAutoTrmsSettingsAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const actor = await signedIn(MANAGERS);
  if (!actor) return FORBIDDEN;
  const input = {
    enabled: text(form, "enabled"),
    url: text(form, "url"),
    secret: text(form, "secret"),
    removeSecret: text(form, "removeSecret") === "on" ? "on" : "",
  };
  const fields = { enabled: input.enabled, url: input.url, removeSecret: input.removeSecret };
  const result = await updateAutoTrmsSettings({ actor, boardNumber: text(form, "board"), input });
  if (!result.ok) {
    if (result.reason !== "invalid") return FORBIDDEN;
    return { ok: false, fieldErrors: result.fieldErrors, messageKey: result.messageKey ?? `${E}.fixErrors`, fields };
  }
  revalidatePath(AUTO_TRMS_PAGE, "page");
  const key = result.settings.enabled ? "savedOn" : "savedOff";
  return { ok: true, messageKey: `admin.autoTrms.${key}`, values: { secret: result.secret } };
}

/** Tests the connection with the typed address and secret, or else the stored ones. Saves nothing. */
export async function testAutoTrmsConnectionAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const actor = await signedIn(MANAGERS);
  if (!actor) return FORBIDDEN;
  const result = await testAutoTrmsConnection({ actor, boardNumber: text(form, "board"), url: text(form, "url"), secret: text(form, "secret") });
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
}

/** Starts a re-run of matching; the page then polls its progress. `values.runId` names the run it started. */
export async function rerunMatchingAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const actor = await signedIn(MANAGERS);
  if (!actor) return FORBIDDEN;
  const result = await rerunMatching({ actor, boardNumber: text(form, "board") });
  if (!result.ok) {
    if (result.reason === "forbidden" || result.reason === "notFound") return FORBIDDEN;
    return { ok: false, messageKey: `admin.autoTrms.rematch.errors.${result.reason}` };
  }
  revalidatePath(AUTO_TRMS_PAGE, "page");
  return { ok: true, messageKey: "admin.autoTrms.rematch.started", values: { runId: result.runId, total: result.total, startedAt: new Date().toISOString() } };
}
