// The validation screen's comparison of a request with an uploaded transcript (product §4); automatic processing
// (Auto-TRMS, bulk upload) decides on the same comparison through isCleanMatch.
import { foldName } from "../fold";
import { normalizeOen } from "../oen";
import type { ComparedField } from "../status-reason";
import type { Transcript } from "./transcript";

export type ComparisonOutcome = "same" | "minor" | "different" | "missing";
export type TranscriptComparedField = Exclude<ComparedField, "middleName">;

export type FieldComparison = {
  field: TranscriptComparedField;
  /** As on each side (trimmed), null when that side has none. */
  requestValue: string | null;
  transcriptValue: string | null;
  outcome: ComparisonOutcome;
};

export type RequestIdentity = {
  referenceNumber: string;
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  /** As stored: MALE, FEMALE or X. */
  gender: string;
  oen: string | null;
};

const present = (s: string | null | undefined): string | null => s?.trim() || null;

function compare(
  field: TranscriptComparedField,
  request: string | null | undefined,
  transcript: string | null | undefined,
  key: (s: string) => string,
  minorKey?: (s: string) => string,
): FieldComparison {
  const requestValue = present(request);
  const transcriptValue = present(transcript);
  let outcome: ComparisonOutcome;
  if (requestValue === null || transcriptValue === null) outcome = "missing";
  else if (key(requestValue) === key(transcriptValue)) outcome = "same";
  else if (minorKey && minorKey(requestValue) === minorKey(transcriptValue)) outcome = "minor";
  else outcome = "different";
  return { field, requestValue, transcriptValue, outcome };
}

// Composed and decomposed accents are the same text; anything else that foldName removes (case, accents, spacing,
// typographic apostrophes and hyphens) is a minor difference.
const exactName = (s: string) => s.normalize("NFC");
const exact = (s: string) => s;
const upper = (s: string) => s.toUpperCase();

// The request stores MALE / FEMALE / X; PESC writes Male / Female (and other codes as the school's system has them).
const GENDER_SYNONYMS: Readonly<Record<string, string>> = { M: "MALE", F: "FEMALE" };
const gender = (s: string) => {
  const u = s.toUpperCase();
  return GENDER_SYNONYMS[u] ?? u;
};

/** One entry per compared field; OEN when either side has one, reference when the transcript carries one. */
export function compareWithRequest(request: RequestIdentity, transcript: Transcript): FieldComparison[] {
  const { student } = transcript;
  const comparisons = [
    compare("firstName", request.firstName, student.firstName, exactName, foldName),
    compare("lastName", request.lastName, student.lastName, exactName, foldName),
    compare("dateOfBirth", request.dateOfBirth, student.birthDate, exact),
    compare("gender", request.gender, student.gender, gender),
  ];
  const requestOen = normalizeOen(request.oen);
  if (requestOen !== null || student.oen !== null) comparisons.push(compare("oen", requestOen, student.oen, exact));
  if (transcript.requestTrackingId !== undefined) {
    comparisons.push(compare("referenceNumber", request.referenceNumber, transcript.requestTrackingId, upper));
  }
  return comparisons;
}

// Fields whose absence on one side contradicts nothing: an applicant may not know their OEN (the transcript then
// supplies it), and a school's system may not send a gender. Names, date of birth and reference must agree.
const MAY_BE_MISSING: ReadonlySet<TranscriptComparedField> = new Set(["oen", "gender"]);

/**
 * Whether the transcript may be attached without a person looking at it (bulk upload's "save all clean
 * matches", Auto-TRMS). "minor" counts as clean: by construction it arises only on names, and only when they are
 * equal once case, accents, spacing and typographic apostrophes/hyphens are folded (Émilie / EMILIE), which is
 * how the same name is commonly typed differently; the validation screen still shows it marked minor. Any
 * "different" is not clean, nor a missing name, date of birth or reference.
 */
export function isCleanMatch(comparisons: readonly FieldComparison[]): boolean {
  return comparisons.every((c) => c.outcome === "same" || c.outcome === "minor" || (c.outcome === "missing" && MAY_BE_MISSING.has(c.field)));
}
