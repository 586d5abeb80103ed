"use server";

import type { MatchedBy } from "@/lib/domain/bulk-match";
import type { FieldComparison } from "@/lib/domain/pesc/compare";
import { longDate } from "@/lib/i18n/long-date";
import { cancelBulkUploads } from "@/lib/server/uploads/bulk-cancel-uploads";
import { checkBulkFile, type BulkCheckResult, type BulkRequestSummary } from "@/lib/server/uploads/bulk-check-file";
import type { Locale } from "@/lib/i18n/routing";
import { saveBulkUploads } from "@/lib/server/uploads/bulk-save-uploads";
import { fileOf, revalidateRequestPages, statusName, textsOf, transcriptProblems, type UploadProblem } from "./form";
import { formCall, GENERIC_ERROR } from "./pipeline";
import type { ActionResult } from "./result";

// Bulk upload (/requests/bulk-upload): the page sends its files one at a time to checkBulkFileAction, which stages
// each matched transcript (a file's, or each of a PESC batch's) as the user's pending upload; saveBulkUploadsAction
// then saves the clean ones by pending id. The browser never names a request, a scope or a verdict: the server finds
// and re-checks them.

export type BulkOutcome = "matched" | "differences" | "several" | "noMatch" | "notOpen" | "refused";

/** One row of the review table: a transcript. Messages are keys with their values, worded in the user's language by the page. */
export type BulkFileRow = {
  outcome: BulkOutcome;
  /** A transcript of a PESC batch file: its place, and the student it names when it could be read. */
  transcript?: { number: number; count: number; studentName?: string };
  /** The user's pending upload (matched and differences): saved by "Save all clean matches" or on the validation screen. */
  pendingId?: string;
  request?: BulkRequestSummary;
  /** several: the open requests that fit, for the user to choose from. */
  requests?: BulkRequestSummary[];
  by?: MatchedBy;
  comparisons?: FieldComparison[];
  messageKey?: string;
  values?: Record<string, string | number>;
  problems?: UploadProblem[];
};

/** The answer for one file: its rows on success (one per transcript), a message otherwise (the session ended, a broken page). */
export type BulkCheckState = ActionResult & { rows?: BulkFileRow[] };

export type BulkSaveRow = { pendingId: string; saved: boolean; messageKey?: string; values?: Record<string, string | number> };
export type BulkSaveState = ActionResult & { rows?: BulkSaveRow[] };

/** Checks one file: parsed, each of its transcripts matched in the user's scope, and staged when it matched one open request. */
export const checkBulkFileAction = formCall<never, BulkCheckState>({}, async (_input, { actor, locale, form }): Promise<BulkCheckState> => {
  const result = await checkBulkFile({ actor, file: fileOf(form) });
  if (result.outcome !== "batch") return { ok: true, rows: [await rowOf(result, locale)] };
  const rows: BulkFileRow[] = [];
  for (const { number, count, student, result: each } of result.transcripts) {
    const transcript = { number, count, ...(student && { studentName: `${student.firstName} ${student.lastName}` }) };
    rows.push({ ...(await rowOf(each, locale)), transcript });
  }
  return { ok: true, rows };
});

async function rowOf(result: BulkCheckResult, locale: Locale): Promise<BulkFileRow> {
  switch (result.outcome) {
    case "matched":
    case "differences": {
      const { outcome, pendingId, request, by, comparisons } = result;
      return { outcome, pendingId, request, by, comparisons };
    }
    case "several":
      return { outcome: "several", requests: result.requests, messageKey: "bulkUpload.reasons.several", values: { count: result.requests.length } };
    case "noMatch":
      return { outcome: "noMatch", messageKey: "bulkUpload.reasons.noMatch" };
    case "notOpen":
      return {
        outcome: "notOpen",
        request: result.request,
        messageKey: "bulkUpload.reasons.notOpen",
        values: { status: await statusName(locale, result.status) },
      };
    case "notDue":
      return { outcome: "notOpen", request: result.request, messageKey: "bulkUpload.reasons.notDue", values: { date: longDate(locale, result.sendAfter) } };
    case "stale":
      return { outcome: "notOpen", request: result.request, messageKey: "bulkUpload.reasons.stale" };
    case "refused":
      switch (result.reason) {
        case "noFile":
          return { outcome: "refused", messageKey: "bulkUpload.reasons.empty" };
        case "pdf":
          return { outcome: "refused", messageKey: "bulkUpload.reasons.pdf" };
        case "fileName":
          return { outcome: "refused", messageKey: "upload.errors.fileName" };
        case "notXmlOrPdf":
          return { outcome: "refused", messageKey: "upload.errors.notXmlOrPdf" };
        case "tooLarge":
          return { outcome: "refused", messageKey: "upload.errors.tooLarge", values: { limitMb: result.limit / 1024 / 1024 } };
        case "transcript":
          return { outcome: "refused", messageKey: "upload.refused", problems: transcriptProblems(result.errors) };
      }
  }
}

/** "Save all clean matches": the pending uploads named by id, each saved on its own if it is still a clean match. */
export const saveBulkUploadsAction = formCall<never, BulkSaveState>({}, async (_input, { actor, locale, form }): Promise<BulkSaveState> => {
  const result = await saveBulkUploads({ actor, input: { pendingIds: textsOf(form, "pendingId") } });
  if (!result.ok) return GENERIC_ERROR;
  const rows: BulkSaveRow[] = [];
  for (const item of result.items) {
    if (item.ok) {
      rows.push({ pendingId: item.pendingId, saved: true });
      continue;
    }
    switch (item.reason) {
      case "notFound":
        rows.push({ pendingId: item.pendingId, saved: false, messageKey: "upload.errors.expired" });
        break;
      case "notClean":
        rows.push({ pendingId: item.pendingId, saved: false, messageKey: "bulkUpload.reasons.notClean" });
        break;
      case "stale":
        rows.push({ pendingId: item.pendingId, saved: false, messageKey: "errors.staleForm" });
        break;
      case "invalidTransition":
        rows.push({
          pendingId: item.pendingId,
          saved: false,
          messageKey: "errors.invalidTransition",
          values: { status: await statusName(locale, item.status) },
        });
        break;
    }
  }
  if (rows.some((r) => r.saved)) revalidateRequestPages();
  return { ok: true, rows };
});

/** Forgets pending uploads of the batch that will not be saved (e.g. two files for one request). */
export const cancelBulkUploadsAction = formCall({}, async (_input, { actor, form }) => {
  await cancelBulkUploads({ actor, input: { pendingIds: textsOf(form, "pendingId") } });
  return { ok: true };
});
