// A PESC High School Transcript for a demo applicant, built from the real Ontario example
// (tests/fixtures/pesc/ontario-highschool-transcript.xml, PESC CanPESC project, MIT licence: see LICENSE beside it)
// with the applicant's identity, the reference and the school substituted. The courses stay those of the example.
// Plain JavaScript (types in pesc-template.d.mts): the seed, the tests and the SIS test double (which runs with plain
// Node) build their transcripts with this one module.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const PESC_FIXTURE_RELATIVE_PATH = "tests/fixtures/pesc/ontario-highschool-transcript.xml";

let cachedTemplate;

/** The example file, read once: from the working directory (the project root for npm scripts and tests), else
 * relative to this file. */
export function pescTemplate() {
  if (cachedTemplate !== undefined) return cachedTemplate;
  const candidates = [path.resolve(process.cwd(), PESC_FIXTURE_RELATIVE_PATH)];
  try {
    candidates.push(path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..", PESC_FIXTURE_RELATIVE_PATH));
  } catch {
    // import.meta.url is not a file URL (bundled): the working directory is the only place to look.
  }
  const file = candidates.find((f) => fs.existsSync(f));
  if (!file) throw new Error(`PESC example not found: ${PESC_FIXTURE_RELATIVE_PATH} (run from the project root)`);
  cachedTemplate = fs.readFileSync(file, "utf8");
  return cachedTemplate;
}

export function escapeXml(s) {
  return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

const GENDER_CODES = { MALE: "Male", FEMALE: "Female" };

/** Replaces the text of the first `<tag>…</tag>` after `from` (an index in `xml`); throws if there is none, so a
 * changed example cannot silently produce the wrong transcript. */
function replaceElement(xml, tag, value, from = 0) {
  const open = `<${tag}>`;
  const close = `</${tag}>`;
  const start = xml.indexOf(open, from);
  const end = start < 0 ? -1 : xml.indexOf(close, start);
  if (start < 0 || end < 0) throw new Error(`PESC template: <${tag}> not found`);
  if (value === null) {
    // Remove the element together with its line's indentation and line break.
    const lineStart = xml.lastIndexOf("\n", start);
    return xml.slice(0, lineStart) + xml.slice(end + close.length);
  }
  return xml.slice(0, start + open.length) + escapeXml(value) + xml.slice(end);
}

export function buildPescTranscript(input) {
  let xml = pescTemplate();
  const at = (marker) => {
    const i = xml.indexOf(marker);
    if (i < 0) throw new Error(`PESC template: ${marker} not found`);
    return i;
  };

  // Transmission data: a document id derived from the reference, the reference itself, the source board.
  const refDigits = input.referenceNumber.replace(/\D/g, "").padStart(8, "0");
  xml = replaceElement(xml, "DocumentID", `9876543210${refDigits}`.slice(-18));
  if (input.createdAt) xml = replaceElement(xml, "CreatedDateTime", input.createdAt.toISOString().slice(0, 19));
  if (input.boardName !== undefined) xml = replaceElement(xml, "OrganizationName", input.boardName, at("<Source>"));
  if (input.boardNumber !== undefined) xml = replaceElement(xml, "ESIS", input.boardNumber.padStart(8, "0"), at("<Source>"));
  xml = replaceElement(xml, "RequestTrackingID", input.referenceNumber);

  // The person (before the academic record, so course elements are never touched).
  if (input.studentNumber !== undefined) xml = replaceElement(xml, "SchoolAssignedPersonID", input.studentNumber, at("<Person>"));
  xml = replaceElement(xml, "AgencyAssignedID", input.oen ?? "000000000", at("<AgencyIdentifier>"));
  xml = replaceElement(xml, "BirthDate", input.dateOfBirth, at("<Birth>"));
  const name = at("<Name>");
  xml = replaceElement(xml, "FirstName", input.firstName, name);
  xml = replaceElement(xml, "MiddleName", input.middleName ?? null, name);
  xml = replaceElement(xml, "LastName", input.lastName, name);
  xml = replaceElement(xml, "GenderCode", GENDER_CODES[input.gender] ?? input.gender, at("<Gender>"));

  // The school of the academic session.
  const school = at("<School>");
  xml = replaceElement(xml, "OrganizationName", input.schoolName, school);
  xml = replaceElement(xml, "ESIS", input.mident.padStart(8, "0"), school);
  return xml;
}

const XML_DECLARATION = /^\uFEFF?\s*<\?xml\s[^?]*\?>\s*/;

/** The document with an XML declaration naming `encoding` (an earlier declaration replaced); no declaration for null. */
export function withXmlDeclaration(xml, encoding) {
  const body = xml.replace(XML_DECLARATION, "");
  return encoding === null ? body : `<?xml version="1.0" encoding="${encoding}"?>\n${body}`;
}

/**
 * A PESC AcademicRecordBatch holding the transcripts, as a provincial SIS exports them: by default v2.1.0 under the
 * prefix "arb", an envelope, then the transcripts in BatchContent; `flat` puts them right in the root, as v1.0.0
 * batches do. The transcripts' own declarations are removed; `encoding` is what the batch's declaration names.
 */
export function buildPescBatch(transcripts, options = {}) {
  const { version = "v2.1.0", prefix = "arb", flat = false, encoding = "UTF-8", batchId = "SIS-BATCH-0001" } = options;
  const p = prefix ? `${prefix}:` : "";
  const xmlns = prefix ? `xmlns:${prefix}` : "xmlns";
  const items = transcripts.map((t) => `${withXmlDeclaration(t, null).trimEnd()}\n`).join("");
  const envelope =
    `  <${p}BatchEnvelope>\n    <${p}BatchID>${escapeXml(batchId)}</${p}BatchID>\n` +
    `    <${p}BatchDateTime>2026-11-30T23:00:00-05:00</${p}BatchDateTime>\n  </${p}BatchEnvelope>\n`;
  const body = flat ? items : `${envelope}  <${p}BatchContent>\n${items}  </${p}BatchContent>\n`;
  return withXmlDeclaration(
    `<${p}AcademicRecordBatch ${xmlns}="urn:org:pesc:message:AcademicRecordBatch:${version}">\n${body}</${p}AcademicRecordBatch>\n`,
    encoding,
  );
}

/** Text as UTF-16 bytes: little endian unless `bigEndian`, with a byte-order mark unless `bom` is false. */
export function encodeUtf16(text, options = {}) {
  const { bigEndian = false, bom = true } = options;
  const bytes = Buffer.from(`${bom ? "\uFEFF" : ""}${text}`, "utf16le");
  if (bigEndian) bytes.swap16();
  return new Uint8Array(bytes);
}
