// The "before → after" of an audit row (contracts §10): only the fields that changed, each on both sides.

export type AuditDiff = { before: Record<string, unknown>; after: Record<string, unknown> };

/** The fields of `after` whose value differs from `before`'s; null when nothing changed. Values compare as JSON. */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>): AuditDiff | null {
  const diff: AuditDiff = { before: {}, after: {} };
  for (const key of Object.keys(after)) {
    const was = before[key] ?? null;
    const now = after[key] ?? null;
    if (JSON.stringify(was) === JSON.stringify(now)) continue;
    diff.before[key] = was;
    diff.after[key] = now;
  }
  return Object.keys(diff.after).length === 0 ? null : diff;
}

/** One changed field as it is shown: its name, and its values before and after as text ("" for none). */
export type AuditChangeLine = { field: string; before: string; after: string };

const asText = (value: unknown): string => (value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value));

/** The fields of an audit row's before and after, in the order they were written (after's first). */
export function auditChangeLines(before: Record<string, unknown> | null, after: Record<string, unknown> | null): AuditChangeLine[] {
  const fields = [...new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})])];
  return fields.map((field) => ({ field, before: asText(before?.[field]), after: asText(after?.[field]) }));
}
