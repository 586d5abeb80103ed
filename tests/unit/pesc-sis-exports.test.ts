import fs from "node:fs";
import path from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { BATCH_TAIL, batchHead, xmlItem } from "@/lib/domain/pesc/academic-record-batch";
import { compareWithRequest, isCleanMatch } from "@/lib/domain/pesc/compare";
import type { TranscriptError } from "@/lib/domain/pesc/errors";
import { MAX_TRANSCRIPT_BYTES, parseTranscript, readTranscriptFile, type TranscriptDocumentResult } from "@/lib/domain/pesc/parse-transcript";
import type { Transcript } from "@/lib/domain/pesc/transcript";
import { buildPescBatch, encodeUtf16, withXmlDeclaration } from "@/prisma/seed/pesc-template.mjs";

// What real SIS exports send (issue 16, contracts §3): UTF-16 files (with a byte-order mark, or a declaration saying
// so), PESC AcademicRecordBatch files holding transcripts, and identifiers of other provinces. Every file is built here
// from the real Ontario example, so each differs from an accepted file by exactly what it tests.
const REAL = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/pesc/ontario-highschool-transcript.xml"), "utf8");
const EXPECTED = transcriptOf(REAL);

function edit(xml: string, from: string | RegExp, to: string): string {
  const out = xml.replace(from, to);
  if (out === xml) throw new Error(`test variant: ${String(from)} not found`);
  return out;
}

function lineOf(xml: string, fragment: string, from = 0): number {
  const index = xml.indexOf(fragment, from);
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

function documentsOf(input: Uint8Array | string): TranscriptDocumentResult[] {
  const result = readTranscriptFile(input);
  if (!result.ok) throw new Error(`expected the file to be read: ${JSON.stringify(result.errors)}`);
  return result.documents;
}

const utf8 = (s: string) => new TextEncoder().encode(s);
/** The real example for another student. */
const named = (first: string, last = "Student") =>
  edit(REAL, "<FirstName>Senior</FirstName>", `<FirstName>${first}</FirstName>`).replace("<LastName>Student</LastName>", `<LastName>${last}</LastName>`);

/** The encodings a file arrives in; `text` is the document before encoding (its declaration made to match). */
const ENCODINGS = {
  "UTF-8": (text: string) => utf8(text),
  "UTF-16LE with a byte-order mark": (text: string) => encodeUtf16(text),
  "UTF-16BE with a byte-order mark": (text: string) => encodeUtf16(text, { bigEndian: true }),
  "UTF-16LE with a declaration only": (text: string) => encodeUtf16(withXmlDeclaration(text, "UTF-16"), { bom: false }),
  "UTF-16BE with a declaration only": (text: string) => encodeUtf16(withXmlDeclaration(text, "UTF-16"), { bigEndian: true, bom: false }),
} as const;
const encodings = Object.entries(ENCODINGS);

describe("UTF-16 transcripts", () => {
  it.each(encodings)("reads the real example in %s exactly as in UTF-8", (_name, encode) => {
    expect(transcriptOf(encode(REAL))).toEqual(EXPECTED);
  });

  it("reads a byte-order mark with a declaration, in any case and quotes, and a declaration naming the byte order", () => {
    expect(transcriptOf(encodeUtf16(withXmlDeclaration(REAL, "UTF-16")))).toEqual(EXPECTED);
    expect(transcriptOf(encodeUtf16(withXmlDeclaration(REAL, "utf-16"), { bigEndian: true }))).toEqual(EXPECTED);
    expect(transcriptOf(encodeUtf16(`<?xml version='1.0' encoding='UTF-16LE'?>\n${REAL}`, { bom: false }))).toEqual(EXPECTED);
    expect(transcriptOf(encodeUtf16(`<?xml version="1.0" encoding="UTF-16BE" standalone="yes"?>\n${REAL}`, { bigEndian: true, bom: false }))).toEqual(EXPECTED);
  });

  it("keeps accented names and characters beyond the BMP exactly as written", () => {
    const text = named("Émilie-Noël 😀", "Côté-Lévesque O’Brien");
    for (const encode of Object.values(ENCODINGS)) {
      const { firstName, lastName } = transcriptOf(encode(text)).student;
      expect([firstName, lastName]).toEqual(["Émilie-Noël 😀", "Côté-Lévesque O’Brien"]);
    }
  });

  it("refuses UTF-16 that neither a byte-order mark nor a declaration announces", () => {
    expect(errorsOf(encodeUtf16(REAL, { bom: false }))).toEqual([{ code: "undeclaredUtf16", values: { encoding: "UTF-16LE" } }]);
    expect(errorsOf(encodeUtf16(REAL, { bom: false, bigEndian: true }))).toEqual([{ code: "undeclaredUtf16", values: { encoding: "UTF-16BE" } }]);
    // A declaration that names no encoding, or UTF-8, does not say UTF-16.
    expect(errorsOf(encodeUtf16(`<?xml version="1.0"?>\n${REAL}`, { bom: false }))).toEqual([{ code: "undeclaredUtf16", values: { encoding: "UTF-16LE" } }]);
    expect(errorsOf(encodeUtf16(withXmlDeclaration(REAL, "UTF-8"), { bom: false }))).toEqual([{ code: "undeclaredUtf16", values: { encoding: "UTF-16LE" } }]);
  });

  it("refuses a UTF-16 file whose declaration names another encoding, and UTF-32", () => {
    expect(errorsOf(encodeUtf16(withXmlDeclaration(REAL, "ISO-8859-1")))).toEqual([{ code: "unsupportedEncoding", values: { encoding: "ISO-8859-1" } }]);
    expect(errorsOf(new Uint8Array([0xff, 0xfe, 0x00, 0x00, 0x3c, 0x00, 0x00, 0x00]))).toEqual([
      { code: "unsupportedEncoding", values: { encoding: "UTF-32LE" } },
    ]);
    expect(errorsOf(new Uint8Array([0x00, 0x00, 0xfe, 0xff, 0x00, 0x00, 0x00, 0x3c]))).toEqual([
      { code: "unsupportedEncoding", values: { encoding: "UTF-32BE" } },
    ]);
  });

  it("refuses a lone surrogate and a truncated last code unit, at their line", () => {
    const at = REAL.indexOf("Senior");
    const lone = encodeUtf16(REAL);
    // "S" of Senior becomes a low surrogate alone (line 39).
    lone.set([0x00, 0xdc], 2 + at * 2);
    expect(errorsOf(lone)).toEqual([{ code: "notUtf16", line: 39, values: { offset: 2 + at * 2, encoding: "UTF-16LE" } }]);
    const be = encodeUtf16(REAL, { bigEndian: true });
    be.set([0xd8, 0x00], 2 + at * 2);
    expect(errorsOf(be)).toEqual([{ code: "notUtf16", line: 39, values: { offset: 2 + at * 2, encoding: "UTF-16BE" } }]);
    const odd = encodeUtf16(`${REAL}\n`).slice(0, -1);
    expect(errorsOf(odd)[0]).toMatchObject({ code: "notUtf16", values: { offset: odd.length - 1 } });
  });

  it("gives the errors of a UTF-16 file at their lines, as in UTF-8", () => {
    const bad = edit(REAL, "<BirthDate>1987-05-16", "<BirthDate>1987-02-30");
    for (const [name, encode] of encodings) {
      // UTF-16 without a byte-order mark has its declaration on line 1.
      const line = name.endsWith("declaration only") ? 37 : 36;
      expect(errorsOf(encode(bad))).toEqual([{ code: "invalidDate", element: "BirthDate", line, values: { element: "BirthDate", value: "1987-02-30" } }]);
    }
  });

  it("applies the 5 MB limit to the bytes received, not to the text", () => {
    // A UTF-16 file of 5 MB and 2 bytes holds about 2.6 million characters: its UTF-8 text would be half as large.
    const padded = (bytes: number) => `${REAL}\n<!--${"x".repeat((bytes - 2) / 2 - REAL.length - 8)}-->`;
    const over = encodeUtf16(padded(MAX_TRANSCRIPT_BYTES + 2));
    expect(over.length).toBe(MAX_TRANSCRIPT_BYTES + 2);
    expect(errorsOf(over)).toEqual([{ code: "tooLarge", values: { size: MAX_TRANSCRIPT_BYTES + 2, limit: MAX_TRANSCRIPT_BYTES, limitMb: 5 } }]);
    const exactly = encodeUtf16(padded(MAX_TRANSCRIPT_BYTES));
    expect(exactly.length).toBe(MAX_TRANSCRIPT_BYTES);
    expect(transcriptOf(exactly).student.lastName).toBe("Student");
  });
});

describe("hostile files, in every encoding", () => {
  const root = "<ns0:HighSchoolTranscript";
  const xxe = edit(edit(REAL, root, `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n${root}`), ">Senior<", ">&e;<");
  const lol = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join("\n");
  const laughs = edit(edit(REAL, root, `<!DOCTYPE lolz [\n<!ENTITY lol0 "lol">\n${lol}\n]>\n${root}`), ">Senior<", ">&lol9;<");
  /** The file as its encoding writes it: UTF-16 without a byte-order mark gets a declaration (line 1). */
  const lineIn = (name: string, line: number) => (name.endsWith("declaration only") ? line + 1 : line);

  it.each(encodings)("refuses an external entity (XXE) in %s", (name, encode) => {
    expect(errorsOf(encode(xxe))).toEqual([{ code: "doctypeNotAllowed", line: lineIn(name, 1) }]);
  });

  it.each(encodings)("refuses entity expansion (billion laughs) in %s", (name, encode) => {
    expect(errorsOf(encode(laughs))).toEqual([{ code: "doctypeNotAllowed", line: lineIn(name, 1) }]);
  });

  it.each(encodings)("refuses a DOCTYPE and an entity declaration inside a batch in %s", (name, encode) => {
    const batch = buildPescBatch([REAL, named("Second")], { encoding: null });
    const withDoctype = edit(
      batch,
      "<arb:AcademicRecordBatch",
      '<!DOCTYPE arb:AcademicRecordBatch [<!ENTITY e SYSTEM "http://example.invalid/">]>\n<arb:AcademicRecordBatch',
    );
    expect(errorsOf(encode(withDoctype))).toEqual([{ code: "doctypeNotAllowed", line: lineIn(name, 1) }]);
    // In the second transcript's text, commented out: refused all the same, and nothing of the batch is read.
    const inSecond = edit(batch, "<FirstName>Second</FirstName>", '<FirstName>Second</FirstName><!-- <!ENTITY x "y"> -->');
    const result = readTranscriptFile(encode(inSecond));
    expect(result).toEqual({ ok: false, errors: [{ code: "doctypeNotAllowed", line: lineIn(name, lineOf(inSecond, "<!ENTITY")) }] });
  });

  it.each(encodings)("refuses a reference to an undeclared entity in %s, naming the batch's transcript", (name, encode) => {
    expect(errorsOf(encode(edit(REAL, ">Senior<", ">&eacute;<")))[0]).toMatchObject({ code: "notWellFormed", line: lineIn(name, 39) });
    const batch = buildPescBatch([REAL, edit(REAL, ">Senior<", ">&eacute;<")], { encoding: null });
    expect(readTranscriptFile(encode(batch))).toEqual({
      ok: false,
      errors: [{ code: "notWellFormed", document: 2, line: lineIn(name, lineOf(batch, "&eacute;")), values: { detail: expect.stringContaining("&eacute;") } }],
    });
  });
});

describe("PESC batch files", () => {
  it("reads a v2.1.0 batch of one (envelope and BatchContent) as its transcript", () => {
    expect(transcriptOf(buildPescBatch([REAL]))).toEqual(EXPECTED);
  });

  it("reads a v1.0.0 batch of one with its transcript right in the root, in the default namespace", () => {
    expect(transcriptOf(buildPescBatch([REAL], { version: "v1.0.0", prefix: "", flat: true }))).toEqual(EXPECTED);
  });

  it.each(["v1.0.0", "v1.3.0", "v2.0.0", "v2.1.0", "v2.12.3"])("accepts batch namespace version %s, under any prefix", (version) => {
    expect(transcriptOf(buildPescBatch([REAL], { version, prefix: "AcRecBat" }))).toEqual(EXPECTED);
  });

  it.each(["v3.0.0", "v2.1", "v1.100.0", "v0.9.0"])("refuses batch namespace version %s as the wrong root", (version) => {
    const namespace = `urn:org:pesc:message:AcademicRecordBatch:${version}`;
    expect(errorsOf(buildPescBatch([REAL], { version }))).toEqual([{ code: "wrongRoot", values: { found: "AcademicRecordBatch", namespace } }]);
  });

  it("reads each transcript of a batch of several, in order; the single upload refuses it with the count", () => {
    const batch = buildPescBatch([REAL, named("Second", "Person"), named("Third", "Person")]);
    const documents = documentsOf(batch);
    expect(documents.map((d) => [d.number, d.ok && `${d.transcript.student.firstName} ${d.transcript.student.lastName}`])).toEqual([
      [1, "Senior Student"],
      [2, "Second Person"],
      [3, "Third Person"],
    ]);
    expect(documents[0]).toMatchObject({ ok: true, transcript: EXPECTED });
    expect(errorsOf(batch)).toEqual([{ code: "batchOfSeveral", values: { count: 3 } }]);
  });

  it("cuts each transcript out as a UTF-8 document of its own: its text as written, the same transcript when read again", () => {
    const second = named("Second", "Person");
    for (const input of [buildPescBatch([REAL, second]), encodeUtf16(buildPescBatch([REAL, second], { encoding: "UTF-16" }), { bigEndian: true })]) {
      const [, document] = documentsOf(input);
      if (!document?.ok) throw new Error("the second transcript was refused");
      expect(document.xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<ns0:HighSchoolTranscript ')).toBe(true);
      // Everything after the start tag is the batch's text, untouched.
      const afterStartTag = (s: string) => s.slice(s.indexOf(">", s.indexOf("<ns0:HighSchoolTranscript")) + 1).trimEnd();
      expect(afterStartTag(document.xml)).toBe(afterStartTag(second));
      expect(XMLValidator.validate(document.xml)).toBe(true);
      expect(document.transcript).toEqual(transcriptOf(second));
      expect(transcriptOf(utf8(document.xml))).toEqual(document.transcript);
    }
  });

  it("gives a transcript whose prefix the batch's root declares that declaration in its own document", () => {
    const namespace = "urn:org:pesc:message:HighSchoolTranscript:v1.5.0";
    const inner = edit(REAL, /ns0:HighSchoolTranscript xmlns:ns0="[^"]*"/, "hst:HighSchoolTranscript").replace(
      "</ns0:HighSchoolTranscript>",
      "</hst:HighSchoolTranscript>",
    );
    const batch = edit(
      buildPescBatch([inner, inner.replace("Senior", "Other")]),
      "<arb:AcademicRecordBatch ",
      `<arb:AcademicRecordBatch xmlns:hst="${namespace}" `,
    );
    const [first] = documentsOf(batch);
    if (!first?.ok) throw new Error("refused");
    expect(first.transcript.rawVersion).toBe("1.5.0");
    expect(first.xml).toContain(`<hst:HighSchoolTranscript xmlns:hst="${namespace}" xmlns:arb="urn:org:pesc:message:AcademicRecordBatch:v2.1.0" xmlns:AcRec=`);
    expect(transcriptOf(first.xml).rawVersion).toBe("1.5.0");
    // Without the declaration the transcript is in no namespace: refused, naming it.
    const undeclared = edit(batch, ` xmlns:hst="${namespace}"`, "");
    expect(XMLValidator.validate(undeclared)).toBe(true);
    const secondStart = undeclared.indexOf("<hst:HighSchoolTranscript", undeclared.indexOf("<hst:HighSchoolTranscript") + 1);
    expect(documentsOf(undeclared)[1]).toEqual({
      number: 2,
      ok: false,
      errors: [
        {
          code: "wrongDocument",
          document: 2,
          line: lineOf(undeclared, "<hst:HighSchoolTranscript", secondStart),
          values: { found: "HighSchoolTranscript", namespace: "" },
        },
      ],
    });
  });

  it("refuses only the transcript of a batch that does not pass, naming it, with its lines in the batch", () => {
    const second = edit(named("Second"), "<BirthDate>1987-05-16", "<BirthDate>1987-02-30");
    const batch = buildPescBatch([REAL, second, named("Third")]);
    const documents = documentsOf(batch);
    expect(documents.map((d) => d.ok)).toEqual([true, false, true]);
    expect(documents[1]).toEqual({
      number: 2,
      ok: false,
      errors: [
        { code: "invalidDate", element: "BirthDate", document: 2, line: lineOf(batch, "1987-02-30"), values: { element: "BirthDate", value: "1987-02-30" } },
      ],
    });
    expect(lineOf(batch, "1987-02-30")).toBeGreaterThan(lineOf(REAL, "1987-05-16") + REAL.split("\n").length);
    const noName = buildPescBatch([REAL, edit(REAL, "<FirstName>Senior</FirstName>", "")]);
    expect(documentsOf(noName)[1]).toEqual({
      number: 2,
      ok: false,
      errors: [{ code: "missingName", element: "FirstName", document: 2, values: { element: "FirstName" } }],
    });
  });

  it("refuses a batch whose second transcript is not well-formed, saying which transcript and where", () => {
    const batch = buildPescBatch([REAL, edit(named("Second"), "<FirstName>Second</FirstName>", "<FirstName>Second"), named("Third")]);
    const [error] = errorsOf(batch);
    expect(error).toMatchObject({ code: "notWellFormed", document: 2, values: { detail: expect.stringContaining("FirstName") } });
    expect(error!.line).toBe(lineOf(batch, "</Name>", batch.indexOf("<FirstName>Second")));
    expect(readTranscriptFile(batch)).toEqual({ ok: false, errors: [error] });
  });

  it("names no transcript for an error in the envelope or in a batch of one", () => {
    const one = buildPescBatch([edit(REAL, "<FirstName>Senior</FirstName>", "<FirstName>Senior")]);
    expect(errorsOf(one)).toEqual([{ code: "notWellFormed", line: lineOf(one, "</Name>"), values: expect.objectContaining({ detail: expect.any(String) }) }]);
  });

  it("refuses an error in the envelope, an empty batch and a second root", () => {
    const envelope = edit(buildPescBatch([REAL]), "</arb:BatchID>", "");
    expect(errorsOf(envelope)[0]).toMatchObject({ code: "notWellFormed" });
    expect(errorsOf(envelope)[0]!.document).toBeUndefined();
    expect(errorsOf(buildPescBatch([]))).toEqual([{ code: "emptyBatch" }]);
    expect(errorsOf(buildPescBatch([], { flat: true }))).toEqual([{ code: "emptyBatch" }]);
    expect(errorsOf(`${buildPescBatch([REAL])}<Other/>`)[0]).toMatchObject({ code: "notWellFormed" });
  });

  it("refuses a document of a batch that is not a HighSchoolTranscript 1.x, and reads the others", () => {
    const college = edit(named("College"), /ns0:HighSchoolTranscript\b/g, "ns0:CollegeTranscript");
    const v2 = edit(named("Future"), "HighSchoolTranscript:v1.2.0", "HighSchoolTranscript:v2.0.0");
    const batch = buildPescBatch([college, REAL, v2]);
    const documents = documentsOf(batch);
    expect(documents.map((d) => (d.ok ? "ok" : d.errors.map((e) => `${e.code} ${e.document} ${e.values?.found}`)))).toEqual([
      ["wrongDocument 1 CollegeTranscript"],
      "ok",
      ["wrongDocument 3 HighSchoolTranscript"],
    ]);
    // A batch of one such document, uploaded alone.
    expect(errorsOf(buildPescBatch([college]))).toEqual([
      {
        code: "wrongDocument",
        line: lineOf(buildPescBatch([college]), "<ns0:CollegeTranscript"),
        values: { found: "CollegeTranscript", namespace: "urn:org:pesc:message:HighSchoolTranscript:v1.2.0" },
      },
    ]);
  });

  it("gives the errors of a batch of one at their lines in the file, without a transcript number", () => {
    const batch = buildPescBatch([edit(REAL, ">999999999<", ">12345<")]);
    expect(errorsOf(batch)).toEqual([{ code: "invalidOen", element: "AgencyAssignedID", line: lineOf(batch, ">12345<"), values: { value: "12345" } }]);
  });

  it.each(encodings)("reads a batch in %s", (_name, encode) => {
    const documents = documentsOf(encode(buildPescBatch([REAL, named("Second")], { encoding: null })));
    expect(documents.map((d) => d.ok && d.transcript.student.firstName)).toEqual(["Senior", "Second"]);
  });
});

describe("the batch envelope: what TRMS writes, it reads", () => {
  it("reads the XML transcripts of a nightly batch, and xmlItem gives a stored batch of one as its transcript", () => {
    const items = [xmlItem(REAL), xmlItem(buildPescBatch([named("Second")])), xmlItem(encodeUtf16(buildPescBatch([named("Third")], { encoding: "UTF-16" })))];
    expect(items[1]).toMatch(/^<ns0:HighSchoolTranscript xmlns="" xmlns:arb="urn:org:pesc:message:AcademicRecordBatch:v2\.1\.0" xmlns:ns0=/);
    expect(items[1]).not.toContain("BatchEnvelope");
    const head = batchHead({
      batchId: "TRMS-SENE-2026-12-01-001",
      batchDateTime: "2026-12-01T02:00:04-05:00",
      destination: { code: "SENE", name: "Seneca" },
      items: ["REF-00000001", "REF-00000002", "REF-00000003"].map((referenceNumber, i) => ({
        sequence: i + 1,
        referenceNumber,
        transmissionType: "Original" as const,
        format: "XML" as const,
        sha256: "a".repeat(64),
      })),
    });
    const nightly = head + items.join("") + BATCH_TAIL;
    expect(XMLValidator.validate(nightly)).toBe(true);
    expect(documentsOf(nightly).map((d) => d.ok && d.transcript.student.firstName)).toEqual(["Senior", "Second", "Third"]);
  });

  it("refuses to make an item of a stored batch of several", () => {
    expect(() => xmlItem(buildPescBatch([REAL, REAL]))).toThrow(/exactly one/);
  });
});

describe("other provinces' identifiers", () => {
  const bc = edit(REAL, "<StateProvinceCode>ON</StateProvinceCode>", "<StateProvinceCode>BC</StateProvinceCode>");
  const request = { referenceNumber: "REF-45454545", firstName: "Senior", lastName: "Student", dateOfBirth: "1987-05-16", gender: "MALE", oen: "999999999" };

  it("keeps a British Columbia identifier as written, not as an OEN", () => {
    const { student } = transcriptOf(bc);
    expect([student.oen, student.oenCheckDigitValid]).toEqual([null, null]);
    expect(student.provincialIds).toEqual([{ province: "BC", id: "999999999" }]);
  });

  it("never refuses it as an OEN, whatever its form", () => {
    for (const id of ["12345", "PEN-1245-83642", "ABC"]) {
      expect(transcriptOf(edit(bc, ">999999999<", `>${id}<`)).student.provincialIds).toEqual([{ province: "BC", id }]);
    }
  });

  it("lets the province decide over the agency name, and reads the Ontario identifier beside another", () => {
    const named = edit(bc, "<AgencyCode>State</AgencyCode>", "<AgencyName>Ontario Education Number</AgencyName>");
    expect(transcriptOf(named).student).toMatchObject({ oen: null, provincialIds: [{ province: "BC", id: "999999999" }] });
    const both = edit(
      REAL,
      "</AgencyIdentifier>",
      "</AgencyIdentifier><AgencyIdentifier><AgencyAssignedID>124583642</AgencyAssignedID><StateProvinceCode>bc</StateProvinceCode></AgencyIdentifier>",
    );
    expect(transcriptOf(both).student).toMatchObject({ oen: "999999999", provincialIds: [{ province: "bc", id: "124583642" }] });
  });

  it("does not compare it with the request's OEN: the match stays clean, the OEN missing on the transcript's side", () => {
    const comparisons = compareWithRequest(request, transcriptOf(bc));
    expect(comparisons.find((c) => c.field === "oen")).toEqual({ field: "oen", requestValue: "999999999", transcriptValue: null, outcome: "missing" });
    expect(isCleanMatch(comparisons)).toBe(true);
    expect(compareWithRequest({ ...request, oen: null }, transcriptOf(bc)).map((c) => c.field)).not.toContain("oen");
  });
});
