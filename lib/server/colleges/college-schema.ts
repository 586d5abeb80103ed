import "server-only";
import { z } from "zod";
import { checkboxField, nameField } from "@/lib/server/admin/form-fields";

// The college settings form (contracts §10): the names EN/FR (absent: kept), the Delivery URL (empty: none, the
// college's batches wait for download) and Active; a new college's code (four letters, fixed once created). Messages are message keys under `colleges.errors`, translated by the form.

export const DELIVERY_URL_MAX_LENGTH = 2000;
/** College codes are four letters (contracts §10); longer input is never looked up. */
export const COLLEGE_CODE_MAX_LENGTH = 8;

const E = "colleges.errors";

/** The raw form fields: strings, "" when empty; the checkbox "on" when ticked (absent otherwise). */
export const CollegeFormSchema = z.object({
  nameEn: nameField("nameEn").optional(),
  nameFr: nameField("nameFr").optional(),
  deliveryUrl: z.string(`${E}.urlInvalid`).trim().max(DELIVERY_URL_MAX_LENGTH, `${E}.urlTooLong`),
  active: z
    .string()
    .optional()
    .transform((v) => v === "on"),
  // The college's `updatedAt` when the form was shown (ISO); when given, a save over someone else's change is refused.
  version: z.string().max(40).optional(),
});

/** What a caller hands over: the form's strings, unchecked. */
export type CollegeFormInput = { nameEn?: unknown; nameFr?: unknown; deliveryUrl?: unknown; active?: unknown; version?: unknown };

export const COLLEGE_CODE = /^[A-Z]{4}$/;

/** A new college: its code (four letters, upper-cased), names and Active; the Delivery URL and secret come after. */
export const NewCollegeSchema = z.object({
  code: z.string(`${E}.codeFormat`).trim().toUpperCase().regex(COLLEGE_CODE, `${E}.codeFormat`),
  nameEn: nameField("nameEn"),
  nameFr: nameField("nameFr"),
  active: checkboxField,
});

export type NewCollegeInput = { [K in keyof z.input<typeof NewCollegeSchema>]?: unknown };
