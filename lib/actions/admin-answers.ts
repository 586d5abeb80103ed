import type { AdminRefusal } from "@/lib/server/admin/form-fields";
import { FORBIDDEN } from "./pipeline";
import type { ActionResult } from "./result";

// The answers the administration forms share (not a "use server" file: these are not actions). Each form's messages
// live under its namespace `ns`: errors.notFound, errors.stale, errors.fixErrors and errors.<field>Taken.

/** A verb's refusal as the form's answer: forbidden, not found, stale, invalid fields, or a taken number named. */
export function adminRefusal(result: AdminRefusal, ns: string): ActionResult {
  switch (result.reason) {
    case "forbidden":
      return FORBIDDEN;
    case "notFound":
      return { ok: false, messageKey: `${ns}.errors.notFound` };
    case "stale":
      return { ok: false, messageKey: `${ns}.errors.stale` };
    case "invalid":
      return { ok: false, messageKey: `${ns}.errors.fixErrors`, fieldErrors: result.fieldErrors };
    case "duplicate":
      return {
        ok: false,
        messageKey: `${ns}.errors.${result.field}Taken`,
        values: { value: result.value },
        fieldErrors: { [result.field]: [`${ns}.errors.${result.field}TakenField`] },
      };
  }
}

/** A name in the page's language. */
export const nameIn = (locale: "en" | "fr", o: { nameEn: string; nameFr: string }) => (locale === "fr" ? o.nameFr : o.nameEn);
