// The PESC High School Transcript parser (contracts §3): the only place that knows PESC element names.
// Checks, in order: size, encoding, no DTD, well-formedness, root element and namespace version; then reads the
// transcript and validates it with TranscriptSchema, whose failures become the errors the user reads.
import { XMLParser, type EntityDecoderOptions } from "fast-xml-parser";
import type { core } from "zod";
import { hasValidOenCheckDigit, OEN_UNKNOWN } from "../oen";
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

export type ParseTranscriptResult = { ok: true; transcript: Transcript } | { ok: false; errors: TranscriptError[] };

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
  return element ? { name: text(element, "OrganizationName"), esis: text(element, "ESIS") } : null;
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
  const gpa = one(program, "ProgramSummary", "GPA");
  return {
    title: text(award, "AcademicAwardTitle"),
    level: text(award, "AcademicAwardLevel"),
    date: text(award, "AcademicAwardDate"),
    creditsEarned: text(gpa, "CreditHoursEarned"),
    totalQualityPoints: text(gpa, "TotalQualityPoints"),
    note: notes(award) ?? notes(program),
  };
}

/** The OEN: the Ontario agency identifier's value; null when absent or the "unknown" placeholder. */
function readOen(person: Element | undefined): string | null {
  const agency = all(person, "AgencyIdentifier").find(
    (a) => text(a, "StateProvinceCode")?.toUpperCase() === "ON" || text(a, "AgencyName")?.toLowerCase() === "ontario education number",
  );
  const oen = text(agency, "AgencyAssignedID");
  return oen === undefined || oen === OEN_UNKNOWN ? null : oen;
}

/** Everything the application uses, unchecked: TranscriptSchema decides what is acceptable. */
function readTranscript(root: Element, rawVersion: string): TranscriptCandidate {
  const transmission = one(root, "TransmissionData");
  const student = one(root, "Student");
  const person = one(student, "Person");
  const records = all(student, "AcademicRecord");
  const sessions = records.flatMap((r) => all(r, "AcademicSession"));
  const oen = readOen(person);
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

export function parseTranscript(input: Uint8Array | string): ParseTranscriptResult {
  const decoded = decodeTranscriptText(input);
  if (!decoded.ok) return { ok: false, errors: [decoded.error] };
  const xml = decoded.value;
  const refused = refuseDtd(xml) ?? checkWellFormed(xml);
  if (refused) return { ok: false, errors: [refused] };

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
    return { ok: false, errors: [{ code: "wrongRoot", values: { found: root?.localName ?? Object.keys(top)[0] ?? "", namespace: root?.namespace ?? "" } }] };
  }

  const candidate = readTranscript(top[ROOT] as Element, version);
  const checked = TranscriptSchema.safeParse(candidate);
  if (checked.success) return { ok: true, transcript: checked.data };
  return { ok: false, errors: checked.error.issues.map((issue) => issueToError(issue, candidate, xml)) };
}
