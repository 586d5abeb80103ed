import "server-only";
import { z } from "zod";

// The college settings form (contracts §10): the Delivery URL (empty: none, the college's batches wait for download)
// and Active. Messages are message keys under `colleges.errors`, translated by the form.

export const DELIVERY_URL_MAX_LENGTH = 2000;
/** College codes are four letters (contracts §10); longer input is never looked up. */
export const COLLEGE_CODE_MAX_LENGTH = 8;

const E = "colleges.errors";

/** The raw form fields: strings, "" when empty; the checkbox "on" when ticked (absent otherwise). */
export const CollegeFormSchema = z.object({
  deliveryUrl: z.string(`${E}.urlInvalid`).trim().max(DELIVERY_URL_MAX_LENGTH, `${E}.urlTooLong`),
  active: z
    .string()
    .optional()
    .transform((v) => v === "on"),
  // The college's `updatedAt` when the form was shown (ISO); when given, a save over someone else's change is refused.
  version: z.string().max(40).optional(),
});

/** What a caller hands over: the form's strings, unchecked. */
export type CollegeFormInput = { deliveryUrl?: unknown; active?: unknown; version?: unknown };
