import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compareWithRequest, isCleanMatch, type FieldComparison, type RequestIdentity } from "@/lib/domain/pesc/compare";
import { parseTranscript } from "@/lib/domain/pesc/parse-transcript";
import type { Transcript } from "@/lib/domain/pesc/transcript";

const parsed = parseTranscript(fs.readFileSync(path.join(import.meta.dirname, "../fixtures/pesc/ontario-highschool-transcript.xml")));
if (!parsed.ok) throw new Error(`the real example must parse: ${JSON.stringify(parsed.errors)}`);
const REAL: Transcript = parsed.transcript;

const MATCHING: RequestIdentity = {
  referenceNumber: "REF-45454545",
  firstName: "Senior",
  lastName: "Student",
  dateOfBirth: "1987-05-16",
  gender: "MALE",
  oen: "999999999",
};

function transcript(student: Partial<Transcript["student"]>, rest: Partial<Transcript> = {}): Transcript {
  return { ...REAL, ...rest, student: { ...REAL.student, ...student } };
}

function outcomes(comparisons: FieldComparison[]): Record<string, string> {
  return Object.fromEntries(comparisons.map((c) => [c.field, c.outcome]));
}

describe("compareWithRequest", () => {
  it("compares the real example with its request: every field the same", () => {
    const comparisons = compareWithRequest(MATCHING, REAL);
    expect(comparisons).toEqual([
      { field: "firstName", requestValue: "Senior", transcriptValue: "Senior", outcome: "same" },
      { field: "lastName", requestValue: "Student", transcriptValue: "Student", outcome: "same" },
      { field: "dateOfBirth", requestValue: "1987-05-16", transcriptValue: "1987-05-16", outcome: "same" },
      { field: "gender", requestValue: "MALE", transcriptValue: "Male", outcome: "same" },
      { field: "oen", requestValue: "999999999", transcriptValue: "999999999", outcome: "same" },
      { field: "referenceNumber", requestValue: "REF-45454545", transcriptValue: "REF-45454545", outcome: "same" },
    ]);
    expect(isCleanMatch(comparisons)).toBe(true);
  });

  it("marks accent, case and spacing differences in names as minor", () => {
    const comparisons = compareWithRequest(
      { ...MATCHING, firstName: "EMILIE", lastName: "cote  levesque" },
      transcript({ firstName: "Émilie", lastName: "Côté Lévesque" }),
    );
    expect(comparisons.slice(0, 2)).toEqual([
      { field: "firstName", requestValue: "EMILIE", transcriptValue: "Émilie", outcome: "minor" },
      { field: "lastName", requestValue: "cote  levesque", transcriptValue: "Côté Lévesque", outcome: "minor" },
    ]);
    expect(isCleanMatch(comparisons)).toBe(true);
  });

  it("takes composed and decomposed accents, and surrounding spaces, as the same", () => {
    const comparisons = compareWithRequest({ ...MATCHING, firstName: " E\u0301milie " }, transcript({ firstName: "\u00c9milie" }));
    expect(comparisons[0]).toMatchObject({ requestValue: "E\u0301milie", outcome: "same" });
  });

  it("marks other name differences as different", () => {
    const comparisons = compareWithRequest({ ...MATCHING, firstName: "Emily", lastName: "Student-Smith" }, REAL);
    expect(outcomes(comparisons)).toMatchObject({ firstName: "different", lastName: "different" });
    expect(isCleanMatch(comparisons)).toBe(false);
  });

  it("compares dates of birth exactly", () => {
    const comparisons = compareWithRequest({ ...MATCHING, dateOfBirth: "1987-06-16" }, REAL);
    expect(comparisons[2]).toEqual({ field: "dateOfBirth", requestValue: "1987-06-16", transcriptValue: "1987-05-16", outcome: "different" });
    expect(isCleanMatch(comparisons)).toBe(false);
  });

  it("compares gender codes without regard to case or abbreviation, other codes as given", () => {
    const gender = (request: string, file: string | undefined) =>
      compareWithRequest({ ...MATCHING, gender: request }, transcript({ gender: file }))[3]!.outcome;
    expect(gender("MALE", "Male")).toBe("same");
    expect(gender("MALE", "M")).toBe("same");
    expect(gender("FEMALE", "female")).toBe("same");
    expect(gender("X", "x")).toBe("same");
    expect(gender("FEMALE", "Male")).toBe("different");
    expect(gender("X", "Unreported")).toBe("different");
    expect(gender("MALE", undefined)).toBe("missing");
  });

  it("reports an OEN on one side only as missing, after normalising the request's", () => {
    const noRequestOen = compareWithRequest({ ...MATCHING, oen: null }, REAL);
    expect(noRequestOen[4]).toEqual({ field: "oen", requestValue: null, transcriptValue: "999999999", outcome: "missing" });
    expect(compareWithRequest({ ...MATCHING, oen: "000000000" }, REAL)[4]!.outcome).toBe("missing");
    expect(compareWithRequest(MATCHING, transcript({ oen: null, oenCheckDigitValid: null }))[4]).toEqual({
      field: "oen",
      requestValue: "999999999",
      transcriptValue: null,
      outcome: "missing",
    });
    expect(compareWithRequest({ ...MATCHING, oen: "999-999-999" }, REAL)[4]!.outcome).toBe("same");
  });

  it("leaves the OEN out when neither side has one", () => {
    const comparisons = compareWithRequest({ ...MATCHING, oen: "000000000" }, transcript({ oen: null, oenCheckDigitValid: null }));
    expect(comparisons.map((c) => c.field)).toEqual(["firstName", "lastName", "dateOfBirth", "gender", "referenceNumber"]);
  });

  it("marks another OEN as different", () => {
    const comparisons = compareWithRequest({ ...MATCHING, oen: "123456782" }, REAL);
    expect(comparisons[4]!.outcome).toBe("different");
    expect(isCleanMatch(comparisons)).toBe(false);
  });

  it("marks a transcript naming another request as different, and omits the reference when it names none", () => {
    const other = compareWithRequest({ ...MATCHING, referenceNumber: "REF-12345678" }, REAL);
    expect(other[5]).toEqual({ field: "referenceNumber", requestValue: "REF-12345678", transcriptValue: "REF-45454545", outcome: "different" });
    expect(isCleanMatch(other)).toBe(false);
    const none = compareWithRequest(MATCHING, transcript({}, { requestTrackingId: undefined }));
    expect(none.map((c) => c.field)).not.toContain("referenceNumber");
    expect(isCleanMatch(none)).toBe(true);
  });
});

describe("isCleanMatch", () => {
  it("accepts a missing OEN or gender on one side: their absence contradicts nothing", () => {
    expect(isCleanMatch(compareWithRequest({ ...MATCHING, oen: null }, REAL))).toBe(true);
    expect(isCleanMatch(compareWithRequest(MATCHING, transcript({ gender: undefined })))).toBe(true);
  });

  it("refuses a name or date of birth missing from the request", () => {
    const noFirstName = compareWithRequest({ ...MATCHING, firstName: "  " }, REAL);
    expect(noFirstName[0]).toEqual({ field: "firstName", requestValue: null, transcriptValue: "Senior", outcome: "missing" });
    expect(isCleanMatch(noFirstName)).toBe(false);
    expect(isCleanMatch(compareWithRequest({ ...MATCHING, dateOfBirth: "" }, REAL))).toBe(false);
  });
});
