// zod issues → per-field message keys (the schemas' messages are message keys), for forms and their actions.
export type FieldErrors = Record<string, string[]>;

export function fieldErrorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) (out[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
  return out;
}
