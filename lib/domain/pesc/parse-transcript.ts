// The PESC High School Transcript parser (contracts §3): the only place that knows PESC element names (with
// academic-record-batch.ts for the batch envelope). Checks, in order: size, encoding (UTF-8 or UTF-16), no DTD,
// well-formedness, root element and namespace version — a HighSchoolTranscript, or an AcademicRecordBatch whose
// documents are each checked as one; then reads each transcript and validates it with TranscriptSchema, whose
// failures become the errors the user reads.
import { XMLParser, type EntityDecoderOptions } from "fast-xml-parser";
import type { core } from "zod";
import { hasValidOenCheckDigit, OEN_UNKNOWN } from "../oen";
import { batchDocuments, documentAsFile, isAcademicRecordBatch, type BatchDocument } from "./academic-record-batch";
import { isTranscriptErrorCode, type TranscriptError } from "./errors";
import { TranscriptSchema, type Transcript } from "./transcript";
import {
  checkWellFormed,
  decodeReferences,
  decodeTranscriptText,
  lineAt,
  lineOfElement,
  notWellFormed,
  refuseDtd,
  rootElement,
  XmlReferenceError,
} from "./xml-text";

export { MAX_TRANSCRIPT_BYTES } from "./xml-text";

/** `text`: the document as decoded (what the stored row keeps of an upload). */
export type ParseTranscriptResult = { ok: true; transcript: Transcript; text: string } | { ok: false; errors: TranscriptError[] };

/**
 * One transcript of a file: the file itself, or a document of a batch (`number` 1 for the first). `xml` is what is
 * kept of it on its own: the file's text, or the document as a UTF-8 file of its own (documentAsFile).
 */
export type TranscriptDocumentResult = { number: number } & ({ ok: true; transcript: Transcript; xml: string } | { ok: false; errors: TranscriptError[] });

/** A file refused as a whole, or its transcripts: one for a HighSchoolTranscript, each document of a batch. */
export type TranscriptFileResult =
  | { ok: false; errors: TranscriptError[] }
  | { ok: true; batch: false; text: string; documents: [TranscriptDocumentResult] }
  | { ok: true; batch: true; text: string; documents: TranscriptDocumentResult[] };

const ROOT = "HighSchoolTranscript";
// Any 1.x version (v1.0.0 to v1.99.x): PESC minor and patch versions stay compatible with the elements read here.
const ROOT_NAMESPACE = /^urn:org:pesc:message:HighSchoolTranscript:v(1\.(?:0|[1-9]\d?)\.(?:0|[1-9]\d*))$/;

/**
 * The library's entity decoding is replaced rather than turned off: with `processEntities: false` it leaves
 * `&amp;` undecoded and merges CDATA into the same text, so decoding afterwards would also decode `&amp;` written
 * literally inside CDATA. Its decoder is only called outside CDATA. This one knows the five predefined entities and
 * character references, nothing else: declared entities are never expanded, even if a DTD got past refuseDtd.
 */
const entityDecoder: EntityDecoderOptions = {
  decode: decodeReferences,
  addInputEntities: () => undefined,
  setExternalEntities: () => undefined,
  setXmlVersion: () => undefined,
  reset: () => undefined,
};

const parser = new XMLParser({
  // Children as ordered arrays: the parser then skips building keyed objects, a quarter of its time, and text split
  // by comments or CDATA stays in order.
  preserveOrder: true,
  ignoreAttributes: true,
  removeNSPrefix: true,
  // Values stay strings: "000309945335" and "0064" must not become numbers.
  parseTagValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  entityDecoder,
  // No path strings for callbacks (none is used): building them costs a third of the parse.
  jPath: false,
});

/** An element as the parser gives it: its children in order, each `{ [localName]: Element }` or `{ "#text": string }`. */
type Element = readonly unknown[];

/** What the file says, before TranscriptSchema has checked that the required fields are there. */
type TranscriptCandidate = Omit<Transcript, "student"> & {
  student: Omit<Transcript["student"], "firstName" | "lastName" | "birthDate"> & { firstName?: string; lastName?: string; birthDate?: string };
};

const isElement = (v: unknown): v is Element => Array.isArray(v);
const isEntry = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

// Own properties only: an element named like an Object.prototype member must not read as present.
function all(element: Element | undefined, name: string): Element[] {
  const found: Element[] = [];
  for (const child of element ?? []) {
    if (isEntry(child) && Object.hasOwn(child, name) && isElement(child[name])) found.push(child[name]);
  }
  return found;
}

function child(element: Element | undefined, name: string): Element | undefined {
  for (const entry of element ?? []) {
    if (isEntry(entry) && Object.hasOwn(entry, name) && isElement(entry[name])) return entry[name];
  }
  return undefined;
}

function one(element: Element | undefined, ...path: string[]): Element | undefined {
  return path.reduce<Element | undefined>((e, name) => child(e, name), element);
}

function valueOf(element: Element | undefined): string | undefined {
  let s = "";
  for (const child of element ?? []) if (isEntry(child) && typeof child["#text"] === "string") s += child["#text"];
  return s.trim() || undefined;
}

function text(element: Element | undefined, ...path: string[]): string | undefined {
  return valueOf(one(element, ...path));
}

function notes(element: Element | undefined): string | undefined {
  return all(element, "NoteMessage").map(valueOf).filter(Boolean).join("\n") || undefined;
}

/** Where OCAS extensions may sit: in the element itself, in its UserDefinedExtensions, or in a group inside those. */
function extensionHolders(element: Element | undefined): Element[] {
  const holders = element ? [element] : [];
  for (const extensions of all(element, "UserDefinedExtensions")) {
    holders.push(extensions);
    for (const child of extensions) if (isEntry(child)) holders.push(...Object.values(child).filter(isElement));
  }
  return holders;
}

function extension(holders: Element[], name: string): string | undefined {
  for (const holder of holders) {
    const found = text(holder, name);
    if (found !== undefined) return found;
  }
  return undefined;
}

function xsBoolean(s: string | undefined): boolean | undefined {
  return s === "true" || s === "1" ? true : s === "false" || s === "0" ? false : undefined;
}

function organization(element: Element | undefined): Transcript["school"] {
  if (!element) return null;
  // Outside Ontario a school is named by its system's local code rather than an ESIS number.
  const localId = text(element, "LocalOrganizationID", "LocalOrganizationIDCode");
  return { name: text(element, "OrganizationName"), esis: text(element, "ESIS"), ...(localId !== undefined && { localId }) };
}

function readCourse(course: Element): Transcript["courses"][number] {
  const holders = extensionHolders(course);
  return {
    number: text(course, "CourseNumber"),
    title: text(course, "CourseTitle"),
    grade: text(course, "CourseAcademicGrade"),
    gradeStatus: text(course, "CourseAcademicGradeStatusCode"),
    creditEarned: text(course, "CourseCreditEarned"),
    endDate: text(course, "CourseEndDate"),
    creditLevel: text(course, "CourseCreditLevel"),
    creditBasis: text(course, "CourseCreditBasis"),
    language: text(course, "LanguageOfInstruction", "LanguageCode"),
    type: extension(holders, "CourseType"),
    compulsory: xsBoolean(extension(holders, "Compulsory")),
    note: extension(holders, "CourseNote"),
  };
}

function readAward(award: Element | undefined): Transcript["award"] {
  if (!award) return null;
  const program = one(award, "AcademicAwardProgram");
  // Ontario files total the credits in the award's program, other provinces' in the award's own summary.
  const gpa = one(program, "ProgramSummary", "GPA") ?? one(award, "AcademicSummary", "GPA");
  return {
    title: text(award, "AcademicAwardTitle"),
    level: text(award, "AcademicAwardLevel"),
    date: text(award, "AcademicAwardDate"),
    creditsEarned: text(gpa, "CreditHoursEarned"),
    totalQualityPoints: text(gpa, "TotalQualityPoints"),
    note: notes(award) ?? notes(program),
  };
}

/**
 * The person's agency identifiers: the OEN is the Ontario one's value (StateProvinceCode ON, or no province and the
 * agency named "Ontario Education Number"), null when absent or the "unknown" placeholder; an identifier of another
 * province or state is not an OEN — never checked as one nor compared — and is kept, as written, for the preview.
 */
function readIdentifiers(person: Element | undefined): { oen: string | null; provincialIds: Transcript["student"]["provincialIds"] } {
  let oen: string | undefined;
  const provincialIds: Transcript["student"]["provincialIds"] = [];
  for (const agency of all(person, "AgencyIdentifier")) {
    const id = text(agency, "AgencyAssignedID");
    const province = text(agency, "StateProvinceCode");
    const ontario = province === undefined ? text(agency, "AgencyName")?.toLowerCase() === "ontario education number" : province.toUpperCase() === "ON";
    if (ontario) oen ??= id;
    else if (province !== undefined && id !== undefined) provincialIds.push({ province, id });
  }
  return { oen: oen === undefined || oen === OEN_UNKNOWN ? null : oen, provincialIds };
}

/** Everything the application uses, unchecked: TranscriptSchema decides what is acceptable. */
function readTranscript(root: Element, rawVersion: string): TranscriptCandidate {
  const transmission = one(root, "TransmissionData");
  const student = one(root, "Student");
  const person = one(student, "Person");
  const records = all(student, "AcademicRecord");
  const sessions = records.flatMap((r) => all(r, "AcademicSession"));
  const { oen, provincialIds } = readIdentifiers(person);
  const studentExtensions = extensionHolders(student);
  const firstSchool = sessions.map((s) => one(s, "School")).find(Boolean) ?? records.map((r) => one(r, "School")).find(Boolean);
  const firstAward = [...sessions, ...records].flatMap((e) => all(e, "AcademicAward"))[0];
  return {
    rawVersion,
    documentId: text(transmission, "DocumentID"),
    requestTrackingId: text(transmission, "RequestTrackingID"),
    createdDateTime: text(transmission, "CreatedDateTime"),
    transmissionType: text(transmission, "TransmissionType"),
    sourceBoard: organization(one(transmission, "Source", "Organization")),
    student: {
      firstName: text(person, "Name", "FirstName"),
      middleName: text(person, "Name", "MiddleName"),
      lastName: text(person, "Name", "LastName"),
      birthDate: text(person, "Birth", "BirthDate"),
      gender: text(person, "Gender", "GenderCode"),
      oen,
      oenCheckDigitValid: oen === null ? null : hasValidOenCheckDigit(oen),
      provincialIds,
      schoolAssignedPersonId: text(person, "SchoolAssignedPersonID"),
    },
    school: organization(firstSchool),
    sessions: sessions.map((s) => {
      const detail = one(s, "AcademicSessionDetail");
      return {
        designator: text(detail, "SessionDesignator"),
        beginDate: text(detail, "SessionBeginDate"),
        endDate: text(detail, "SessionEndDate"),
        schoolName: text(s, "School", "OrganizationName"),
        schoolEsis: text(s, "School", "ESIS"),
      };
    }),
    award: readAward(firstAward),
    // In document order: PESC puts a record's sessions (with their courses) before its own courses.
    courses: records.flatMap((r) => [...all(r, "AcademicSession").flatMap((s) => all(s, "Course")), ...all(r, "Course")]).map(readCourse),
    studentExtensions: {
      communityInvolvement: extension(studentExtensions, "CommunityInvolvement"),
      literacyTest: extension(studentExtensions, "LiteracyTest"),
    },
  };
}

/** The element behind each checked field, keyed by the field's path without array indexes. */
const ELEMENT_OF_FIELD: Readonly<Record<string, string>> = {
  "student.firstName": "FirstName",
  "student.lastName": "LastName",
  "student.birthDate": "BirthDate",
  "student.oen": "AgencyAssignedID",
  "sessions.beginDate": "SessionBeginDate",
  "sessions.endDate": "SessionEndDate",
  "award.date": "AcademicAwardDate",
  "courses.endDate": "CourseEndDate",
};

/** Where a document sits in its file: lines of its text are lines of the file from `line` on. */
type Place = { line: number; document?: number };

const shift = (line: number | undefined, place: Place) => (line === undefined ? undefined : line + place.line - 1);

function located(error: TranscriptError, place: Place): TranscriptError {
  const line = shift(error.line, place);
  return { ...error, ...(line !== undefined && { line }), ...(place.document !== undefined && { document: place.document }) };
}

function issueToError(issue: core.$ZodIssue, candidate: TranscriptCandidate, xml: string): TranscriptError {
  const code = issue.message;
  const field = issue.path.filter((p) => typeof p === "string").join(".");
  const element = ELEMENT_OF_FIELD[field];
  // Anything else means readTranscript produced a value the schema does not describe: a bug, not a bad file.
  if (!isTranscriptErrorCode(code) || element === undefined) throw new Error(`PESC transcript: unexpected check failure at ${field}: ${issue.message}`);
  if (code === "missingName" || code === "missingBirthDate") return { code, element, values: { element } };
  const value = String(issue.path.reduce<unknown>((v, key) => (isEntry(v) ? (v as Record<PropertyKey, unknown>)[key] : undefined), candidate));
  const line = lineOfElement(xml, element, value);
  const values: Record<string, string> = code === "invalidOen" ? { value } : { element, value };
  return { code, element, values, ...(line !== undefined && { line }) };
}

function parseFailure(error: unknown, xml: string): TranscriptError {
  if (error instanceof XmlReferenceError) return notWellFormed(error.message, lineAt(xml, xml.indexOf(error.reference)));
  return notWellFormed(error instanceof Error ? error.message : String(error));
}

type Checked<T> = { ok: true; value: T } | { ok: false; errors: TranscriptError[] };

/** The one HighSchoolTranscript element of a parsed document (`xml` well-formed), or why it is not one. */
function transcriptElement(xml: string, code: "wrongRoot" | "wrongDocument"): Checked<{ element: Element; version: string }> {
  let document: unknown;
  try {
    document = parser.parse(xml);
  } catch (error) {
    return { ok: false, errors: [parseFailure(error, xml)] };
  }
  // A well-formed document has one root; the validator lets a second one through.
  const top = isElement(document) && document.length === 1 && isEntry(document[0]) ? document[0] : undefined;
  if (!top) return { ok: false, errors: [notWellFormed("A document must have exactly one root element.")] };
  const root = rootElement(xml);
  const version = root?.localName === ROOT && isElement(top[ROOT]) ? ROOT_NAMESPACE.exec(root.namespace)?.[1] : undefined;
  if (version === undefined) {
    return { ok: false, errors: [{ code, values: { found: root?.localName ?? Object.keys(top)[0] ?? "", namespace: root?.namespace ?? "" } }] };
  }
  return { ok: true, value: { element: top[ROOT] as Element, version } };
}

/** Reads and checks the transcript of a document whose root is a HighSchoolTranscript. */
function checkTranscript(found: { element: Element; version: string }, xml: string): Checked<Transcript> {
  const candidate = readTranscript(found.element, found.version);
  const checked = TranscriptSchema.safeParse(candidate);
  if (checked.success) return { ok: true, value: checked.data };
  return { ok: false, errors: checked.error.issues.map((issue) => issueToError(issue, candidate, xml)) };
}

// Where a HighSchoolTranscript starts, any prefix: only to say which transcript of a broken batch the error is in.
const TRANSCRIPT_START_TAG = new RegExp(`<(?:[^\\s/>!?:]+:)?${ROOT}[\\s/>]`, "g");

/**
 * The number of the batch's transcript that holds `line` (a line of the batch); undefined before the first, or when
 * the batch seems to hold only one (its number would say nothing).
 */
function documentAtLine(xml: string, line: number): number | undefined {
  let document = 0;
  let total = 0;
  let at = 0;
  let atLine = 1;
  for (const match of xml.matchAll(TRANSCRIPT_START_TAG)) {
    for (let i = xml.indexOf("\n", at); i !== -1 && i < match.index; i = xml.indexOf("\n", i + 1)) atLine++;
    at = match.index;
    total++;
    if (atLine <= line) document = total;
  }
  return document === 0 || total < 2 ? undefined : document;
}

/** A document of a batch: a refusal of the whole file (not well-formed), or the document's result. */
function readDocument(document: BatchDocument): { fileError: TranscriptError } | TranscriptDocumentResult {
  const place: Place = { line: document.line, document: document.number };
  if (document.localName !== ROOT || !ROOT_NAMESPACE.test(document.namespace)) {
    const error: TranscriptError = { code: "wrongDocument", values: { found: document.localName, namespace: document.namespace }, line: 1 };
    return { number: document.number, ok: false, errors: [located(error, place)] };
  }
  const found = transcriptElement(document.text, "wrongDocument");
  if (!found.ok) {
    const error = found.errors[0]!;
    // The batch is well-formed; only a reference the parser refuses can fail here, and it makes the file ill-formed.
    if (error.code === "notWellFormed") return { fileError: located(error, place) };
    return { number: document.number, ok: false, errors: found.errors.map((e) => located(e, place)) };
  }
  const checked = checkTranscript(found.value, document.text);
  if (!checked.ok) return { number: document.number, ok: false, errors: checked.errors.map((e) => located(e, place)) };
  return { number: document.number, ok: true, transcript: checked.value, xml: documentAsFile(document) };
}

/**
 * A transcript file as received: refused as a whole (size, encoding, DTD, well-formedness, root), or its
 * transcripts — the HighSchoolTranscript, or each document of an AcademicRecordBatch, checked on its own (a refused
 * document names its number and its lines in the batch, and refuses no other).
 */
export function readTranscriptFile(input: Uint8Array | string): TranscriptFileResult {
  const decoded = decodeTranscriptText(input);
  if (!decoded.ok) return { ok: false, errors: [decoded.error] };
  const xml = decoded.value;
  const dtd = refuseDtd(xml);
  if (dtd) return { ok: false, errors: [dtd] };
  const root = rootElement(xml);
  const batch = root !== null && isAcademicRecordBatch(root);
  const malformed = checkWellFormed(xml);
  if (malformed) {
    const document = batch && malformed.line !== undefined ? documentAtLine(xml, malformed.line) : undefined;
    return { ok: false, errors: [{ ...malformed, ...(document !== undefined && { document }) }] };
  }

  if (!batch) {
    const found = transcriptElement(xml, "wrongRoot");
    if (!found.ok) return found;
    const checked = checkTranscript(found.value, xml);
    const document: TranscriptDocumentResult = checked.ok
      ? { number: 1, ok: true, transcript: checked.value, xml }
      : { number: 1, ok: false, errors: checked.errors };
    return { ok: true, batch: false, text: xml, documents: [document] };
  }

  const documents = batchDocuments(xml);
  if (documents === null) return { ok: false, errors: [notWellFormed("A document must have exactly one root element.")] };
  if (documents.length === 0) return { ok: false, errors: [{ code: "emptyBatch" }] };
  const results: TranscriptDocumentResult[] = [];
  for (const document of documents) {
    const result = readDocument(document);
    if ("fileError" in result) return { ok: false, errors: [result.fileError] };
    results.push(result);
  }
  return { ok: true, batch: true, text: xml, documents: results };
}

/**
 * One transcript (uploads, SIS answers, stored transcripts): a HighSchoolTranscript, or a batch of exactly one (read
 * as that transcript, its errors at their lines in the file). A batch of several is refused: Bulk Upload splits it.
 */
export function parseTranscript(input: Uint8Array | string): ParseTranscriptResult {
  const file = readTranscriptFile(input);
  if (!file.ok) return file;
  if (file.documents.length > 1) return { ok: false, errors: [{ code: "batchOfSeveral", values: { count: file.documents.length } }] };
  const only = file.documents[0]!;
  if (only.ok) return { ok: true, transcript: only.transcript, text: file.text };
  // The only transcript of the file: its number says nothing.
  return { ok: false, errors: only.errors.map(({ document: _document, ...error }) => error) };
}
