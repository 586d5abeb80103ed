import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import type { RequestStatus } from "@/lib/domain/statuses";
import type { Locale } from "@/lib/i18n/routing";
import type { UploadedBlob } from "@/lib/server/uploads/stage-upload";
import { FORBIDDEN, GENERIC_ERROR, STALE_FORM } from "./pipeline";
import type { ActionResult } from "./result";

// Small pieces the request actions share (not a "use server" file: these are not actions). The pipeline every action
// goes through is ./pipeline.ts.

/** A file field of the form; null when none was chosen (a form submitted without a choice sends an empty file). */
export function fileOf(form: FormData, name = "file"): UploadedBlob | null {
  const value = form.get(name);
  return typeof value === "object" && value !== null && value.size > 0 ? value : null;
}

/** Every value of a repeated text field (a list of ids). */
export const textsOf = (form: FormData, name: string) => form.getAll(name).filter((v): v is string => typeof v === "string");

// Route file structures, route groups included: the dashboard, the details and applicant pages show a request's status.
const REQUEST_PAGES = ["/[locale]/(app)/requests", "/[locale]/(app)/requests/[reference]", "/[locale]/(app)/applicants/[id]"];

/** After a request changed: the pages that show it render afresh (plus `extra` route files). */
export function revalidateRequestPages(...extra: string[]) {
  for (const page of [...REQUEST_PAGES, ...extra]) revalidatePath(page, "page");
}

/** A status's name in `locale`, for messages such as errors.invalidTransition. */
export async function statusName(locale: Locale, status: RequestStatus): Promise<string> {
  const t = await getTranslations({ locale, namespace: "statuses" });
  return t(status);
}

/** The form's answer when the request's status does not allow the action (named in the user's language). */
export async function invalidTransition(locale: Locale, status: RequestStatus) {
  return { ok: false, messageKey: "errors.invalidTransition", values: { status: await statusName(locale, status) } } as const;
}

/** A request that is unknown or out of the actor's scope (the same answer, so a guess learns nothing). */
export const REQUEST_NOT_FOUND: ActionResult = { ok: false, messageKey: "respond.errors.notFound" };

/**
 * The answers the request actions share, for a verb's refusal: forbidden, not found, stale, a status that does not
 * allow it; anything else (an invalid hidden field: a broken page) is the generic error. Each action handles its own
 * reasons first.
 */
export async function requestRefusal(result: { reason: string; status?: RequestStatus }, locale: Locale): Promise<ActionResult> {
  switch (result.reason) {
    case "forbidden":
      return FORBIDDEN;
    case "notFound":
      return REQUEST_NOT_FOUND;
    case "stale":
      return STALE_FORM;
    case "invalidTransition":
      return result.status ? invalidTransition(locale, result.status) : GENERIC_ERROR;
    default:
      return GENERIC_ERROR;
  }
}

/**
 * One refused-file problem, worded by the form: `pesc.errors.<code>` with its values, at a line when known, in a
 * transcript of a batch file (its number) when it is one.
 */
export type UploadProblem = { messageKey: string; values?: Record<string, string | number>; line?: number; document?: number };

/** The problems of a refused transcript, as the upload forms word them. */
export function transcriptProblems(
  errors: readonly { code: string; values?: Record<string, string | number>; line?: number; document?: number }[],
): UploadProblem[] {
  return errors.map((e) => ({
    messageKey: `pesc.errors.${e.code}`,
    ...(e.values && { values: e.values }),
    ...(e.line !== undefined && { line: e.line }),
    ...(e.document !== undefined && { document: e.document }),
  }));
}
