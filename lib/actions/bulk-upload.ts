"use server";

import type { MatchedBy } from "@/lib/domain/bulk-match";
import type { FieldComparison } from "@/lib/domain/pesc/compare";
import { longDate } from "@/lib/i18n/long-date";
import { cancelBulkUploads } from "@/lib/server/uploads/bulk-cancel-uploads";
import { checkBulkFile, type BulkRequestSummary } from "@/lib/server/uploads/bulk-check-file";
import { saveBulkUploads } from "@/lib/server/uploads/bulk-save-uploads";
import type { UploadedBlob } from "@/lib/server/uploads/stage-upload";
import { localeOf, revalidateRequestPages, SESSION_ENDED, signedIn, statusName } from "./form";
import type { UploadProblem } from "./uploads";

// Bulk upload (/requests/bulk-upload): the page sends its files one at a time to checkBulkFileAction, which stages
// each matched file as the user's pending upload; saveBulkUploadsAction then saves the clean ones by pending id.
// The browser never names a request, a scope or a verdict: the server finds and re-checks them.

export type BulkOutcome = "matched" | "differences" | "several" | "noMatch" | "notOpen" | "refused";

/** One row of the review table. Messages are keys with their values, worded in the user's language by the page. */
export type BulkFileRow = {
  outcome: BulkOutcome;
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

export type BulkCheckState = { ok: true; row: BulkFileRow } | { ok: false; messageKey: string };

export type BulkSaveRow = { pendingId: string; saved: boolean; messageKey?: string; values?: Record<string, string | number> };
export type BulkSaveState = { ok: true; rows: BulkSaveRow[] } | { ok: false; messageKey: string };


function fileOf(form: FormData): UploadedBlob | null {
  const value = form.get("file");
  return typeof value === "object" && value !== null ? value : null;
}

/** Checks one file of the batch: parsed, matched in the user's scope, and staged when it matched one open request. */
export async function checkBulkFileAction(form: FormData): Promise<BulkCheckState> {
  const actor = await signedIn();
  if (!actor) return SESSION_ENDED;
  const locale = localeOf(form, actor);
  const result = await checkBulkFile({ actor, file: fileOf(form) });
  switch (result.outcome) {
    case "matched":
    case "differences": {
      const { outcome, pendingId, request, by, comparisons } = result;
      return { ok: true, row: { outcome, pendingId, request, by, comparisons } };
    }
    case "several":
      return { ok: true, row: { outcome: "several", requests: result.requests, messageKey: "bulkUpload.reasons.several", values: { count: result.requests.length } } };
    case "noMatch":
      return { ok: true, row: { outcome: "noMatch", messageKey: "bulkUpload.reasons.noMatch" } };
    case "notOpen":
      return {
        ok: true,
        row: { outcome: "notOpen", request: result.request, messageKey: "bulkUpload.reasons.notOpen", values: { status: await statusName(locale, result.status) } },
      };
    case "notDue":
      return { ok: true, row: { outcome: "notOpen", request: result.request, messageKey: "bulkUpload.reasons.notDue", values: { date: longDate(locale, result.sendAfter) } } };
    case "stale":
      return { ok: true, row: { outcome: "notOpen", request: result.request, messageKey: "bulkUpload.reasons.stale" } };
    case "refused":
      switch (result.reason) {
        case "noFile":
          return { ok: true, row: { outcome: "refused", messageKey: "bulkUpload.reasons.empty" } };
        case "pdf":
          return { ok: true, row: { outcome: "refused", messageKey: "bulkUpload.reasons.pdf" } };
        case "tooLarge":
          return { ok: true, row: { outcome: "refused", messageKey: "upload.errors.tooLarge", values: { limitMb: result.limit / 1024 / 1024 } } };
        case "transcript":
          return {
            ok: true,
            row: {
              outcome: "refused",
              messageKey: "upload.refused",
              problems: result.errors.map((e) => ({ messageKey: `pesc.errors.${e.code}`, ...(e.values && { values: e.values }), ...(e.line !== undefined && { line: e.line }) })),
            },
          };
      }
  }
}

/** "Save all clean matches": the pending uploads named by id, each saved on its own if it is still a clean match. */
export async function saveBulkUploadsAction(form: FormData): Promise<BulkSaveState> {
  const actor = await signedIn();
  if (!actor) return SESSION_ENDED;
  const locale = localeOf(form, actor);
  const pendingIds = form.getAll("pendingId").filter((v): v is string => typeof v === "string");
  const result = await saveBulkUploads({ actor, input: { pendingIds } });
  if (!result.ok) return { ok: false, messageKey: "errors.generic" };
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
        rows.push({ pendingId: item.pendingId, saved: false, messageKey: "errors.invalidTransition", values: { status: await statusName(locale, item.status) } });
        break;
    }
  }
  if (rows.some((r) => r.saved)) revalidateRequestPages();
  return { ok: true, rows };
}

/** Forgets pending uploads of the batch that will not be saved (e.g. two files for one request). */
export async function cancelBulkUploadsAction(form: FormData): Promise<void> {
  const actor = await signedIn();
  if (!actor) return;
  const pendingIds = form.getAll("pendingId").filter((v): v is string => typeof v === "string");
  await cancelBulkUploads({ actor, input: { pendingIds } });
}
