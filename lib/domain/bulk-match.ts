// Bulk upload (product §4): which open request of the user's scope a transcript file belongs to. The server finds
// the candidates with indexed, scoped queries; this module decides, on the same comparison as the validation screen.
import { foldName } from "./fold";
import { normalizeOen } from "./oen";
import { compareWithRequest, isCleanMatch, type FieldComparison, type RequestIdentity } from "./pesc/compare";
import type { Transcript } from "./pesc/transcript";
import { isReferenceNumber } from "./reference-number";
import { isOpen, nextStatus, REQUEST_STATUSES, type RequestStatus } from "./statuses";

/** Files per batch, announced in the form and enforced by the save action. */
export const MAX_BULK_FILES = 200;

/** A request the transcript may belong to: its identity as compared, and what decides whether it takes an upload. */
export type BulkCandidate = RequestIdentity & {
  status: RequestStatus;
  sendOption: string;
  sendAfter: Date | null;
};

export type MatchedBy = "trackingId" | "identity";

export type BulkMatch<C extends BulkCandidate> =
  /** One open request, and the transcript may be saved without a person looking at it (isCleanMatch). */
  | { outcome: "matched"; request: C; by: MatchedBy; comparisons: FieldComparison[] }
  /** One open request, but something differs: a person decides on the validation screen. */
  | { outcome: "differences"; request: C; by: MatchedBy; comparisons: FieldComparison[] }
  /** The file names a request of the scope that cannot take an upload now (its status, or its send-after date). */
  | { outcome: "notOpen"; request: C; by: MatchedBy; why: "status" | "sendAfter" }
  | { outcome: "several"; requests: C[] }
  | { outcome: "noMatch" };

/** To Do and Incomplete: the statuses from which an upload may be saved (Complete takes only a single re-upload). */
export function isOpenForUpload(status: RequestStatus): boolean {
  return isOpen(status) && nextStatus(status, "UPLOAD_SAVED") !== null;
}

export const BULK_OPEN_STATUSES: readonly RequestStatus[] = REQUEST_STATUSES.filter(isOpenForUpload);

/** Send at End of Semester before its date: single upload refuses it, so does bulk. */
export function isDeferred(request: Pick<BulkCandidate, "sendOption" | "sendAfter">, now: Date): boolean {
  return request.sendOption === "END_OF_SEMESTER" && request.sendAfter !== null && request.sendAfter > now;
}

/** The reference number the file's RequestTrackingID names, or null when it names none that could exist. */
export function trackingReference(transcript: Pick<Transcript, "requestTrackingId">): string | null {
  const id = transcript.requestTrackingId?.trim().toUpperCase() ?? "";
  return isReferenceNumber(id) ? id : null;
}

/** The folded first and last name, as stored in firstNameFolded / lastNameFolded (the name index). */
export function foldedNames(transcript: Pick<Transcript, "student">): { firstNameFolded: string; lastNameFolded: string } {
  return { firstNameFolded: foldName(transcript.student.firstName), lastNameFolded: foldName(transcript.student.lastName) };
}

/**
 * Picks the request of a transcript among candidates of the user's scope. The RequestTrackingID wins when it names
 * one of them (exactly); otherwise the person must be the same: folded first and last name and date of birth equal,
 * and the OEN equal when both sides have one. Requests with the transcript's OEN come first; a request without an
 * OEN (or a transcript without one) matches on name and date of birth only when it is the only one. Never more than
 * one request: two candidates are "several", for a person to choose.
 */
export function matchTranscript<C extends BulkCandidate>(transcript: Transcript, candidates: readonly C[], now: Date): BulkMatch<C> {
  const reference = trackingReference(transcript);
  const named = reference === null ? undefined : candidates.find((c) => c.referenceNumber.toUpperCase() === reference);
  if (named) return decide(transcript, named, "trackingId", now);

  const { firstNameFolded, lastNameFolded } = foldedNames(transcript);
  const samePerson = candidates.filter(
    (c) =>
      isOpenForUpload(c.status) &&
      foldName(c.firstName) === firstNameFolded &&
      foldName(c.lastName) === lastNameFolded &&
      c.dateOfBirth.trim() === transcript.student.birthDate,
  );
  const oen = transcript.student.oen;
  let matches: C[];
  if (oen === null) matches = samePerson;
  else {
    const sameOen = samePerson.filter((c) => normalizeOen(c.oen) === oen);
    matches = sameOen.length > 0 ? sameOen : samePerson.filter((c) => normalizeOen(c.oen) === null);
  }
  if (matches.length === 0) return { outcome: "noMatch" };
  if (matches.length > 1) return { outcome: "several", requests: matches };
  return decide(transcript, matches[0]!, "identity", now);
}

function decide<C extends BulkCandidate>(transcript: Transcript, request: C, by: MatchedBy, now: Date): BulkMatch<C> {
  if (!isOpenForUpload(request.status)) return { outcome: "notOpen", request, by, why: "status" };
  if (isDeferred(request, now)) return { outcome: "notOpen", request, by, why: "sendAfter" };
  const comparisons = compareWithRequest(request, transcript);
  return { outcome: isCleanMatch(comparisons) ? "matched" : "differences", request, by, comparisons };
}
