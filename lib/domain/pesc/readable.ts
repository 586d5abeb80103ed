// A parsed transcript as a person reads it, in English or French: the field names are the PESC labels
// (labels.ts), dates and numbers are formatted for the language, and the codes whose meaning PESC defines
// (grade levels, pass/fail, language of instruction, gender) become words through the message files. Codes
// without a published meaning (the OCAS course type "R", an award level "B18", the literacy code "E") are shown as
// written rather than guessed. Values are plain strings: the page and the PDF print them as text, never markup.
// The web preview and the PDF are both drawn from this one model.
import { pescLabel, type LabelLocale, type PescLabelKey } from "./labels";
import type { Transcript, TranscriptCourse } from "./transcript";

/** A translator for the keys under `transcriptPreview` of the message files. */
export type PreviewTranslate = (key: string, values?: Record<string, string | number>) => string;

export type ReadableField = { id: string; label: string; value: string };

export const SECTION_IDS = ["document", "student", "school", "award", "requirements"] as const;
export type SectionId = (typeof SECTION_IDS)[number];
export type ReadableSection = { id: SectionId; heading: string; fields: ReadableField[] };

export const COURSE_COLUMNS = ["number", "title", "level", "endDate", "grade", "credits", "status", "language", "type", "compulsory", "note"] as const;
export type CourseColumn = (typeof COURSE_COLUMNS)[number];
export type ReadableColumn = { id: CourseColumn; label: string; numeric: boolean };
/** A course's cells by column; null where the file gives nothing. */
export type ReadableCourse = Record<CourseColumn, string | null>;

export type ReadableTranscript = {
  locale: LabelLocale;
  studentName: string;
  /** Only the sections that have at least one value, in reading order. */
  sections: ReadableSection[];
  courses: { heading: string; columns: ReadableColumn[]; rows: ReadableCourse[] };
  /** The PESC closing line ("--- End of Transcript ---"). */
  end: string;
};

// Columns a reader always expects, even when a file leaves them empty; the others are dropped when no course has
// a value, so that a lean file gives a lean table.
const ALWAYS: ReadonlySet<CourseColumn> = new Set(["number", "title", "grade", "credits"]);
const NUMERIC: ReadonlySet<CourseColumn> = new Set(["grade", "credits"]);

// The labels of the course table. The files have two sets (courses of a session and courses of the record); the
// clearest of each is used: "Level"/"Cycle" rather than "Grade", which would sit next to "% Grade"; "Credits"
// rather than the French "Obtenus" alone; "End Date"/"Date de fin" rather than the French "Finis".
const COLUMN_LABEL: Readonly<Record<CourseColumn, PescLabelKey>> = {
  number: "Student.AcademicRecord.Course.CourseNumber",
  title: "Student.AcademicRecord.Course.CourseTitle",
  level: "Student.AcademicSession.Course.CourseCreditLevel",
  endDate: "Student.AcademicSession.EndDate",
  grade: "Student.AcademicRecord.Course.Grade",
  credits: "Student.AcademicSummary.GPACreditUnit",
  status: "Student.AcademicRecord.Course.GradeStatus",
  language: "Student.AcademicRecord.Course.Language",
  type: "Student.AcademicRecord.Course.CourseType",
  compulsory: "Student.AcademicRecord.Course.Required",
  note: "Student.AcademicRecord.Course.Note",
};

// PESC grade levels of the form "NinthGrade".
const GRADE_ORDINALS: readonly string[] = [
  "First",
  "Second",
  "Third",
  "Fourth",
  "Fifth",
  "Sixth",
  "Seventh",
  "Eighth",
  "Ninth",
  "Tenth",
  "Eleventh",
  "Twelfth",
];
const GRADE_LEVEL = new RegExp(`^(${GRADE_ORDINALS.join("|")})Grade$`);
const GRADE_STATUSES: ReadonlySet<string> = new Set(["PassFailPass", "PassFailFail"]);
// ISO 639-2 (bibliographic and terminology codes) and ISO 639-1.
const LANGUAGES: Readonly<Record<string, "en" | "fr">> = { ENG: "en", EN: "en", FRE: "fr", FRA: "fr", FR: "fr" };
const GENDERS: Readonly<Record<string, "MALE" | "FEMALE">> = { MALE: "MALE", M: "MALE", FEMALE: "FEMALE", F: "FEMALE" };

const DECIMAL = /^-?\d+(?:\.(\d+))?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;

const tagOf = (locale: LabelLocale) => (locale === "fr" ? "fr-CA" : "en-CA");

/** A calendar date (YYYY-MM-DD, or the date of a YYYY-MM-DDThh:mm:ss) in the language; anything else as written. */
export function formatCalendarDate(value: string, locale: LabelLocale, style: "long" | "medium" = "long"): string {
  const match = ISO_DATE.exec(value);
  if (!match) return value;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(tagOf(locale), { dateStyle: style, timeZone: "UTC" }).format(date);
}

/** A decimal as written, with the language's decimal separator and the same number of decimals ("0.5" → "0,5"). */
export function formatDecimal(value: string, locale: LabelLocale): string {
  const match = DECIMAL.exec(value);
  if (!match) return value;
  const decimals = match[1]?.length ?? 0;
  return new Intl.NumberFormat(tagOf(locale), { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: false }).format(Number(value));
}

type Codes = {
  gradeLevel: (code: string | undefined) => string | null;
  gradeStatus: (code: string | undefined) => string | null;
  language: (code: string | undefined) => string | null;
  gender: (code: string | undefined) => string | null;
  yesNo: (value: boolean | undefined) => string | null;
};

// Only codes known to have a message reach the translator: an unknown key would be an error, and an unknown code
// is better shown as the school's system wrote it.
function codes(t: PreviewTranslate): Codes {
  return {
    gradeLevel: (code) => {
      const match = code ? GRADE_LEVEL.exec(code) : null;
      return match ? t("codes.gradeLevel", { grade: GRADE_ORDINALS.indexOf(match[1]!) + 1 }) : (code ?? null);
    },
    gradeStatus: (code) => (code === undefined ? null : GRADE_STATUSES.has(code) ? t(`codes.gradeStatus.${code}`) : code),
    language: (code) => {
      const language = code ? LANGUAGES[code.toUpperCase()] : undefined;
      return language ? t(`codes.language.${language}`) : (code ?? null);
    },
    gender: (code) => {
      const gender = code ? GENDERS[code.toUpperCase()] : undefined;
      return gender ? t(`codes.gender.${gender}`) : (code ?? null);
    },
    yesNo: (value) => (value === undefined ? null : t(value ? "codes.yes" : "codes.no")),
  };
}

function field(id: string, label: string, value: string | null | undefined): ReadableField[] {
  return value ? [{ id, label, value }] : [];
}

function readCourse(course: TranscriptCourse, locale: LabelLocale, c: Codes): ReadableCourse {
  return {
    number: course.number ?? null,
    title: course.title ?? null,
    level: c.gradeLevel(course.creditLevel),
    endDate: course.endDate ? formatCalendarDate(course.endDate, locale, "medium") : null,
    grade: course.grade ? formatDecimal(course.grade, locale) : null,
    credits: course.creditEarned ? formatDecimal(course.creditEarned, locale) : null,
    status: c.gradeStatus(course.gradeStatus),
    language: c.language(course.language),
    type: course.type ?? null,
    compulsory: c.yesNo(course.compulsory),
    note: course.note ?? null,
  };
}

/** The transcript in `locale`; `t` translates the keys under `transcriptPreview` in the same language. */
export function readableTranscript(transcript: Transcript, locale: LabelLocale, t: PreviewTranslate): ReadableTranscript {
  const label = (key: PescLabelKey) => pescLabel(locale, key);
  const c = codes(t);
  const { student, award, studentExtensions: extensions } = transcript;
  const date = (value: string | undefined) => (value ? formatCalendarDate(value, locale) : null);
  // The school's attendance: the first session at the transcript's school (the example has one session).
  const session = transcript.sessions.find((s) => !transcript.school?.esis || s.schoolEsis === transcript.school.esis) ?? transcript.sessions[0];

  const sections: ReadableSection[] = [
    {
      id: "document",
      heading: t("sections.document"),
      fields: [
        ...field("reference", label("RequestTrackingID"), transcript.requestTrackingId),
        ...field("issueDate", label("TranscriptIssueDate"), date(transcript.createdDateTime)),
        ...field("board", t("fields.board"), transcript.sourceBoard?.name),
      ],
    },
    {
      id: "student",
      heading: label("Student.Title"),
      fields: [
        ...field("lastName", label("Student.LastName"), student.lastName),
        ...field("firstName", label("Student.FirstName"), student.firstName),
        ...field("middleName", label("Student.MiddleName"), student.middleName),
        ...field("birthDate", label("Student.DateOfBirth"), date(student.birthDate)),
        ...field("gender", label("Student.Gender"), c.gender(student.gender)),
        ...field("oen", t("fields.oen"), student.oen),
        // Another province's identifier under its province's code, as written: not an OEN.
        ...student.provincialIds.flatMap((p, i) => field(`provincialId-${i}`, t("fields.provincialId", { province: p.province }), p.id)),
        ...field("studentNumber", label("Student.StudentNumber"), student.schoolAssignedPersonId),
      ],
    },
    {
      id: "school",
      heading: label("Student.AcademicRecord.School"),
      fields: [
        ...field("schoolName", label("Destination.OrganizationName"), transcript.school?.name ?? session?.schoolName),
        ...field("schoolId", label("Student.AcademicRecord.School.ID"), transcript.school?.esis ?? session?.schoolEsis ?? transcript.school?.localId),
        ...field("startDate", label("Student.AcademicSession.StartDate"), date(session?.beginDate)),
        ...field("endDate", label("Student.AcademicSession.EndDate"), date(session?.endDate)),
      ],
    },
    {
      id: "award",
      heading: label("Student.AcademicSession.AcademicAward.Title"),
      fields: award
        ? [
            ...field("awardTitle", label("Student.AcademicSession.AcademicAward.AwardTitle"), award.title),
            ...field("awardDate", label("Student.AcademicSession.AcademicAward.AwardDate"), date(award.date)),
            ...field("awardLevel", label("Student.AcademicSession.AcademicAward.AwardLevel"), award.level),
            ...field("creditsEarned", label("Student.AcademicSummary.GPACreditHoursEarned"), award.creditsEarned && formatDecimal(award.creditsEarned, locale)),
            ...field("awardNote", label("Student.AcademicSession.AcademicAward.Note"), award.note),
          ]
        : [],
    },
    {
      id: "requirements",
      heading: t("sections.requirements"),
      fields: [
        ...field("communityInvolvement", t("fields.communityInvolvement"), extensions.communityInvolvement),
        ...field("literacyTest", t("fields.literacyTest"), extensions.literacyTest),
      ],
    },
  ];

  const rows = transcript.courses.map((course) => readCourse(course, locale, c));
  const columns = COURSE_COLUMNS.filter((id) => ALWAYS.has(id) || rows.some((row) => row[id] !== null)).map((id) => ({
    id,
    label: label(COLUMN_LABEL[id]),
    numeric: NUMERIC.has(id),
  }));

  return {
    locale,
    studentName: [student.firstName, student.lastName].join(" "),
    sections: sections.filter((s) => s.fields.length > 0),
    courses: { heading: label("Student.AcademicSession.Course.Title"), columns, rows },
    end: label("EndOfTranscript"),
  };
}
