// The one shape every server action returns (architecture habit 3). Errors are message keys, translated in the
// user's language by the form; never raw exception text.
export type FieldErrors = Record<string, string[]>;

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

/** zod issues → per-field message keys (the schema's messages are message keys). */
export function fieldErrorsFrom(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? "form");
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
