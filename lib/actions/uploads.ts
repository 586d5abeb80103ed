"use server";

import { redirect } from "next/navigation";
import { longDate } from "@/lib/i18n/long-date";
import type { Locale } from "@/lib/i18n/routing";
import { cancelUpload } from "@/lib/server/uploads/cancel-upload";
import { completePdf } from "@/lib/server/uploads/complete-pdf";
import { saveUpload } from "@/lib/server/uploads/save-upload";
import { MAX_UPLOAD_BYTES, stageUpload, type UploadedBlob } from "@/lib/server/uploads/stage-upload";
import { invalidTransition, localeOf, revalidateRequestPages, SESSION_ENDED, signedIn, STALE_FORM, text } from "./form";
import type { ActionResult } from "./result";

// Upload Transcript (details page) → validation screen → "Yes – Save and continue" or "No – Cancel and return to
// previous screen". The browser only ever sends the file once; afterwards it names the pending upload by id.

const LIMIT_MB = MAX_UPLOAD_BYTES / 1024 / 1024;

/** One refused-file problem, worded by the form: `pesc.errors.<code>` with its values, at a line when known. */
export type UploadProblem = { messageKey: string; values?: Record<string, string | number>; line?: number };
export type UploadFormState = ActionResult & { problems?: UploadProblem[] };

function fileOf(form: FormData): UploadedBlob | null {
  const value = form.get("file");
  // A form submitted without a choice sends an empty, nameless file.
  return typeof value === "object" && value !== null && value.size > 0 ? value : null;
}

const detailsPath = (locale: Locale, reference: string) => `/${locale}/requests/${encodeURIComponent(reference)}`;

/** Upload Transcript / Re-upload Transcript: checks and keeps the file, then opens the validation screen. */
export async function stageUploadAction(_prev: UploadFormState, form: FormData): Promise<UploadFormState> {
  const actor = await signedIn();
  if (!actor) return SESSION_ENDED;
  const locale = localeOf(form, actor);
  const result = await stageUpload({
    actor,
    input: { referenceNumber: text(form, "referenceNumber"), expectedVersion: text(form, "expectedVersion") },
    file: fileOf(form),
  });
  if (!result.ok) {
    switch (result.reason) {
      case "invalid":
        return { ok: false, messageKey: "errors.generic" };
      case "notFound":
        return { ok: false, messageKey: "respond.errors.notFound" };
      case "stale":
        return STALE_FORM;
      case "noFile":
        return { ok: false, messageKey: "upload.errors.noFile" };
      case "tooLarge":
        return { ok: false, messageKey: "upload.errors.tooLarge", values: { limitMb: LIMIT_MB } };
      case "invalidTransition":
        return invalidTransition(locale, result.status);
      case "notBeforeSendAfter":
        return { ok: false, messageKey: "respond.errors.notBeforeSendAfter", values: { date: longDate(locale, result.sendAfter) } };
      case "transcript":
        return {
          ok: false,
          messageKey: "upload.refused",
          problems: result.errors.map((e) => ({ messageKey: `pesc.errors.${e.code}`, ...(e.values && { values: e.values }), ...(e.line !== undefined && { line: e.line }) })),
        };
    }
  }
  redirect(`${detailsPath(locale, result.referenceNumber)}/validate?pending=${encodeURIComponent(result.pendingId)}`);
}

/** "Yes – Save and continue". */
export async function saveUploadAction(_prev: UploadFormState, form: FormData): Promise<UploadFormState> {
  const actor = await signedIn();
  if (!actor) return SESSION_ENDED;
  const locale = localeOf(form, actor);
  const result = await saveUpload({ actor, pendingId: text(form, "pendingId") });
  if (!result.ok) {
    switch (result.reason) {
      case "notFound":
        return { ok: false, messageKey: "upload.errors.expired" };
      case "stale":
        return STALE_FORM;
      case "invalidTransition":
        return invalidTransition(locale, result.status);
    }
  }
  revalidateRequestPages();
  redirect(`${detailsPath(locale, result.referenceNumber)}?uploaded=${result.kind}#upload`);
}

/** "No – Cancel and return to previous screen": nothing is saved. */
export async function cancelUploadAction(form: FormData): Promise<void> {
  const actor = await signedIn();
  if (!actor) redirect("/");
  const locale = localeOf(form, actor);
  const cancelled = await cancelUpload({ actor, pendingId: text(form, "pendingId") });
  const reference = cancelled?.referenceNumber ?? text(form, "referenceNumber");
  redirect(`${detailsPath(locale, reference)}?uploaded=cancelled#upload`);
}

/** "Complete" in the PDF queue: OCAS administrators only (refused here for anyone else, whatever the page showed). */
export async function completePdfAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const actor = await signedIn();
  if (!actor) return SESSION_ENDED;
  const locale = localeOf(form, actor);
  const result = await completePdf({
    actor,
    input: { referenceNumber: text(form, "referenceNumber"), fileId: text(form, "fileId"), expectedVersion: text(form, "expectedVersion") },
  });
  if (!result.ok) {
    switch (result.reason) {
      case "forbidden":
        return { ok: false, messageKey: "errors.forbidden" };
      case "invalid":
        return { ok: false, messageKey: "errors.generic" };
      case "notFound":
        return { ok: false, messageKey: "respond.errors.notFound" };
      case "stale":
        return STALE_FORM;
      case "invalidTransition":
        return invalidTransition(locale, result.status);
    }
  }
  revalidateRequestPages("/[locale]/(app)/admin/pdf-queue");
  // The completed row leaves the queue: the page says what happened.
  redirect(`/${locale}/admin/pdf-queue?completed=${encodeURIComponent(result.referenceNumber)}`);
}
