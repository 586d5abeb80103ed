// The one shape every server action returns (architecture habit 3). Errors are message keys, translated in the
// user's language by the form; never raw exception text.
import type { FieldErrors } from "@/lib/domain/field-errors";

export type { FieldErrors };

export type ActionResult = {
  ok: boolean;
  /** A message key under the root of messages/*.json, e.g. "auth.invalidCredentials". */
  messageKey?: string;
  values?: Record<string, string | number>;
  /** Per field: message keys. */
  fieldErrors?: FieldErrors;
  /** Values to put back into the form (React resets uncontrolled fields after an action). */
  fields?: Record<string, string>;
};

export const initialActionResult: ActionResult = { ok: false };
