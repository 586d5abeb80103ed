"use server";

import { longDate } from "@/lib/i18n/long-date";
import { applyAction } from "@/lib/server/requests/apply-action";
import { cancelRequest } from "@/lib/server/requests/cancel-request";
import { invalidTransition, revalidateRequestPages } from "./form";
import { FORBIDDEN, formAction, GENERIC_ERROR, STALE_FORM } from "./pipeline";
import type { ActionResult } from "./result";

const NOT_FOUND: ActionResult = { ok: false, messageKey: "respond.errors.notFound" };

/** Action (No Upload) from the dashboard row and Provide a Response on the details page: one action, one rule set. */
export const applyNoUploadAction = formAction({ fields: ["referenceNumber", "action", "expectedVersion"] }, async (input, { actor, locale }) => {
  const result = await applyAction({ actor, input });
  if (!result.ok) {
    switch (result.reason) {
      case "invalid":
        // Only the choice is the user's; the hidden fields are the page's, so anything else wrong means a broken page.
        if (result.fieldErrors.action && Object.keys(result.fieldErrors).length === 1) {
          return { ok: false, messageKey: "respond.errors.chooseResponse", fieldErrors: { action: result.fieldErrors.action } };
        }
        return GENERIC_ERROR;
      case "notFound":
        return NOT_FOUND;
      case "stale":
        return STALE_FORM;
      case "invalidTransition":
        return invalidTransition(locale, result.status);
      case "notBeforeSendAfter":
        return { ok: false, messageKey: "respond.errors.notBeforeSendAfter", values: { date: longDate(locale, result.sendAfter) } };
    }
  }
  revalidateRequestPages();
  return { ok: true, messageKey: `respond.done.${result.action}`, values: { reference: result.referenceNumber } };
});

/** Cancelling a request with a reason: OCAS administrators only (refused here for anyone else, whatever the page showed). */
export const cancelRequestAction = formAction({ fields: ["referenceNumber", "reason", "expectedVersion"], echo: ["reason"] }, async (input, { actor, locale }) => {
  const result = await cancelRequest({ actor, input });
  if (!result.ok) {
    switch (result.reason) {
      case "forbidden":
        return FORBIDDEN;
      case "invalid": {
        const reason = result.fieldErrors.reason;
        if (reason && Object.keys(result.fieldErrors).length === 1) return { ok: false, fieldErrors: { reason } };
        return GENERIC_ERROR;
      }
      case "notFound":
        return NOT_FOUND;
      case "stale":
        return STALE_FORM;
      case "invalidTransition":
        return invalidTransition(locale, result.status);
    }
  }
  revalidateRequestPages();
  return { ok: true, messageKey: "details.cancel.done", values: { reference: result.referenceNumber } };
});
