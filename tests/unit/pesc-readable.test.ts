import fs from "node:fs";
import path from "node:path";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { parseTranscript } from "@/lib/domain/pesc/parse-transcript";
import { formatDecimal, readableTranscript, type ReadableTranscript } from "@/lib/domain/pesc/readable";
import type { Transcript } from "@/lib/domain/pesc/transcript";
import { buildPescBatch, encodeUtf16 } from "@/prisma/seed/pesc-template.mjs";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";

// The readable model of the real Ontario example (tests/fixtures/pesc, PESC CanPESC project, MIT) in English and in
// French, with the app's own message files: field names from the PESC label files, codes in words, dates and
// numbers in the language. A missing message would also fail here (next-intl reports it through console.error).
const REAL = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/pesc/ontario-highschool-transcript.xml"), "utf8");

function parsed(xml: string): Transcript {
  const result = parseTranscript(xml);
  if (!result.ok) throw new Error(`expected the file to be accepted: ${JSON.stringify(result.errors)}`);
  return result.transcript;
}

function edit(xml: string, from: string | RegExp, to: string): string {
  const out = xml.replace(from, to);
  if (out === xml) throw new Error(`test variant: ${String(from)} not found`);
  return out;
}

function readable(transcript: Transcript, locale: "en" | "fr"): ReadableTranscript {
  const t = createTranslator({ locale, messages: locale === "fr" ? fr : en, namespace: "transcriptPreview" });
  return readableTranscript(transcript, locale, (key, values) => t(key as never, values as never));
}

/** A section's fields as label → value. */
function fieldsOf(model: ReadableTranscript, id: string): Record<string, string> {
  const section = model.sections.find((s) => s.id === id);
  if (!section) throw new Error(`no section ${id}`);
  return Object.fromEntries(section.fields.map((f) => [f.label, f.value]));
}

const courseOf = (model: ReadableTranscript, number: string) => {
  const row = model.courses.rows.find((r) => r.number === number);
  if (!row) throw new Error(`no course ${number}`);
  return row;
};

const REAL_TRANSCRIPT = parsed(REAL);

describe("readableTranscript: the real Ontario example in English", () => {
  const model = readable(REAL_TRANSCRIPT, "en");

  it("names the student with the PESC labels, the date of birth and gender in words", () => {
    expect(model.studentName).toBe("Senior Student");
    expect(model.sections.find((s) => s.id === "student")?.heading).toBe("Student Information");
    expect(fieldsOf(model, "student")).toEqual({
      Surname: "Student",
      "First Name": "Senior",
      "Middle Name": "High School",
      "Date of Birth": "May 16, 1987",
      Gender: "Male",
      OEN: "999999999",
      "Student Number": "000309945335",
    });
  });

  it("gives the document, the school and its attendance dates", () => {
    expect(fieldsOf(model, "document")).toEqual({ Reference: "REF-45454545", "Transcript Issue Date": "January 1, 2019", Board: "Demo School Board" });
    expect(model.sections.find((s) => s.id === "school")?.heading).toBe("School");
    expect(fieldsOf(model, "school")).toEqual({
      Institution: "Sample High School",
      "School ID": "00999999",
      "Start Date": "September 12, 2006",
      "End Date": "March 11, 2016",
    });
  });

  it("gives the diploma with its credits, and the diploma requirements as written", () => {
    expect(model.sections.find((s) => s.id === "award")?.heading).toBe("Academic Awards");
    expect(fieldsOf(model, "award")).toEqual({
      "Degree/Diploma/Certificate": "Ontario Secondary School Diploma",
      "Date awarded": "March 11, 2016",
      Level: "B18",
      "Credit Hours Earned": "33.50",
      Note: "Grade Status Code: 4",
    });
    expect(fieldsOf(model, "requirements")).toEqual({ "Community Involvement": "1", "Literacy Requirement": "E" });
    expect(model.sections.map((s) => s.id)).toEqual(["document", "student", "school", "award", "requirements"]);
  });

  it("lists the 54 courses with marks and credits, under the PESC column labels", () => {
    expect(model.courses.heading).toBe("Course Information");
    expect(model.courses.columns.map((c) => c.label)).toEqual([
      "Course No",
      "Course Title",
      "Level",
      "End Date",
      "% Grade",
      "Credits",
      "Grade Status",
      "Lang",
      "Type",
      "Required",
      "Notes",
    ]);
    expect(model.courses.columns.filter((c) => c.numeric).map((c) => c.id)).toEqual(["grade", "credits"]);
    expect(model.courses.rows).toHaveLength(54);
    expect(model.courses.rows[0]).toEqual({
      number: "AVI1O1",
      title: "Visual Arts",
      level: "Grade 9",
      endDate: "Feb 1, 2002",
      grade: "64",
      credits: "1",
      status: "Pass",
      language: "English",
      type: "R",
      compulsory: "Yes",
      note: null,
    });
    expect(courseOf(model, "FIF1D1")).toMatchObject({ language: "French", note: "F" });
    expect(courseOf(model, "CHV2O3")).toMatchObject({ level: "Grade 10", credits: "0.5" });
    expect(courseOf(model, "HHS4M1")).toMatchObject({ level: "Grade 12", grade: "45", credits: "0", status: "Fail", compulsory: "No" });
    expect(model.courses.rows.filter((r) => r.status === "Fail")).toHaveLength(16);
    expect(model.end).toBe("--- End of Transcript ---");
  });
});

describe("readableTranscript: the real Ontario example in French", () => {
  const model = readable(REAL_TRANSCRIPT, "fr");

  it("uses the French PESC labels and French words for the codes", () => {
    expect(model.sections.find((s) => s.id === "student")?.heading).toBe("Données personnelles");
    expect(fieldsOf(model, "student")).toEqual({
      Nom: "Student",
      Prénom: "Senior",
      "Autre(s) prénom(s)": "High School",
      "Date de naissance": "16 mai 1987",
      Sexe: "Masculin",
      NISO: "999999999",
      Matricule: "000309945335",
    });
    expect(fieldsOf(model, "document")).toEqual({ Référence: "REF-45454545", "Émis le": "1 janvier 2019", "Conseil scolaire": "Demo School Board" });
    expect(fieldsOf(model, "school")).toMatchObject({ Établissement: "Sample High School", "ID d'école": "00999999", "Date de début": "12 septembre 2006" });
  });

  it("formats the diploma's date and credits the French way", () => {
    expect(model.sections.find((s) => s.id === "award")?.heading).toBe("Grades/diplômes/certificats");
    expect(fieldsOf(model, "award")).toEqual({
      Diplôme: "Ontario Secondary School Diploma",
      "Date d'octroi": "11 mars 2016",
      Cycle: "B18",
      "Crédits cumulés": "33,50",
      Remarque: "Grade Status Code: 4",
    });
    expect(fieldsOf(model, "requirements")).toEqual({ "Travail communautaire": "1", "Exigence en matière de compétences linguistiques": "E" });
  });

  it("gives the courses with French column labels, grade levels and decimals", () => {
    expect(model.courses.heading).toBe("Cours");
    expect(model.courses.columns.map((c) => c.label)).toEqual([
      "Cours",
      "Titre",
      "Cycle",
      "Date de fin",
      "Note",
      "Crédits",
      "Statut",
      "Langue",
      "Type",
      "Requis",
      "Remarque",
    ]);
    expect(model.courses.rows[0]).toMatchObject({ level: "9e année", endDate: "1 févr. 2002", status: "Réussite", language: "Anglais", compulsory: "Oui" });
    expect(courseOf(model, "CHV2O3")).toMatchObject({ level: "10e année", credits: "0,5" });
    expect(courseOf(model, "HHS4M1")).toMatchObject({ status: "Échec", compulsory: "Non" });
    expect(courseOf(model, "FIF1D1")).toMatchObject({ language: "Français" });
    expect(model.end).toBe("--- Fin du relevé ---");
  });

  it("writes the first grade with the French ordinal 1re", () => {
    const first = parsed(edit(REAL, "<CourseCreditLevel>NinthGrade</CourseCreditLevel>", "<CourseCreditLevel>FirstGrade</CourseCreditLevel>"));
    expect(readable(first, "fr").courses.rows[0]?.level).toBe("1re année");
    expect(readable(first, "en").courses.rows[0]?.level).toBe("Grade 1");
  });
});

describe("readableTranscript: values as written", () => {
  it("shows codes it has no words for exactly as the file writes them", () => {
    let xml = edit(REAL, "<CourseCreditLevel>NinthGrade</CourseCreditLevel>", "<CourseCreditLevel>Postsecondary</CourseCreditLevel>");
    xml = edit(
      xml,
      "<CourseAcademicGradeStatusCode>PassFailPass</CourseAcademicGradeStatusCode>",
      "<CourseAcademicGradeStatusCode>Incomplete</CourseAcademicGradeStatusCode>",
    );
    xml = edit(xml, "<LanguageCode>ENG</LanguageCode>", "<LanguageCode>SPA</LanguageCode>");
    xml = edit(xml, "<GenderCode>Male</GenderCode>", "<GenderCode>X</GenderCode>");
    xml = edit(xml, "<CourseAcademicGrade>64</CourseAcademicGrade>", "<CourseAcademicGrade>A+</CourseAcademicGrade>");
    for (const locale of ["en", "fr"] as const) {
      const model = readable(parsed(xml), locale);
      expect(model.courses.rows[0]).toMatchObject({ level: "Postsecondary", status: "Incomplete", language: "SPA", grade: "A+" });
      expect(fieldsOf(model, "student")[locale === "fr" ? "Sexe" : "Gender"]).toBe("X");
    }
  });

  it("keeps markup, quotes, emoji and accents as plain text values", () => {
    const hostile = '<script>alert("x")</script>';
    let xml = edit(REAL, "<FirstName>Senior</FirstName>", "<FirstName>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</FirstName>");
    xml = edit(xml, "<LastName>Student</LastName>", "<LastName>O'Brien-Émilie 🎓</LastName>");
    xml = edit(xml, "<CourseTitle>Visual Arts</CourseTitle>", "<CourseTitle>=cmd|' /C calc'!A0 &amp; &lt;b&gt;Arts&lt;/b&gt;</CourseTitle>");
    const model = readable(parsed(xml), "en");
    expect(model.studentName).toBe(`${hostile} O'Brien-Émilie 🎓`);
    expect(fieldsOf(model, "student")).toMatchObject({ "First Name": hostile, Surname: "O'Brien-Émilie 🎓" });
    expect(model.courses.rows[0]?.title).toBe("=cmd|' /C calc'!A0 & <b>Arts</b>");
  });

  it("leaves out empty sections and course columns no course fills, keeping the main columns", () => {
    const lean: Transcript = {
      ...REAL_TRANSCRIPT,
      award: null,
      studentExtensions: {},
      courses: [{ number: "ENG4U1", title: "English" }, { title: "Mathematics" }],
    };
    const model = readable(lean, "en");
    expect(model.sections.map((s) => s.id)).toEqual(["document", "student", "school"]);
    expect(model.courses.columns.map((c) => c.id)).toEqual(["number", "title", "grade", "credits"]);
    expect(model.courses.rows[1]).toMatchObject({ number: null, title: "Mathematics", grade: null, credits: null });
  });
});

describe("readableTranscript: another province's file, in a UTF-16 batch", () => {
  // The real example as a British Columbia system would write it: its identifier under BC, its school by local code,
  // the diploma's credits in the award's own summary, a grade status PESC gives no words for; then inside a PESC
  // batch, in UTF-16.
  let xml = edit(REAL, "<StateProvinceCode>ON</StateProvinceCode>", "<StateProvinceCode>BC</StateProvinceCode>");
  xml = edit(
    xml,
    "<ESIS>00999999</ESIS>",
    "<LocalOrganizationID><LocalOrganizationIDCode>03535050</LocalOrganizationIDCode><LocalOrganizationIDQualifier>BC</LocalOrganizationIDQualifier></LocalOrganizationID>",
  );
  xml = edit(xml, /<AcademicAwardProgram>\s*<ProgramSummary>([\s\S]*?)<\/ProgramSummary>\s*<\/AcademicAwardProgram>/, "<AcademicSummary>$1</AcademicSummary>");
  xml = edit(
    xml,
    "<CourseAcademicGradeStatusCode>PassFailPass</CourseAcademicGradeStatusCode>",
    "<CourseAcademicGradeStatusCode>Completed</CourseAcademicGradeStatusCode>",
  );
  const fromBatch = parseTranscript(encodeUtf16(buildPescBatch([xml], { version: "v1.0.0", prefix: "AcRecBat", flat: true, encoding: "UTF-16" })));
  if (!fromBatch.ok) throw new Error(JSON.stringify(fromBatch.errors));

  it("is the same transcript as the file alone", () => {
    expect(fromBatch.transcript).toEqual(parsed(xml));
  });

  it("shows the other province's identifier under its province, in both languages, and no OEN", () => {
    const en = fieldsOf(readable(fromBatch.transcript, "en"), "student");
    expect(en["Identifier (BC)"]).toBe("999999999");
    expect(en.OEN).toBeUndefined();
    const fr = fieldsOf(readable(fromBatch.transcript, "fr"), "student");
    expect(fr["Identifiant (BC)"]).toBe("999999999");
    expect(fr.NISO).toBeUndefined();
  });

  it("is as readable as the Ontario file: the school by its local code, the diploma's credits, codes as written", () => {
    for (const locale of ["en", "fr"] as const) {
      const model = readable(fromBatch.transcript, locale);
      const ontario = readable(REAL_TRANSCRIPT, locale);
      expect(model.sections.map((s) => s.id)).toEqual(ontario.sections.map((s) => s.id));
      expect(fieldsOf(model, "school")).toEqual({ ...fieldsOf(ontario, "school"), [locale === "fr" ? "ID d'école" : "School ID"]: "03535050" });
      expect(fieldsOf(model, "award")).toEqual(fieldsOf(ontario, "award"));
      expect(model.courses.columns).toEqual(ontario.courses.columns);
      expect(model.courses.rows[0]).toEqual({ ...ontario.courses.rows[0], status: "Completed" });
    }
  });
});

describe("formatDecimal", () => {
  it("keeps the written number of decimals and uses the language's separator", () => {
    expect(formatDecimal("0.5", "en")).toBe("0.5");
    expect(formatDecimal("0.5", "fr")).toBe("0,5");
    expect(formatDecimal("33.50", "fr")).toBe("33,50");
    expect(formatDecimal("1000", "fr")).toBe("1000");
    expect(formatDecimal("85", "en")).toBe("85");
    expect(formatDecimal("B+", "fr")).toBe("B+");
  });
});
