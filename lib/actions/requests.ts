"use server";

import { longDate } from "@/lib/i18n/long-date";
import { retryAutoTrms } from "@/lib/server/auto-trms/retry-request";
import { applyAction } from "@/lib/server/requests/apply-action";
import { cancelRequest } from "@/lib/server/requests/cancel-request";
import { requestRefusal, revalidateRequestPages } from "./form";
import { formAction } from "./pipeline";

/** Action (No Upload) from the dashboard row and Provide a Response on the details page: one action, one rule set. */
export const applyNoUploadAction = formAction({ fields: ["referenceNumber", "action", "expectedVersion"] }, async (input, { actor, locale }) => {
  const result = await applyAction({ actor, input });
  if (!result.ok) {
    // Only the choice is the user's; the hidden fields are the page's, so anything else wrong means a broken page.
    if (result.reason === "invalid" && result.fieldErrors.action && Object.keys(result.fieldErrors).length === 1) {
      return { ok: false, messageKey: "respond.errors.chooseResponse", fieldErrors: { action: result.fieldErrors.action } };
    }
    if (result.reason === "notBeforeSendAfter") {
      return { ok: false, messageKey: "respond.errors.notBeforeSendAfter", values: { date: longDate(locale, result.sendAfter) } };
    }
    return requestRefusal(result, locale);
  }
  revalidateRequestPages();
  return { ok: true, messageKey: `respond.done.${result.action}`, values: { reference: result.referenceNumber } };
});

/** Cancelling a request with a reason: OCAS administrators only (refused here for anyone else, whatever the page showed). */
export const cancelRequestAction = formAction(
  { fields: ["referenceNumber", "reason", "expectedVersion"], echo: ["reason"] },
  async (input, { actor, locale }) => {
    const result = await cancelRequest({ actor, input });
    if (!result.ok) {
      const reason = result.reason === "invalid" ? result.fieldErrors.reason : undefined;
      if (result.reason === "invalid" && reason && Object.keys(result.fieldErrors).length === 1) return { ok: false, fieldErrors: { reason } };
      return requestRefusal(result, locale);
    }
    revalidateRequestPages();
    return { ok: true, messageKey: "details.cancel.done", values: { reference: result.referenceNumber } };
  },
);

/**
 * Retry Auto-TRMS on the details page: for a request Auto-TRMS left as "SIS unavailable", by anyone who may see it.
 * The run happens in the background; the page shows its outcome once it is written.
 */
export const retryAutoTrmsAction = formAction({ fields: ["referenceNumber", "expectedVersion"] }, async (input, { actor, locale }) => {
  const result = await retryAutoTrms({ actor, input });
  if (!result.ok) {
    switch (result.reason) {
      case "notRetryable":
      case "notAutoTrms":
      case "inProgress":
        return { ok: false, messageKey: `details.retryAutoTrms.errors.${result.reason}` };
      default:
        return requestRefusal(result, locale);
    }
  }
  revalidateRequestPages();
  return { ok: true, messageKey: "details.retryAutoTrms.done", values: { reference: result.referenceNumber } };
});
