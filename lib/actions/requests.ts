"use server";

import { longDate } from "@/lib/i18n/long-date";
import { applyAction, ApplyActionSchema } from "@/lib/server/requests/apply-action";
import { cancelRequest } from "@/lib/server/requests/cancel-request";
import { invalidTransition, localeOf, revalidateRequestPages, SESSION_ENDED, signedIn, STALE_FORM as STALE, text } from "./form";
import { fieldErrorsFrom, type ActionResult } from "./result";

const NOT_FOUND: ActionResult = { ok: false, messageKey: "respond.errors.notFound" };

/** Action (No Upload) from the dashboard row and Provide a Response on the details page: one action, one rule set. */
export async function applyNoUploadAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const actor = await signedIn();
  if (!actor) return SESSION_ENDED;
  const locale = localeOf(form, actor);
  const parsed = ApplyActionSchema.safeParse({
    referenceNumber: text(form, "referenceNumber"),
    action: text(form, "action"),
    expectedVersion: text(form, "expectedVersion"),
  });
  if (!parsed.success) {
    const fieldErrors = fieldErrorsFrom(parsed.error.issues);
    // Only the choice is the user's; the hidden fields are the page's, so anything else wrong means a broken page.
    if (fieldErrors.action && Object.keys(fieldErrors).length === 1) {
      return { ok: false, messageKey: "respond.errors.chooseResponse", fieldErrors };
    }
    return { ok: false, messageKey: "errors.generic" };
  }

  const result = await applyAction({ actor, input: parsed.data });
  if (!result.ok) {
    switch (result.reason) {
      case "invalid":
        return { ok: false, messageKey: "errors.generic" };
      case "notFound":
        return NOT_FOUND;
      case "stale":
        return STALE;
      case "invalidTransition":
        return invalidTransition(locale, result.status);
      case "notBeforeSendAfter":
        return { ok: false, messageKey: "respond.errors.notBeforeSendAfter", values: { date: longDate(locale, result.sendAfter) } };
    }
  }
  revalidateRequestPages();
  return { ok: true, messageKey: `respond.done.${parsed.data.action}`, values: { reference: result.referenceNumber } };
}

/** Cancelling a request with a reason: OCAS administrators only (refused here for anyone else, whatever the page showed). */
export async function cancelRequestAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const actor = await signedIn();
  if (!actor) return SESSION_ENDED;
  const locale = localeOf(form, actor);
  const fields = { reason: text(form, "reason") };
  const result = await cancelRequest({
    actor,
    input: { referenceNumber: text(form, "referenceNumber"), reason: fields.reason, expectedVersion: text(form, "expectedVersion") },
  });
  if (!result.ok) {
    switch (result.reason) {
      case "forbidden":
        return { ok: false, messageKey: "errors.forbidden" };
      case "invalid": {
        const reason = result.fieldErrors.reason;
        if (reason && Object.keys(result.fieldErrors).length === 1) return { ok: false, fieldErrors: { reason }, fields };
        return { ok: false, messageKey: "errors.generic", fields };
      }
      case "notFound":
        return NOT_FOUND;
      case "stale":
        return { ...STALE, fields };
      case "invalidTransition":
        return { ...(await invalidTransition(locale, result.status)), fields };
    }
  }
  revalidateRequestPages();
  return { ok: true, messageKey: "details.cancel.done", values: { reference: result.referenceNumber } };
}
