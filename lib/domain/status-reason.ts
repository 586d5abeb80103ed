// Why a request could not be processed automatically (or why its file failed), as stored in
// TranscriptRequest.statusReason and in timeline data: a message key plus data, e.g. {"key":"sisNotFound","oen":"…"}.
// Readers get a message key under `reasons.*` and its values; anything unknown or malformed reads as a generic
// reason rather than breaking the page or showing raw JSON.

import { isSafeText } from "./safe-text";

export const REASON_KEYS = [
  "sisNotFound",
  "sisNotFoundNoOen",
  "sisDifferences",
  "sisDifferencesUnspecified",
  "sisMultipleMatches",
  "sisUnavailable",
  "sisNoAcademicData",
  "sisFinancialHold",
  "sisInvalidTranscript",
  "processingFailed",
  "unknown",
] as const;
export type ReasonKey = (typeof REASON_KEYS)[number];

/** The fields a SIS record or transcript is compared on (message keys under `reasons.fields.*`). */
export const COMPARED_FIELDS = ["firstName", "middleName", "lastName", "dateOfBirth", "gender", "oen", "referenceNumber"] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

/**
 * One field that spoils the match, with the value on each side as the request and the SIS have it (null: that side
 * has none). Kept in the request's statusReason only, never in the timeline or the attempts (no names or dates there).
 */
export type DifferenceValues = { field: ComparedField; request: string | null; sis: string | null };

export type ReasonView = { key: ReasonKey; oen?: string; fields?: ComparedField[]; values?: DifferenceValues[] };

const OEN = /^\d{9}$/;
/** Longer than any name, date or code the comparison holds: anything longer is not echoed. */
export const DIFFERENCE_VALUE_MAX_LENGTH = 100;

/** The reason to show, from the stored JSON (or already-parsed data); null when there is none. */
export function parseStatusReason(raw: unknown): ReasonView | null {
  if (raw === null || raw === undefined || raw === "") return null;
  let value: unknown = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      return { key: "unknown" };
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { key: "unknown" };
  const data = value as Record<string, unknown>;
  switch (data.key) {
    case "sisNotFound":
      // Only a well-formed OEN is echoed: the value comes from another system.
      return typeof data.oen === "string" && OEN.test(data.oen) ? { key: "sisNotFound", oen: data.oen } : { key: "sisNotFoundNoOen" };
    case "sisDifferences": {
      const fields = Array.isArray(data.fields) ? COMPARED_FIELDS.filter((f) => (data.fields as unknown[]).includes(f)) : [];
      if (fields.length === 0) return { key: "sisDifferencesUnspecified" };
      // Reasons stored before the values were kept have only the fields; those still read as before.
      const values = differenceValues(data.values, fields);
      return values.length > 0 ? { key: "sisDifferences", fields, values } : { key: "sisDifferences", fields };
    }
    case "sisMultipleMatches":
    case "sisUnavailable":
    case "sisNoAcademicData":
    case "sisFinancialHold":
    case "sisInvalidTranscript":
    case "processingFailed":
      return { key: data.key };
    default:
      return { key: "unknown" };
  }
}

/**
 * The stored values of the listed fields, in the fields' order. A field whose value is not plain short text (or not a
 * string) is left out rather than shown as missing: its name still shows, without values.
 */
function differenceValues(raw: unknown, fields: readonly ComparedField[]): DifferenceValues[] {
  if (!Array.isArray(raw)) return [];
  const out: DifferenceValues[] = [];
  for (const field of fields) {
    const entry: unknown = raw.find((v: unknown) => typeof v === "object" && v !== null && (v as Record<string, unknown>).field === field);
    if (!entry) continue;
    const request = valueText((entry as Record<string, unknown>).request);
    const sis = valueText((entry as Record<string, unknown>).sis);
    if (request === undefined || sis === undefined) continue;
    out.push({ field, request, sis });
  }
  return out;
}

/** A value as stored (null: that side has none); undefined when it cannot be shown. */
function valueText(value: unknown): string | null | undefined {
  if (value === null) return null;
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (text === "") return null;
  return text.length <= DIFFERENCE_VALUE_MAX_LENGTH && isSafeText(text) ? text : undefined;
}

/** The reason without the values (what the timeline and the attempts keep). */
export function withoutValues<R extends { values?: unknown }>(reason: R): Omit<R, "values"> {
  const { values: _values, ...rest } = reason;
  return rest;
}
