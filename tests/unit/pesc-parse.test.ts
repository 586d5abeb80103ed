import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { TranscriptError } from "@/lib/domain/pesc/errors";
import { MAX_TRANSCRIPT_BYTES, parseTranscript } from "@/lib/domain/pesc/parse-transcript";
import type { Transcript } from "@/lib/domain/pesc/transcript";

// The real Ontario example (PESC CanPESC project, MIT: LICENSE beside it); every hostile or broken file below is
// generated from it, so each test differs from an accepted file by exactly what it tests.
const FIXTURE = path.join(import.meta.dirname, "../fixtures/pesc/ontario-highschool-transcript.xml");
const REAL_BYTES = new Uint8Array(fs.readFileSync(FIXTURE));
const REAL = new TextDecoder().decode(REAL_BYTES);
const NAMESPACE = "urn:org:pesc:message:HighSchoolTranscript:v1.2.0";

/** Replaces `from` (every match for a global RegExp); fails when it is not in the text, so no variant is a no-op. */
function edit(xml: string, from: string | RegExp, to: string): string {
  const out = xml.replace(from, to);
  if (out === xml) throw new Error(`test variant: ${String(from)} not found`);
  return out;
}

function lineOf(xml: string, fragment: string): number {
  const index = xml.indexOf(fragment);
  if (index === -1) throw new Error(`test: ${fragment} not found`);
  return xml.slice(0, index).split("\n").length;
}

function transcriptOf(input: Uint8Array | string): Transcript {
  const result = parseTranscript(input);
  if (!result.ok) throw new Error(`expected the file to be accepted: ${JSON.stringify(result.errors)}`);
  return result.transcript;
}

function errorsOf(input: Uint8Array | string): TranscriptError[] {
  const result = parseTranscript(input);
  if (result.ok) throw new Error("expected the file to be refused");
  return result.errors;
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((offset, p) => (out.set(p, offset), offset + p.length), 0);
  return out;
};
const withName = (first: string) => edit(REAL, "<FirstName>Senior</FirstName>", `<FirstName>${first}</FirstName>`);

describe("parseTranscript: the real Ontario example", () => {
  const t = transcriptOf(REAL_BYTES);

  it("reads the transmission data and the source board", () => {
    expect(t.rawVersion).toBe("1.2.0");
    expect(t.documentId).toBe("987654321987654321");
    expect(t.requestTrackingId).toBe("REF-45454545");
    expect(t.createdDateTime).toBe("2019-01-01T00:00:00");
    expect(t.transmissionType).toBe("Original");
    expect(t.sourceBoard).toEqual({ name: "Demo School Board", esis: "00099999" });
  });

  it("reads the student, with the OEN of the Ontario agency identifier (not Person/AgencyAssignedID)", () => {
    expect(t.student).toEqual({
      firstName: "Senior",
      middleName: "High School",
      lastName: "Student",
      birthDate: "1987-05-16",
      gender: "Male",
      oen: "999999999",
      // 999999999 fails the Luhn check and must still be accepted.
      oenCheckDigitValid: false,
      provincialIds: [],
      // Leading zeros kept: values are never read as numbers.
      schoolAssignedPersonId: "000309945335",
    });
  });

  it("reads the school, the session and the diploma", () => {
    expect(t.school).toEqual({ name: "Sample High School", esis: "00999999" });
    expect(t.sessions).toEqual([
      { designator: "2006-09", beginDate: "2006-09-12", endDate: "2016-03-11", schoolName: "Sample High School", schoolEsis: "00999999" },
    ]);
    expect(t.award).toEqual({
      title: "Ontario Secondary School Diploma",
      level: "B18",
      date: "2016-03-11",
      creditsEarned: "33.50",
      totalQualityPoints: "18.00",
      note: "Grade Status Code: 4",
    });
  });

  it("reads all 54 courses in order, with the OCAS extensions inside their extension group", () => {
    expect(t.courses).toHaveLength(54);
    expect(t.courses[0]).toEqual({
      number: "AVI1O1",
      title: "Visual Arts",
      grade: "64",
      gradeStatus: "PassFailPass",
      creditEarned: "1",
      endDate: "2002-02-01",
      creditLevel: "NinthGrade",
      creditBasis: "Regular",
      language: "ENG",
      type: "R",
      compulsory: true,
    });
    expect(t.courses[2]).toMatchObject({ number: "FIF1D1", title: "French Immersion", note: "F" });
    expect(t.courses.find((c) => c.number === "CHV2O3")).toMatchObject({ creditEarned: "0.5", creditLevel: "TenthGrade" });
    expect(t.courses.at(-1)).toMatchObject({ number: "ENG4UE", grade: "98", endDate: "2018-02-01", creditLevel: "TwelfthGrade", compulsory: false });
    expect(t.courses.filter((c) => c.compulsory === true)).toHaveLength(19);
    expect(t.courses.filter((c) => c.note !== undefined).map((c) => c.note)).toEqual(["F", "F", "F", "F", "F", "F", "F", "I"]);
    // The grade status and the language of instruction, as written (the readable preview puts them in words).
    expect(t.courses.filter((c) => c.gradeStatus === "PassFailFail").map((c) => c.number)).toContain("HHS4M1");
    expect(t.courses.filter((c) => c.gradeStatus === "PassFailPass")).toHaveLength(38);
    expect(t.courses.filter((c) => c.language === "FRE").map((c) => c.number)).toEqual(["FIF1D1", "CGC1D4", "PPL1O4", "CHV2O3", "GLC2O3", "SNC2P2", "PPL3O5"]);
  });

  it("reads the student extensions as written", () => {
    expect(t.studentExtensions).toEqual({ communityInvolvement: "1", literacyTest: "E" });
  });

  it("gives the same transcript from bytes and from a string", () => {
    expect(transcriptOf(REAL)).toEqual(t);
  });

  it("parses in well under 50 ms (a sanity bound; the 5 ms bar is measured by scripts/bench/pesc.ts)", () => {
    // The best of a few runs: a busy machine (tests run in parallel) slows some runs, not all of them.
    const times = Array.from({ length: 6 }, () => {
      const start = performance.now();
      transcriptOf(REAL_BYTES);
      return performance.now() - start;
    });
    expect(Math.min(...times.slice(1))).toBeLessThan(50);
  });
});

describe("parseTranscript: DTDs and entities", () => {
  const root = "<ns0:HighSchoolTranscript";

  it("refuses an external entity (XXE) before parsing", () => {
    const xxe = edit(edit(REAL, root, `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n${root}`), ">Senior<", ">&e;<");
    expect(errorsOf(xxe)).toEqual([{ code: "doctypeNotAllowed", line: 1 }]);
  });

  it("refuses entity expansion (billion laughs)", () => {
    const lol = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join("\n");
    const bomb = edit(edit(REAL, root, `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 "lol">\n${lol}\n]>\n${root}`), ">Senior<", ">&lol9;<");
    expect(errorsOf(bomb)).toEqual([{ code: "doctypeNotAllowed", line: 2 }]);
  });

  it("refuses a DOCTYPE in any case, and an entity declaration anywhere", () => {
    expect(errorsOf(edit(REAL, root, `<!doctype HighSchoolTranscript>\n${root}`))).toEqual([{ code: "doctypeNotAllowed", line: 1 }]);
    const inComment = edit(REAL, "<Student>", '<Student><!-- <!ENTITY e "x"> -->');
    expect(errorsOf(inComment)).toEqual([{ code: "doctypeNotAllowed", line: lineOf(inComment, "<!ENTITY") }]);
  });

  it("refuses a reference to an entity that is not predefined, at its line", () => {
    const undeclared = withName("&eacute;milie");
    expect(errorsOf(undeclared)).toEqual([{ code: "notWellFormed", line: 39, values: { detail: expect.stringContaining("&eacute;") } }]);
  });

  it("decodes the five predefined entities and character references, and nothing twice", () => {
    expect(transcriptOf(withName("O&apos;Brien &amp; &lt;Co&gt; &quot;Jr&quot;")).student.firstName).toBe('O\'Brien & <Co> "Jr"');
    expect(transcriptOf(withName("&#201;milie &#x1F600;")).student.firstName).toBe("Émilie 😀");
    expect(transcriptOf(withName("&amp;amp;")).student.firstName).toBe("&amp;");
    // CDATA is literal: its "&amp;" is not an entity.
    expect(transcriptOf(withName("<![CDATA[Tom &amp; Jerry]]>")).student.firstName).toBe("Tom &amp; Jerry");
  });

  it("refuses a character reference to a character XML does not allow", () => {
    expect(errorsOf(withName("&#0;"))[0]).toMatchObject({ code: "notWellFormed", line: 39 });
    expect(errorsOf(withName("&#xD800;"))[0]).toMatchObject({ code: "notWellFormed", line: 39 });
  });
});

describe("parseTranscript: root element and namespace", () => {
  it("refuses another PESC document", () => {
    const college = edit(REAL, /ns0:HighSchoolTranscript\b/g, "ns0:CollegeTranscript");
    expect(errorsOf(college)).toEqual([{ code: "wrongRoot", values: { found: "CollegeTranscript", namespace: NAMESPACE } }]);
  });

  it.each(["v2.0.0", "v1.100.0", "v1.2", "v10.0.0", "v1.02.0"])("refuses namespace version %s", (version) => {
    const namespace = `urn:org:pesc:message:HighSchoolTranscript:${version}`;
    expect(errorsOf(edit(REAL, NAMESPACE, namespace))).toEqual([{ code: "wrongRoot", values: { found: "HighSchoolTranscript", namespace } }]);
  });

  it.each(["v1.0.0", "v1.5.3", "v1.99.12"])("accepts namespace version %s", (version) => {
    expect(transcriptOf(edit(REAL, NAMESPACE, `urn:org:pesc:message:HighSchoolTranscript:${version}`)).rawVersion).toBe(version.slice(1));
  });

  it("refuses a HighSchoolTranscript in no namespace, or whose prefix names another namespace", () => {
    const unqualified = edit(edit(REAL, /ns0:HighSchoolTranscript\b/g, "HighSchoolTranscript"), ` xmlns:ns0="${NAMESPACE}"`, "");
    expect(errorsOf(unqualified)).toEqual([{ code: "wrongRoot", values: { found: "HighSchoolTranscript", namespace: "" } }]);
    // The default namespace is the right one, but the root's prefix is bound to another.
    const other = "urn:org:pesc:message:CollegeTranscript:v1.2.0";
    const misbound = edit(REAL, `xmlns:ns0="${NAMESPACE}"`, `xmlns:ns0="${other}" xmlns="${NAMESPACE}"`);
    expect(errorsOf(misbound)).toEqual([{ code: "wrongRoot", values: { found: "HighSchoolTranscript", namespace: other } }]);
  });

  it("accepts any prefix, and the default namespace without one", () => {
    const expected = transcriptOf(REAL);
    expect(transcriptOf(edit(edit(REAL, /ns0:/g, "pesc:"), "xmlns:ns0=", "xmlns:pesc="))).toEqual(expected);
    expect(transcriptOf(edit(edit(REAL, /ns0:/g, ""), "xmlns:ns0=", "xmlns="))).toEqual(expected);
    // Single quotes and a declaration, comment and processing instruction before the root.
    const prolog = `<?xml version='1.0' encoding='utf-8'?>\n<!-- exported -->\n<?app x?>\n`;
    expect(transcriptOf(prolog + edit(REAL, `"${NAMESPACE}"`, `'${NAMESPACE}'`))).toEqual(expected);
  });
});

describe("parseTranscript: required fields, dates and OEN", () => {
  it("refuses a missing first name, and an empty last name", () => {
    expect(errorsOf(edit(REAL, "<FirstName>Senior</FirstName>", ""))).toEqual([
      { code: "missingName", element: "FirstName", values: { element: "FirstName" } },
    ]);
    expect(errorsOf(edit(REAL, "<LastName>Student</LastName>", "<LastName>  </LastName>"))).toEqual([
      { code: "missingName", element: "LastName", values: { element: "LastName" } },
    ]);
  });

  it("takes markup inside a name for no name at all", () => {
    expect(errorsOf(withName("<script>alert(1)</script>"))).toEqual([{ code: "missingName", element: "FirstName", values: { element: "FirstName" } }]);
  });

  it("refuses a missing birth date", () => {
    expect(errorsOf(edit(REAL, "<BirthDate>1987-05-16</BirthDate>", ""))).toEqual([
      { code: "missingBirthDate", element: "BirthDate", values: { element: "BirthDate" } },
    ]);
  });

  it.each(["1987-02-30", "1987-5-16", "16/05/1987", "1987-05-16T00:00:00", "19870516"])("refuses birth date %s at its line", (value) => {
    expect(errorsOf(edit(REAL, "1987-05-16", value))).toEqual([
      { code: "invalidDate", element: "BirthDate", line: 36, values: { element: "BirthDate", value } },
    ]);
  });

  it("refuses a course end date, a session date and an award date that are not dates", () => {
    const course = edit(REAL, "<CourseEndDate>2018-02-01</CourseEndDate>", "<CourseEndDate>2018-13-01</CourseEndDate>");
    expect(errorsOf(course)).toEqual([
      { code: "invalidDate", element: "CourseEndDate", line: lineOf(course, "2018-13-01"), values: { element: "CourseEndDate", value: "2018-13-01" } },
    ]);
    expect(errorsOf(edit(REAL, "<SessionBeginDate>2006-09-12", "<SessionBeginDate>2006-09-31"))).toEqual([
      { code: "invalidDate", element: "SessionBeginDate", line: 51, values: { element: "SessionBeginDate", value: "2006-09-31" } },
    ]);
    expect(errorsOf(edit(REAL, "<AcademicAwardDate>2016-03-11", "<AcademicAwardDate>March 2016"))).toEqual([
      { code: "invalidDate", element: "AcademicAwardDate", line: 60, values: { element: "AcademicAwardDate", value: "March 2016" } },
    ]);
  });

  it("reports every field problem at once, in order", () => {
    const broken = edit(edit(edit(REAL, "<FirstName>Senior</FirstName>", ""), "1987-05-16", "1987-02-29"), ">999999999<", ">12345<");
    expect(errorsOf(broken).map((e) => [e.code, e.element])).toEqual([
      ["missingName", "FirstName"],
      ["invalidDate", "BirthDate"],
      ["invalidOen", "AgencyAssignedID"],
    ]);
  });

  it.each(["12345", "1234567890", "123-456-782", "12345678X"])("refuses OEN %s", (value) => {
    expect(errorsOf(edit(REAL, ">999999999<", `>${value}<`))).toEqual([{ code: "invalidOen", element: "AgencyAssignedID", line: 31, values: { value } }]);
  });

  it("reads the placeholder 000000000, an absent value and an absent identifier as no OEN", () => {
    const unknown = transcriptOf(edit(REAL, ">999999999<", ">000000000<")).student;
    expect([unknown.oen, unknown.oenCheckDigitValid]).toEqual([null, null]);
    expect(transcriptOf(edit(REAL, "<AgencyAssignedID>999999999</AgencyAssignedID>", "")).student.oen).toBeNull();
    expect(transcriptOf(edit(REAL, /<AgencyIdentifier>[\s\S]*<\/AgencyIdentifier>/, "")).student.oen).toBeNull();
  });

  it("reads the OEN by agency name as well, and checks its check digit without refusing", () => {
    const byName = edit(REAL, "<StateProvinceCode>ON</StateProvinceCode>", "<AgencyName>Ontario Education Number</AgencyName>");
    expect(transcriptOf(byName).student.oen).toBe("999999999");
    const other = edit(REAL, "<StateProvinceCode>ON</StateProvinceCode>", "<StateProvinceCode>QC</StateProvinceCode>");
    expect(transcriptOf(other).student.oen).toBeNull();
    const valid = transcriptOf(edit(REAL, ">999999999<", ">123456782<")).student;
    expect([valid.oen, valid.oenCheckDigitValid]).toEqual(["123456782", true]);
  });

  it("keeps values as strings and other gender codes as given", () => {
    const t = transcriptOf(edit(edit(REAL, "<CourseAcademicGrade>64<", "<CourseAcademicGrade>0064<"), "<GenderCode>Male<", "<GenderCode>Unreported<"));
    expect(t.courses[0]!.grade).toBe("0064");
    expect(t.student.gender).toBe("Unreported");
  });

  it("reads courses inside sessions and extensions placed directly in UserDefinedExtensions", () => {
    const firstCourse = /\t\t\t<Course>[\s\S]*?<\/Course>\n/.exec(REAL)![0];
    const moved = edit(edit(REAL, firstCourse, ""), "</AcademicSession>", `${firstCourse}</AcademicSession>`);
    const flat = edit(moved, /<\/?ext:HighSchoolTranscriptExtensions>/g, "");
    const t = transcriptOf(edit(flat, /<\/?ext:HighSchoolTranscriptCourseExtensions>/g, ""));
    expect(t.courses).toHaveLength(54);
    expect(t.courses[0]).toEqual(transcriptOf(REAL).courses[0]);
    expect(t.studentExtensions).toEqual({ communityInvolvement: "1", literacyTest: "E" });
  });
});

describe("parseTranscript: size and encoding", () => {
  it("refuses more than 5 MB, and accepts exactly 5 MB", () => {
    expect(MAX_TRANSCRIPT_BYTES).toBe(5 * 1024 * 1024);
    const padding = (n: number) => `\n<!--${"x".repeat(n - REAL_BYTES.length - 8)}-->`;
    const tooBig = REAL + padding(MAX_TRANSCRIPT_BYTES + 1);
    expect(utf8(tooBig).length).toBe(MAX_TRANSCRIPT_BYTES + 1);
    const limits = { limit: MAX_TRANSCRIPT_BYTES, limitMb: 5 };
    expect(errorsOf(utf8(tooBig))).toEqual([{ code: "tooLarge", values: { size: MAX_TRANSCRIPT_BYTES + 1, ...limits } }]);
    expect(errorsOf(tooBig)).toEqual([{ code: "tooLarge", values: { size: MAX_TRANSCRIPT_BYTES + 1, ...limits } }]);
    // Counted in UTF-8 bytes for a string too: 1.75 M characters of "é" are 3.5 MB, 2.75 M are 5.5 MB.
    expect(transcriptOf(withName("é".repeat(1_750_000))).student.firstName).toHaveLength(1_750_000);
    expect(errorsOf(withName("é".repeat(2_750_000)))[0]!.code).toBe("tooLarge");
    expect(transcriptOf(utf8(REAL + padding(MAX_TRANSCRIPT_BYTES))).student.lastName).toBe("Student");
  });

  it("refuses bytes that are not UTF-8 (Latin-1 Émilie), at their line", () => {
    const latin1 = concat(utf8(REAL.slice(0, REAL.indexOf("Senior"))), new Uint8Array([0xc9]), utf8(`milie${REAL.slice(REAL.indexOf("Senior") + 6)}`));
    expect(errorsOf(latin1)).toEqual([{ code: "notUtf8", line: 39, values: { offset: REAL.indexOf("Senior") } }]);
  });

  it("refuses a declaration that names an encoding other than UTF-8 or UTF-16", () => {
    expect(errorsOf(`<?xml version="1.0" encoding="ISO-8859-1"?>\n${REAL}`)).toEqual([{ code: "unsupportedEncoding", values: { encoding: "ISO-8859-1" } }]);
    const latin1 = concat(utf8(`<?xml version="1.0" encoding="ISO-8859-1"?>\n${REAL.slice(0, REAL.indexOf("Senior"))}`), new Uint8Array([0xc9]));
    expect(errorsOf(latin1)).toEqual([{ code: "unsupportedEncoding", values: { encoding: "ISO-8859-1" } }]);
    expect(errorsOf(utf8(`<?xml version="1.0" encoding="windows-1252"?>\n${REAL}`))).toEqual([
      { code: "unsupportedEncoding", values: { encoding: "windows-1252" } },
    ]);
  });

  it("reads text whose declaration says UTF-16 (it is text already), and UTF-8 bytes that say so (.NET's StringWriter)", () => {
    const expected = transcriptOf(REAL);
    expect(transcriptOf(`<?xml version="1.0" encoding="UTF-16"?>\n${REAL}`)).toEqual(expected);
    expect(transcriptOf(utf8(`<?xml version="1.0" encoding="utf-16"?>\n${REAL}`))).toEqual(expected);
  });

  it("accepts a UTF-8 byte order mark, with or without a declaration", () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf]);
    expect(transcriptOf(concat(bom, REAL_BYTES)).student.lastName).toBe("Student");
    expect(transcriptOf(concat(bom, utf8(`<?xml version="1.0" encoding="UTF-8"?>\n${REAL}`))).student.lastName).toBe("Student");
    expect(transcriptOf(`\uFEFF${REAL}`).student.lastName).toBe("Student");
  });

  it("refuses a string that cannot be written in UTF-8 (lone surrogate)", () => {
    expect(errorsOf(withName("\uD800"))).toEqual([{ code: "notUtf8" }]);
  });

  it("keeps accented names exactly as written in UTF-8", () => {
    const t = transcriptOf(utf8(edit(withName("Émilie-Noël"), "<LastName>Student</LastName>", "<LastName>Côté-Lévesque O’Brien</LastName>")));
    expect([t.student.firstName, t.student.lastName]).toEqual(["Émilie-Noël", "Côté-Lévesque O’Brien"]);
  });

  it("keeps an escaped <script> in a name as text", () => {
    expect(transcriptOf(withName("&lt;script&gt;alert(1)&lt;/script&gt;")).student.firstName).toBe("<script>alert(1)</script>");
    expect(transcriptOf(withName("<![CDATA[<script>alert(1)</script>]]>")).student.firstName).toBe("<script>alert(1)</script>");
  });
});

describe("parseTranscript: files that are not well-formed", () => {
  it("refuses an unclosed tag, with the line and column where it shows", () => {
    const unclosed = edit(REAL, "<FirstName>Senior</FirstName>", "<FirstName>Senior");
    expect(errorsOf(unclosed)).toEqual([
      { code: "notWellFormed", line: lineOf(unclosed, "</Name>"), values: { detail: expect.stringContaining("FirstName"), column: 4 } },
    ]);
  });

  it("refuses a truncated file, an empty file and text that is not XML", () => {
    for (const input of [REAL.slice(0, REAL.length / 2), "", "   ", "Senior,Student,1987-05-16", "%PDF-1.7"]) {
      expect(errorsOf(input)[0]!.code).toBe("notWellFormed");
    }
  });

  it("refuses two root elements", () => {
    expect(errorsOf(`${REAL}\n<Other/>`)).toEqual([{ code: "notWellFormed", values: { detail: expect.any(String) } }]);
  });

  it("refuses control characters XML forbids", () => {
    expect(errorsOf(withName("Sen\u0000ior"))).toEqual([{ code: "notWellFormed", line: 39, values: { detail: expect.stringContaining("U+0000") } }]);
  });

  it("refuses element names that would reach the object prototype, and leaves it untouched", () => {
    for (const name of ["__proto__", "constructor", "prototype"]) {
      const hostile = edit(REAL, "<Student>", `<Student><${name}><polluted>yes</polluted></${name}>`);
      expect(errorsOf(hostile)[0]!.code).toBe("notWellFormed");
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
