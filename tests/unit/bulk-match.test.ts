import { describe, expect, it } from "vitest";
import { BULK_OPEN_STATUSES, isDeferred, isOpenForUpload, matchTranscript, trackingReference, type BulkCandidate } from "@/lib/domain/bulk-match";
import type { Transcript } from "@/lib/domain/pesc/transcript";
import { REQUEST_STATUSES } from "@/lib/domain/statuses";

// The identity of the real example (tests/fixtures/pesc): the parser's output is tested in tests/unit/pesc-parse.
const REAL: Transcript = {
  rawVersion: "1.2.0",
  requestTrackingId: "REF-45454545",
  sourceBoard: null,
  student: {
    firstName: "Senior",
    lastName: "Student",
    birthDate: "1987-05-16",
    gender: "Male",
    oen: "999999999",
    oenCheckDigitValid: true,
    provincialIds: [],
  },
  school: null,
  sessions: [],
  award: null,
  courses: [],
  studentExtensions: {},
};
const NOW = new Date("2026-11-20T15:00:00Z");

function transcript(student: Partial<Transcript["student"]> = {}, rest: Partial<Transcript> = {}): Transcript {
  return { ...REAL, ...rest, student: { ...REAL.student, ...student } };
}
const withoutTracking = (student: Partial<Transcript["student"]> = {}) => transcript(student, { requestTrackingId: undefined });

type Candidate = BulkCandidate & { id: string };
let next = 0;
function candidate(overrides: Partial<Candidate> = {}): Candidate {
  next += 1;
  return {
    id: `r${next}`,
    referenceNumber: `REF-${String(10_000_000 + next)}`,
    firstName: "Senior",
    lastName: "Student",
    dateOfBirth: "1987-05-16",
    gender: "MALE",
    oen: "999999999",
    status: "ACTION_REQUIRED",
    sendOption: "SEND_NOW",
    sendAfter: null,
    ...overrides,
  };
}

describe("open for a bulk upload", () => {
  it("is To Do and Incomplete only: never In Progress or Complete", () => {
    expect(BULK_OPEN_STATUSES).toEqual([
      "ACTION_REQUIRED",
      "AUTO_PROCESS_ERROR",
      "INCOMPLETE_ACTION_REQUIRED",
      "FINANCIAL_HOLD",
      "NO_ACADEMIC_DATA",
      "STUDENT_NOT_FOUND",
      "FILE_UPLOAD_ERROR",
    ]);
    for (const status of ["TRANSCRIPT_UPLOADED", "E_TRANSCRIPT_SENT", "PAPER_TRANSCRIPT_SENT", "REQUEST_CANCELLED"] as const)
      expect(isOpenForUpload(status)).toBe(false);
    expect(REQUEST_STATUSES.filter(isOpenForUpload)).toEqual(BULK_OPEN_STATUSES);
  });

  it("waits for the send-after date of Send at End of Semester", () => {
    expect(isDeferred({ sendOption: "END_OF_SEMESTER", sendAfter: new Date(NOW.getTime() + 1) }, NOW)).toBe(true);
    expect(isDeferred({ sendOption: "END_OF_SEMESTER", sendAfter: NOW }, NOW)).toBe(false);
    expect(isDeferred({ sendOption: "END_OF_SEMESTER", sendAfter: null }, NOW)).toBe(false);
    expect(isDeferred({ sendOption: "SEND_NOW", sendAfter: new Date(NOW.getTime() + 86_400_000) }, NOW)).toBe(false);
  });
});

describe("trackingReference", () => {
  it("reads a reference number, trimmed and in capitals; anything else names no request", () => {
    expect(trackingReference({ requestTrackingId: " ref-45454545 " })).toBe("REF-45454545");
    expect(trackingReference({ requestTrackingId: undefined })).toBeNull();
    expect(trackingReference({ requestTrackingId: "45454545" })).toBeNull();
    expect(trackingReference({ requestTrackingId: "REF-4545454" })).toBeNull();
  });
});

describe("matchTranscript by RequestTrackingID", () => {
  it("takes the request the file names, before any other with the same person", () => {
    const named = candidate({ referenceNumber: "REF-45454545" });
    const other = candidate();
    const match = matchTranscript(transcript(), [other, named], NOW);
    expect(match).toMatchObject({ outcome: "matched", by: "trackingId", request: { id: named.id } });
    if (match.outcome !== "matched") return;
    expect(match.comparisons.find((c) => c.field === "referenceNumber")).toMatchObject({ outcome: "same" });
  });

  it("reports the named request's differences instead of looking for another one", () => {
    const named = candidate({ referenceNumber: "REF-45454545", firstName: "Junior", dateOfBirth: "1988-01-01" });
    const samePerson = candidate();
    const match = matchTranscript(transcript(), [named, samePerson], NOW);
    expect(match).toMatchObject({ outcome: "differences", by: "trackingId", request: { id: named.id } });
    if (match.outcome !== "differences") return;
    const differing = match.comparisons.filter((c) => c.outcome === "different").map((c) => c.field);
    expect(differing).toEqual(["firstName", "dateOfBirth"]);
  });

  it("says when the named request cannot take an upload: its status, or its send-after date", () => {
    const complete = candidate({ referenceNumber: "REF-45454545", status: "E_TRANSCRIPT_SENT" });
    expect(matchTranscript(transcript(), [complete, candidate()], NOW)).toMatchObject({ outcome: "notOpen", why: "status", request: { id: complete.id } });
    const deferred = candidate({ referenceNumber: "REF-45454545", sendOption: "END_OF_SEMESTER", sendAfter: new Date(NOW.getTime() + 86_400_000) });
    expect(matchTranscript(transcript(), [deferred], NOW)).toMatchObject({ outcome: "notOpen", why: "sendAfter", request: { id: deferred.id } });
  });

  it("falls back to the person when the named request is not a candidate (unknown or out of scope); the reference then differs", () => {
    const samePerson = candidate();
    const match = matchTranscript(transcript(), [samePerson], NOW);
    expect(match).toMatchObject({ outcome: "differences", by: "identity", request: { id: samePerson.id } });
    if (match.outcome !== "differences") return;
    expect(match.comparisons.find((c) => c.field === "referenceNumber")).toEqual({
      field: "referenceNumber",
      requestValue: samePerson.referenceNumber,
      transcriptValue: "REF-45454545",
      outcome: "different",
    });
    expect(matchTranscript(transcript(), [], NOW)).toEqual({ outcome: "noMatch" });
  });
});

describe("matchTranscript by OEN, name and date of birth", () => {
  it("matches the same person whatever the accents, case and spacing of the names; minor differences stay clean", () => {
    const request = candidate({ firstName: "Émilie", lastName: "Côté  Lévesque", oen: "123456782", gender: "FEMALE" });
    const file = withoutTracking({ firstName: "EMILIE", lastName: "cote levesque", oen: "123456782", gender: "Female" });
    const match = matchTranscript(file, [request], NOW);
    expect(match).toMatchObject({ outcome: "matched", by: "identity", request: { id: request.id } });
    if (match.outcome !== "matched") return;
    expect(match.comparisons.slice(0, 2).map((c) => c.outcome)).toEqual(["minor", "minor"]);
  });

  it("matches an OEN written with separators on the request", () => {
    const request = candidate({ oen: "999-999-999" });
    expect(matchTranscript(withoutTracking(), [request], NOW)).toMatchObject({ outcome: "matched", request: { id: request.id } });
  });

  it("needs the same date of birth and both names", () => {
    expect(matchTranscript(withoutTracking(), [candidate({ dateOfBirth: "1987-05-17" })], NOW)).toEqual({ outcome: "noMatch" });
    expect(matchTranscript(withoutTracking(), [candidate({ firstName: "Senor" })], NOW)).toEqual({ outcome: "noMatch" });
    expect(matchTranscript(withoutTracking(), [candidate({ lastName: "Students" })], NOW)).toEqual({ outcome: "noMatch" });
  });

  it("never takes a request with another OEN", () => {
    expect(matchTranscript(withoutTracking(), [candidate({ oen: "123456782" })], NOW)).toEqual({ outcome: "noMatch" });
  });

  it("prefers the request with the transcript's OEN over one without an OEN", () => {
    const withOen = candidate();
    const withoutOen = candidate({ oen: null });
    expect(matchTranscript(withoutTracking(), [withoutOen, withOen], NOW)).toMatchObject({ outcome: "matched", request: { id: withOen.id } });
  });

  it("takes a request without an OEN on name and date of birth when it is the only one", () => {
    const withoutOen = candidate({ oen: null });
    expect(matchTranscript(withoutTracking(), [withoutOen], NOW)).toMatchObject({ outcome: "matched", request: { id: withoutOen.id } });
    expect(matchTranscript(withoutTracking(), [withoutOen, candidate({ oen: "000000000" })], NOW)).toMatchObject({ outcome: "several" });
  });

  it("reports several matches rather than choosing between two open requests of the same person", () => {
    const first = candidate();
    const second = candidate({ status: "FINANCIAL_HOLD" });
    const match = matchTranscript(withoutTracking(), [first, second], NOW);
    expect(match).toEqual({ outcome: "several", requests: [first, second] });
  });

  it("ignores requests that cannot take an upload when matching the person", () => {
    const open = candidate({ status: "FILE_UPLOAD_ERROR" });
    const candidates = [
      candidate({ status: "E_TRANSCRIPT_SENT" }),
      candidate({ status: "TRANSCRIPT_UPLOADED" }),
      open,
      candidate({ status: "REQUEST_CANCELLED" }),
    ];
    expect(matchTranscript(withoutTracking(), candidates, NOW)).toMatchObject({ outcome: "matched", request: { id: open.id } });
  });

  it("says when the one matching request waits for its send-after date", () => {
    const deferred = candidate({ sendOption: "END_OF_SEMESTER", sendAfter: new Date(NOW.getTime() + 86_400_000) });
    expect(matchTranscript(withoutTracking(), [deferred], NOW)).toMatchObject({ outcome: "notOpen", why: "sendAfter", by: "identity" });
  });

  it("reports a different gender as a difference, not a clean match", () => {
    const request = candidate({ gender: "FEMALE" });
    const match = matchTranscript(withoutTracking(), [request], NOW);
    expect(match).toMatchObject({ outcome: "differences", request: { id: request.id } });
  });
});

describe("matchTranscript without an OEN in the transcript", () => {
  const noOen = () => withoutTracking({ oen: null, oenCheckDigitValid: null });

  it("matches on name and date of birth when exactly one request fits, whether or not it has an OEN", () => {
    const request = candidate({ oen: "123456782" });
    const match = matchTranscript(noOen(), [request, candidate({ dateOfBirth: "2001-01-01" })], NOW);
    expect(match).toMatchObject({ outcome: "matched", by: "identity", request: { id: request.id } });
    if (match.outcome !== "matched") return;
    expect(match.comparisons.find((c) => c.field === "oen")).toMatchObject({ outcome: "missing", transcriptValue: null });
  });

  it("reports several when two requests fit, even with different OENs", () => {
    const match = matchTranscript(noOen(), [candidate({ oen: "123456782" }), candidate({ oen: null })], NOW);
    expect(match.outcome).toBe("several");
  });

  it("finds nothing without name and date of birth", () => {
    expect(matchTranscript(noOen(), [candidate({ firstName: "Other" })], NOW)).toEqual({ outcome: "noMatch" });
  });
});
