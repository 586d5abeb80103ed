import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseStatusReason } from "@/lib/domain/status-reason";
import { decideWithoutTranscript, verdictOf } from "@/lib/sis/outcome";
import { buildPescBatch, encodeUtf16 } from "@/prisma/seed/pesc-template.mjs";
import { referenceVerdict } from "./helpers/reference-verdict";

// What an Auto-TRMS answer means for the request: the transcript is checked as a manual upload would be.

const PESC = new Uint8Array(fs.readFileSync(path.resolve("tests/fixtures/pesc/ontario-highschool-transcript.xml")));
// The request of the real example (contracts §7).
const REQUEST = {
  referenceNumber: "REF-45454545",
  firstName: "Senior",
  lastName: "Student",
  dateOfBirth: "1987-05-16",
  gender: "MALE",
  oen: "999999999",
};
const edited = (from: string, to: string) => new TextEncoder().encode(new TextDecoder().decode(PESC).replace(from, to));

describe("the verdict on an answer", () => {
  it("matches a transcript that passes the parser and agrees with the request", () => {
    const decision = verdictOf(PESC, REQUEST);
    expect(decision.outcome).toBe("MATCHED");
    if (decision.outcome !== "MATCHED") throw new Error("unreachable");
    expect(decision.comparisons.find((c) => c.field === "lastName")).toMatchObject({ outcome: "same" });
    expect(decision.comparisons.every((c) => c.outcome === "same")).toBe(true);
  });

  it("matches names that differ only by case or accents, as the upload screen's clean match does", () => {
    expect(verdictOf(PESC, { ...REQUEST, firstName: "SENIOR", lastName: "Stüdent" }).outcome).toBe("MATCHED");
    // An applicant who did not give an OEN: the transcript supplies it.
    expect(verdictOf(PESC, { ...REQUEST, oen: null }).outcome).toBe("MATCHED");
  });

  it("names the fields that differ, and only those", () => {
    expect(verdictOf(PESC, { ...REQUEST, dateOfBirth: "1987-05-17" })).toMatchObject({
      outcome: "DIFFERENCES",
      reason: { key: "sisDifferences", fields: ["dateOfBirth"] },
    });
    expect(verdictOf(PESC, { ...REQUEST, firstName: "Junior", gender: "FEMALE" })).toMatchObject({
      reason: { key: "sisDifferences", fields: ["firstName", "gender"] },
    });
    // Another request's reference echoed back by the SIS is a difference too.
    expect(verdictOf(PESC, { ...REQUEST, referenceNumber: "REF-11111111" })).toMatchObject({
      reason: { key: "sisDifferences", fields: ["referenceNumber"] },
    });
    expect(verdictOf(PESC, { ...REQUEST, oen: "123456782" })).toMatchObject({ reason: { key: "sisDifferences", fields: ["oen"] } });
  });

  it("refuses a transcript the parser refuses", () => {
    for (const xml of [
      new TextEncoder().encode("not xml"),
      edited("<BirthDate>1987-05-16</BirthDate>", "<BirthDate>16/05/1987</BirthDate>"),
      new TextEncoder().encode('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>'),
    ]) {
      expect(verdictOf(xml, REQUEST)).toEqual({ outcome: "INVALID_TRANSCRIPT", reason: { key: "sisInvalidTranscript" } });
    }
  });

  it("reads what real SIS systems answer: UTF-16, a batch of one; the bytes kept are those the SIS sent", { timeout: 30_000 }, () => {
    const text = new TextDecoder().decode(PESC);
    for (const answer of [
      encodeUtf16(text),
      encodeUtf16(`<?xml version="1.0" encoding="UTF-16"?>\n${text}`, { bigEndian: true, bom: false }),
      new TextEncoder().encode(buildPescBatch([text])),
      encodeUtf16(buildPescBatch([text], { version: "v1.0.0", flat: true, encoding: "UTF-16" })),
    ]) {
      const decision = verdictOf(answer, REQUEST);
      expect(decision).toMatchObject({ outcome: "MATCHED", bytes: answer, sha256: crypto.createHash("sha256").update(answer).digest("hex") });
    }
    // A batch of several is not one student's transcript.
    expect(verdictOf(new TextEncoder().encode(buildPescBatch([text, text])), REQUEST)).toEqual({
      outcome: "INVALID_TRANSCRIPT",
      reason: { key: "sisInvalidTranscript" },
    });
  });

  it("gives each other answer its reason, echoing the request's OEN when it has one", () => {
    expect(decideWithoutTranscript({ kind: "notFound" }, REQUEST)).toEqual({ outcome: "NOT_FOUND", reason: { key: "sisNotFound", oen: "999999999" } });
    expect(decideWithoutTranscript({ kind: "notFound" }, { ...REQUEST, oen: null })).toEqual({ outcome: "NOT_FOUND", reason: { key: "sisNotFound" } });
    expect(decideWithoutTranscript({ kind: "multipleMatches" }, REQUEST)).toEqual({ outcome: "MULTIPLE_MATCHES", reason: { key: "sisMultipleMatches" } });
    expect(decideWithoutTranscript({ kind: "noAcademicData" }, REQUEST)).toEqual({ outcome: "NO_ACADEMIC_DATA", reason: { key: "sisNoAcademicData" } });
    expect(decideWithoutTranscript({ kind: "financialHold" }, REQUEST)).toEqual({ outcome: "FINANCIAL_HOLD", reason: { key: "sisFinancialHold" } });
    expect(decideWithoutTranscript({ kind: "unavailable", failure: "timeout", unauthorized: false }, REQUEST)).toEqual({
      outcome: "UNAVAILABLE",
      reason: { key: "sisUnavailable" },
    });
  });

  it("stores reasons the details page reads back", () => {
    const reasons = [
      decideWithoutTranscript({ kind: "notFound" }, REQUEST),
      decideWithoutTranscript({ kind: "noAcademicData" }, REQUEST),
      decideWithoutTranscript({ kind: "financialHold" }, REQUEST),
      verdictOf(new TextEncoder().encode("<x/>"), REQUEST),
      verdictOf(PESC, { ...REQUEST, lastName: "Other" }),
    ].map((d) => (d.outcome === "MATCHED" ? null : parseStatusReason(JSON.stringify(d.reason))));
    expect(reasons).toEqual([
      { key: "sisNotFound", oen: "999999999" },
      { key: "sisNoAcademicData" },
      { key: "sisFinancialHold" },
      { key: "sisInvalidTranscript" },
      { key: "sisDifferences", fields: ["lastName"], values: [{ field: "lastName", request: "Other", sis: "Student" }] },
    ]);
  });
});

describe("verdictOf", () => {
  it("keeps a match's bytes exactly as the SIS sent them, byte-order mark included, with their SHA-256", () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...PESC]);
    for (const sent of [PESC, withBom]) {
      const verdict = verdictOf(sent, REQUEST);
      if (verdict.outcome !== "MATCHED") throw new Error(`expected a match, got ${verdict.outcome}`);
      expect(verdict.bytes).toBe(sent);
      expect(verdict.sha256).toBe(crypto.createHash("sha256").update(sent).digest("hex"));
      expect(verdict.comparisons).toEqual(referenceVerdict(sent, REQUEST).comparisons);
    }
  });

  it("gives the contract's decision when there is no match", () => {
    for (const [sent, request] of [
      [new TextEncoder().encode("<x/>"), REQUEST],
      [PESC, { ...REQUEST, lastName: "Other" }],
    ] as const) {
      expect(verdictOf(sent, request)).toEqual(referenceVerdict(sent, request));
    }
  });
});
