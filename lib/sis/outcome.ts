// What an Auto-TRMS answer means for the request (product §6): a transcript is checked exactly as a manual upload
// (the same parser, comparison and clean-match rule); anything else leaves the request in To Do with a reason.
// Pure: no I/O.
// Relative imports: this module also runs in the PESC worker thread (pesc-worker.ts), which is loaded outside the
// app's path aliases when run from source.
import crypto from "node:crypto";
import { compareWithRequest, isCleanMatch, type FieldComparison, type RequestIdentity } from "../domain/pesc/compare";
import { parseTranscript } from "../domain/pesc/parse-transcript";
import type { Transcript } from "../domain/pesc/transcript";
import { DIFFERENCE_VALUE_MAX_LENGTH, type ComparedField, type DifferenceValues, type ReasonKey } from "../domain/status-reason";
import type { SisCallResult } from "./call-sis";

/** AutoMatchAttempt.outcome values. */
export const AUTO_MATCH_OUTCOMES = [
  "MATCHED",
  "DIFFERENCES",
  "INVALID_TRANSCRIPT",
  "NOT_FOUND",
  "MULTIPLE_MATCHES",
  "NO_ACADEMIC_DATA",
  "FINANCIAL_HOLD",
  "UNAVAILABLE",
  /** The request changed meanwhile (someone acted on it, or another run matched it): nothing was written. */
  "STALE",
] as const;
export type AutoMatchOutcome = (typeof AUTO_MATCH_OUTCOMES)[number];

/** Stored in statusReason and the timeline: a message key under `reasons.*` with its data (lib/domain/status-reason). */
export type StoredReason = { key: ReasonKey; oen?: string; fields?: ComparedField[]; values?: DifferenceValues[] };

export type AutoMatchDecision =
  | { outcome: "MATCHED"; transcript: Transcript; comparisons: FieldComparison[] }
  | { outcome: Exclude<AutoMatchOutcome, "MATCHED" | "STALE">; reason: StoredReason; comparisons?: FieldComparison[] };

/**
 * A decision as written (lib/server/auto-trms/write-outcomes.ts): for a match, the transcript's bytes as the SIS
 * sent them (stored as they are) and their SHA-256 instead of the parsed transcript.
 */
export type AutoMatchVerdict =
  { outcome: "MATCHED"; bytes: Uint8Array; sha256: string; comparisons: FieldComparison[] } | Exclude<AutoMatchDecision, { outcome: "MATCHED" }>;

type Answer = SisCallResult["answer"];

/** The decision for a final answer that carries no transcript: always a reason to leave the request in To Do. */
export function decideWithoutTranscript(
  answer: Exclude<Answer, { kind: "transcript" }>,
  request: Pick<RequestIdentity, "oen">,
): Exclude<AutoMatchDecision, { outcome: "MATCHED" }> {
  switch (answer.kind) {
    case "notFound":
      return { outcome: "NOT_FOUND", reason: request.oen ? { key: "sisNotFound", oen: request.oen } : { key: "sisNotFound" } };
    case "multipleMatches":
      return { outcome: "MULTIPLE_MATCHES", reason: { key: "sisMultipleMatches" } };
    case "noAcademicData":
      return { outcome: "NO_ACADEMIC_DATA", reason: { key: "sisNoAcademicData" } };
    case "financialHold":
      return { outcome: "FINANCIAL_HOLD", reason: { key: "sisFinancialHold" } };
    case "unavailable":
      return { outcome: "UNAVAILABLE", reason: { key: "sisUnavailable" } };
  }
}

function decideTranscript(xml: Uint8Array, request: RequestIdentity): AutoMatchDecision {
  const parsed = parseTranscript(xml);
  if (!parsed.ok) return { outcome: "INVALID_TRANSCRIPT", reason: { key: "sisInvalidTranscript" } };
  const comparisons = compareWithRequest(request, parsed.transcript);
  if (!isCleanMatch(comparisons)) {
    // The fields that spoil the match, by the very same rule, with the value on each side (the details page shows
    // them; the timeline and the attempt keep only the fields: write-outcomes.ts).
    const spoiling = comparisons.filter((c) => !isCleanMatch([c]));
    const fields = spoiling.map((c) => c.field);
    const values = spoiling.map((c) => ({ field: c.field, request: clip(c.requestValue), sis: clip(c.transcriptValue) }));
    return { outcome: "DIFFERENCES", reason: { key: "sisDifferences", fields, values }, comparisons };
  }
  return { outcome: "MATCHED", transcript: parsed.transcript, comparisons };
}

const clip = (value: string | null) => (value === null ? null : value.slice(0, DIFFERENCE_VALUE_MAX_LENGTH));

/** The verdict on a transcript the SIS returned (what pesc-pool.ts computes, on a worker thread or inline). */
export function verdictOf(bytes: Uint8Array, request: RequestIdentity): AutoMatchVerdict {
  const decision = decideTranscript(bytes, request);
  if (decision.outcome !== "MATCHED") return decision;
  return { outcome: "MATCHED", bytes, sha256: crypto.createHash("sha256").update(bytes).digest("hex"), comparisons: decision.comparisons };
}
