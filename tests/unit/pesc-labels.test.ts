import fs from "node:fs";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { isPescLabelKey, PESC_LABEL_KEYS, pescLabel, rawPescLabel } from "@/lib/domain/pesc/labels";

// The PESC label files (tests/fixtures/pesc, PESC CanPESC project, MIT) and the module the app ships them in.
const FIXTURES = path.join(import.meta.dirname, "../fixtures/pesc");

function labelsOf(file: string): [string, string][] {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    trimValues: false,
    parseTagValue: false,
    isArray: (name) => name === "Label",
  });
  const doc = parser.parse(fs.readFileSync(path.join(FIXTURES, file), "utf8")) as { Labels: { Label: { "@key": string; "#text"?: string }[] } };
  return doc.Labels.Label.map((l) => [l["@key"], l["#text"] ?? ""]);
}

const FILES = { en: "labels.HighSchoolTranscript.en-CA.xml", fr: "labels.HighSchoolTranscript.fr-CA.xml" } as const;

describe("the PESC labels module", () => {
  for (const locale of ["en", "fr"] as const) {
    it(`holds every label of ${FILES[locale]}, in order and exactly as written`, () => {
      const file = labelsOf(FILES[locale]);
      expect(file.length).toBeGreaterThan(100);
      expect(PESC_LABEL_KEYS).toEqual(file.map(([key]) => key));
      expect(PESC_LABEL_KEYS.map((key) => [key, rawPescLabel(locale, key)])).toEqual(file);
    });
  }

  it("ships the licence of the label files beside the module", () => {
    const shipped = fs.readFileSync(path.resolve("lib/domain/pesc/LICENSE"), "utf8");
    expect(shipped).toBe(fs.readFileSync(path.join(FIXTURES, "LICENSE"), "utf8"));
    expect(shipped).toContain("MIT License");
  });
});

describe("pescLabel", () => {
  it("gives the label in each language without its trailing colon and spacing", () => {
    expect(pescLabel("en", "Student.LastName")).toBe("Surname");
    expect(pescLabel("fr", "Student.LastName")).toBe("Nom");
    expect(pescLabel("en", "Student.DateOfBirth")).toBe("Date of Birth");
    expect(pescLabel("fr", "Student.DateOfBirth")).toBe("Date de naissance");
    expect(pescLabel("fr", "Student.AcademicRecord.School.ID")).toBe("ID d'école");
    // A French label ending with a bare space, and one with no colon at all.
    expect(pescLabel("fr", "Student.AcademicRecord.Course.GradeStatus")).toBe("Statut");
    expect(pescLabel("en", "Student.AcademicRecord.Course.CourseTitle")).toBe("Course Title");
    expect(pescLabel("en", "EndOfTranscript")).toBe("--- End of Transcript ---");
    expect(pescLabel("fr", "EndOfTranscript")).toBe("--- Fin du relevé ---");
  });

  it("never leaves an empty label, a colon or spacing at either end", () => {
    for (const locale of ["en", "fr"] as const) {
      const bad = PESC_LABEL_KEYS.map((key) => pescLabel(locale, key)).filter((label) => label === "" || /^\s|[\s:]$/.test(label));
      expect(bad).toEqual([]);
    }
  });

  it("knows the keys of the files and nothing else", () => {
    expect(isPescLabelKey("Student.FirstName")).toBe(true);
    expect(isPescLabelKey("Student.Firstname")).toBe(false);
    expect(isPescLabelKey("toString")).toBe(false);
  });
});
