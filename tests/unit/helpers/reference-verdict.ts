import { compareWithRequest, isCleanMatch, type RequestIdentity } from "@/lib/domain/pesc/compare";
import { parseTranscript } from "@/lib/domain/pesc/parse-transcript";

// The verdict on a transcript the SIS returned, written from the contract (§2: "checked exactly as a manual upload"):
// what the production check (lib/sis/outcome.ts verdictOf, on a worker thread or not) is tested equal to.
export function referenceVerdict(xml: Uint8Array, request: RequestIdentity) {
  const parsed = parseTranscript(xml);
  if (!parsed.ok) return { outcome: "INVALID_TRANSCRIPT", reason: { key: "sisInvalidTranscript" } } as const;
  const comparisons = compareWithRequest(request, parsed.transcript);
  if (isCleanMatch(comparisons)) return { outcome: "MATCHED", comparisons } as const;
  // The fields that spoil the match, and what each side says about them (shown on the details page).
  const spoiling = comparisons.filter((c) => !isCleanMatch([c]));
  return {
    outcome: "DIFFERENCES",
    reason: {
      key: "sisDifferences",
      fields: spoiling.map((c) => c.field),
      values: spoiling.map((c) => ({ field: c.field, request: c.requestValue, sis: c.transcriptValue })),
    },
    comparisons,
  } as const;
}
