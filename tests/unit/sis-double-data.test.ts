import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseTranscript } from "@/lib/domain/pesc/parse-transcript";
import { buildPescTranscript } from "@/prisma/seed/pesc-template.mjs";
import { planDemoData } from "@/prisma/seed/requests";
import { planSisRecords, SIS_RECORDS_RELATIVE_PATH, sisRecordsFileText } from "@/prisma/seed/sis-records";
import * as double from "@/tests/doubles/sis-server.mjs";

// The SIS test double runs with plain Node, apart from the TypeScript seed: its records are the seed's plan, and its
// transcripts the seed's template (one module, prisma/seed/pesc-template.mjs), which the parser must accept.

describe("the SIS double's data", () => {
  it("is the committed plan of the demo data (regenerate with `npx tsx prisma/seed/sis-records.ts`)", () => {
    const committed = fs.readFileSync(path.resolve(SIS_RECORDS_RELATIVE_PATH), "utf8");
    // The applicants do not depend on the day the demo is seeded.
    for (const day of ["2026-01-15T12:00:00Z", "2026-11-28T05:03:00Z"]) {
      expect(sisRecordsFileText(planSisRecords(planDemoData(new Date(day))))).toBe(committed);
    }
  });

  it("knows applicants of the Auto-TRMS board only, with every kind of answer", () => {
    const records = double.readRecords();
    const plan = planDemoData(new Date("2026-01-15T12:00:00Z"));
    const board99998 = new Set(plan.requests.filter((r) => r.boardNumber === "99998").map((r) => r.applicant.accountNumber));
    const applicants = plan.requests.filter((r) => board99998.has(r.applicant.accountNumber)).map((r) => r.applicant);
    for (const r of records)
      expect(
        applicants.some((a) => a.lastName === r.lastName && a.firstName === r.firstName),
        r.lastName,
      ).toBe(true);
    expect(new Set(records.map((r) => r.answer))).toEqual(new Set(["transcript", "noAcademicData", "financialHold", "multipleMatches", "unavailable"]));
    expect(records.some((r) => r.note?.startsWith("differs"))).toBe(true);
    // Some of the board's applicants are unknown to the SIS (404).
    expect(records.length).toBeLessThan(new Set(applicants.map((a) => a.accountNumber)).size);
  });

  it("serves the transcript the seed's template builds, which the parser accepts", () => {
    const record = double.readRecords().find((r) => r.answer === "transcript" && r.middleName)!;
    const xml = double.renderTranscript(record, "REF-12345678");
    expect(xml).toBe(
      buildPescTranscript({
        referenceNumber: "REF-12345678",
        firstName: record.firstName,
        middleName: record.middleName,
        lastName: record.lastName,
        dateOfBirth: record.dateOfBirth,
        gender: record.gender,
        oen: record.oen,
        schoolName: record.schoolName,
        mident: record.mident,
        studentNumber: record.studentNumber,
        boardName: record.boardName,
        boardNumber: record.boardNumber,
      }),
    );
    const parsed = parseTranscript(xml);
    expect(parsed.ok && parsed.transcript.requestTrackingId).toBe("REF-12345678");
    expect(parsed.ok && parsed.transcript.student).toMatchObject({ firstName: record.firstName, lastName: record.lastName, birthDate: record.dateOfBirth });
  });

  it("finds a student by OEN, else by name and date of birth (case- and accent-insensitive)", () => {
    const records = [
      { oen: "123456782", firstName: "Émilie", lastName: "Tremblay", dateOfBirth: "2004-05-17", gender: "FEMALE", schoolName: "S", mident: "999997" },
      { oen: null, firstName: "Jean-Luc", lastName: "Côté", dateOfBirth: "2005-01-02", gender: "MALE", schoolName: "S", mident: "999997" },
    ];
    expect(double.findRecords(records, { oen: "123456782", firstName: "x", lastName: "y", dateOfBirth: "1900-01-01" })).toEqual([records[0]]);
    expect(double.findRecords(records, { oen: null, firstName: "EMILIE", lastName: "tremblay", dateOfBirth: "2004-05-17" })).toEqual([records[0]]);
    expect(double.findRecords(records, { oen: "999999999", firstName: "jean luc", lastName: "Cote", dateOfBirth: "2005-01-02" })).toEqual([records[1]]);
    expect(double.findRecords(records, { oen: null, firstName: "Jean-Luc", lastName: "Côté", dateOfBirth: "2005-01-03" })).toEqual([]);
    expect(
      double.findRecords([records[0]!, { ...records[0]!, oen: null }], { oen: null, firstName: "Émilie", lastName: "Tremblay", dateOfBirth: "2004-05-17" }),
    ).toHaveLength(2);
  });
});
