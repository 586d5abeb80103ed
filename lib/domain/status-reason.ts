// Why a request could not be processed automatically (or why its file failed), as stored in
// TranscriptRequest.statusReason and in timeline data: a message key plus data, e.g. {"key":"sisNotFound","oen":"…"}.
// Readers get a message key under `reasons.*` and its values; anything unknown or malformed reads as a generic
// reason rather than breaking the page or showing raw JSON.

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

export type ReasonView = { key: ReasonKey; oen?: string; fields?: ComparedField[] };

const OEN = /^\d{9}$/;

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
      return fields.length > 0 ? { key: "sisDifferences", fields } : { key: "sisDifferencesUnspecified" };
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
