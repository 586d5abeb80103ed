import "server-only";
import { compareWithRequest, isCleanMatch, type FieldComparison, type RequestIdentity } from "@/lib/domain/pesc/compare";
import type { Transcript } from "@/lib/domain/pesc/transcript";
import type { FoundPendingUpload } from "./find-pending-upload";

/** What a transcript is compared with: the request's name and OEN as on the application, the applicant's birth date and gender. */
export function requestIdentity(request: {
  referenceNumber: string;
  firstName: string;
  lastName: string;
  oen: string | null;
  applicant: { dateOfBirth: string; gender: string };
}): RequestIdentity {
  return {
    referenceNumber: request.referenceNumber,
    firstName: request.firstName,
    lastName: request.lastName,
    dateOfBirth: request.applicant.dateOfBirth,
    gender: request.applicant.gender,
    oen: request.oen,
  };
}

/** The validation screen's comparison (Auto-TRMS compares the same identity: lib/server/auto-trms/match-request.ts). */
export function compareUpload(pending: Pick<FoundPendingUpload, "request">, transcript: Transcript): FieldComparison[] {
  return compareWithRequest(requestIdentity(pending.request), transcript);
}

/** What the "validated" timeline row keeps: outcome per field (no names or dates) and whether it was a clean match. */
export function summarizeComparisons(comparisons: readonly FieldComparison[]) {
  return {
    clean: isCleanMatch(comparisons),
    fields: Object.fromEntries(comparisons.map((c) => [c.field, c.outcome])),
  };
}
