"use server";

import { redirect } from "next/navigation";
import { longDate } from "@/lib/i18n/long-date";
import type { Locale } from "@/lib/i18n/routing";
import { cancelUpload } from "@/lib/server/uploads/cancel-upload";
import { completePdf } from "@/lib/server/uploads/complete-pdf";
import { saveUpload } from "@/lib/server/uploads/save-upload";
import { MAX_UPLOAD_BYTES, stageUpload } from "@/lib/server/uploads/stage-upload";
import { fileOf, requestRefusal, revalidateRequestPages, transcriptProblems } from "./form";
import { formAction } from "./pipeline";
import type { UploadProblem } from "./form";
import type { ActionResult } from "./result";

// Upload Transcript (details page) → validation screen → "Yes – Save and continue" or "No – Cancel and return to
// previous screen". The browser only ever sends the file once; afterwards it names the pending upload by id.

const LIMIT_MB = MAX_UPLOAD_BYTES / 1024 / 1024;

export type { UploadProblem } from "./form";
export type UploadFormState = ActionResult & { problems?: UploadProblem[] };

const detailsPath = (locale: Locale, reference: string) => `/${locale}/requests/${encodeURIComponent(reference)}`;

/** Upload Transcript / Re-upload Transcript: checks and keeps the file, then opens the validation screen. */
export const stageUploadAction = formAction<"referenceNumber" | "expectedVersion", UploadFormState>(
  { fields: ["referenceNumber", "expectedVersion"] },
  async (input, { actor, locale, form }) => {
    const result = await stageUpload({ actor, input, file: fileOf(form) });
    if (!result.ok) {
      switch (result.reason) {
        case "noFile":
          return { ok: false, messageKey: "upload.errors.noFile" };
        case "fileName":
          return { ok: false, messageKey: "upload.errors.fileName" };
        case "notXmlOrPdf":
          return { ok: false, messageKey: "upload.errors.notXmlOrPdf" };
        case "tooLarge":
          return { ok: false, messageKey: "upload.errors.tooLarge", values: { limitMb: LIMIT_MB } };
        case "notBeforeSendAfter":
          return { ok: false, messageKey: "respond.errors.notBeforeSendAfter", values: { date: longDate(locale, result.sendAfter) } };
        case "transcript":
          return { ok: false, messageKey: "upload.refused", problems: transcriptProblems(result.errors) };
        default:
          return requestRefusal(result, locale);
      }
    }
    redirect(`${detailsPath(locale, result.referenceNumber)}/validate?pending=${encodeURIComponent(result.pendingId)}`);
  },
);

/** "Yes – Save and continue". */
export const saveUploadAction = formAction<"pendingId", UploadFormState>({ fields: ["pendingId"] }, async (input, { actor, locale }) => {
  const result = await saveUpload({ actor, pendingId: input.pendingId });
  if (!result.ok) {
    // The pending upload is gone (expired, saved already, someone else's): the user uploads again.
    if (result.reason === "notFound") return { ok: false, messageKey: "upload.errors.expired" };
    return requestRefusal(result, locale);
  }
  revalidateRequestPages();
  redirect(`${detailsPath(locale, result.referenceNumber)}?uploaded=${result.kind}#upload`);
});

/** "No – Cancel and return to previous screen": nothing is saved; back to the request. */
export const cancelUploadAction = formAction<"pendingId" | "referenceNumber", UploadFormState>(
  { fields: ["pendingId", "referenceNumber"] },
  async (input, { actor, locale }) => {
    const cancelled = await cancelUpload({ actor, pendingId: input.pendingId });
    redirect(`${detailsPath(locale, cancelled?.referenceNumber ?? input.referenceNumber)}?uploaded=cancelled#upload`);
  },
);

/** "Complete" in the PDF queue: OCAS administrators only (refused here for anyone else, whatever the page showed). */
export const completePdfAction = formAction({ fields: ["referenceNumber", "fileId", "expectedVersion"] }, async (input, { actor, locale }) => {
  const result = await completePdf({ actor, input });
  if (!result.ok) return requestRefusal(result, locale);
  revalidateRequestPages("/[locale]/(app)/admin/pdf-queue");
  // The completed row leaves the queue: the page says what happened.
  redirect(`/${locale}/admin/pdf-queue?completed=${encodeURIComponent(result.referenceNumber)}`);
});
