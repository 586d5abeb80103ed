// The transcript as the application uses it, whatever the PESC version or namespace prefixes of the file.
// Field names are ours; only the parser knows the PESC element names behind them.
// Issue messages are TranscriptErrorCodes: the parser turns each failed check into the error the user reads.
import { z } from "zod";
import { isOenFormat } from "../oen";
import { isIsoDate } from "../request-search";
import type { TranscriptErrorCode } from "./errors";

const code = (c: TranscriptErrorCode) => ({ error: c });

/** Values are kept as written (trimmed): marks such as "64", credits such as "0.5", codes such as "R". */
const text = z.string().min(1);
const optionalText = text.optional();
const requiredName = z.string(code("missingName")).min(1, { ...code("missingName"), abort: true });
const optionalDate = z.string().refine(isIsoDate, code("invalidDate")).optional();

/** `localId`: the school system's own code (LocalOrganizationID), as other provinces name schools. */
const organization = z.object({ name: optionalText, esis: optionalText, localId: optionalText });

export const TranscriptSchema = z.object({
  /** Version of the HighSchoolTranscript namespace, e.g. "1.2.0". */
  rawVersion: z.string().regex(/^1\.\d+\.\d+$/),
  documentId: optionalText,
  /** The request's reference number when the school's system echoed it. */
  requestTrackingId: optionalText,
  createdDateTime: optionalText,
  transmissionType: optionalText,
  sourceBoard: organization.nullable(),
  student: z.object({
    firstName: requiredName,
    middleName: optionalText,
    lastName: requiredName,
    birthDate: z
      .string(code("missingBirthDate"))
      .min(1, { ...code("missingBirthDate"), abort: true })
      .refine(isIsoDate, code("invalidDate")),
    /** As written: "Male", "Female", or another code. */
    gender: optionalText,
    /** Null when the file gives none or the "unknown" placeholder 000000000. */
    oen: z.string().refine(isOenFormat, code("invalidOen")).nullable(),
    /** Informative only: real files carry OENs that fail the check digit and must still be accepted. */
    oenCheckDigitValid: z.boolean().nullable(),
    /**
     * Identifiers of other provinces or states (StateProvinceCode not ON), as written: not OENs, never checked as one
     * nor compared. Defaults to none for uploads parsed before they were read.
     */
    provincialIds: z.array(z.object({ province: text, id: text })).default([]),
    schoolAssignedPersonId: optionalText,
  }),
  school: organization.nullable(),
  sessions: z.array(
    z.object({
      designator: optionalText,
      beginDate: optionalDate,
      endDate: optionalDate,
      schoolName: optionalText,
      schoolEsis: optionalText,
    }),
  ),
  award: z
    .object({
      title: optionalText,
      level: optionalText,
      date: optionalDate,
      creditsEarned: optionalText,
      totalQualityPoints: optionalText,
      note: optionalText,
    })
    .nullable(),
  courses: z.array(
    z.object({
      number: optionalText,
      title: optionalText,
      grade: optionalText,
      /** As written, e.g. "PassFailPass" or "PassFailFail". */
      gradeStatus: optionalText,
      creditEarned: optionalText,
      endDate: optionalDate,
      creditLevel: optionalText,
      creditBasis: optionalText,
      /** Language of instruction as written: ISO 639-2 codes such as "ENG" or "FRE". */
      language: optionalText,
      type: optionalText,
      compulsory: z.boolean().optional(),
      note: optionalText,
    }),
  ),
  studentExtensions: z.object({
    /** As written; the real example has "1" (a completion flag, not a number of hours). */
    communityInvolvement: optionalText,
    literacyTest: optionalText,
  }),
});

export type Transcript = z.infer<typeof TranscriptSchema>;
export type TranscriptCourse = Transcript["courses"][number];
export type TranscriptSession = Transcript["sessions"][number];
