import "server-only";
import { compareWithRequest, isCleanMatch, type FieldComparison } from "@/lib/domain/pesc/compare";
import type { Transcript } from "@/lib/domain/pesc/transcript";
import type { FoundPendingUpload } from "./find-pending-upload";

/** The validation screen's comparison: the request's name and OEN as on the application, the applicant's birth date and gender. */
export function compareUpload(pending: Pick<FoundPendingUpload, "request">, transcript: Transcript): FieldComparison[] {
  const { request } = pending;
  return compareWithRequest(
    {
      referenceNumber: request.referenceNumber,
      firstName: request.firstName,
      lastName: request.lastName,
      dateOfBirth: request.applicant.dateOfBirth,
      gender: request.applicant.gender,
      oen: request.oen,
    },
    transcript,
  );
}

/** What the "validated" timeline row keeps: outcome per field (no names or dates) and whether it was a clean match. */
export function summarizeComparisons(comparisons: readonly FieldComparison[]) {
  return {
    clean: isCleanMatch(comparisons),
    fields: Object.fromEntries(comparisons.map((c) => [c.field, c.outcome])),
  };
}
