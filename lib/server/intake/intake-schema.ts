import crypto from "node:crypto";
import { z } from "zod";
import { OEN_FORMAT } from "@/lib/domain/oen";
import { unsafeTextProblem } from "@/lib/domain/safe-text";

// The body of POST /api/v1/transcript-requests (contracts §5). Strict: unknown fields, wrong types and impossible
// values are refused with a message per field, in English (the caller is another system, not a person).

export const INTAKE_BODY_MAX_BYTES = 64 * 1024;
const NAME_MAX = 100;
const EMAIL_MAX = 254;
const PHONE_MAX = 30;
const NUMBER_MAX_DIGITS = 20;
const MAX_DESTINATIONS = 30;

export const REQUEST_NUMBER_PATTERN = /^\d{1,20}$/;
const YEAR_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_HINT = "must be an ISO 8601 date-time with a UTC offset, e.g. 2026-01-15T14:03:00-05:00";

function isRealDate(s: string) {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

const digits = (label: string) => z.string().regex(new RegExp(`^\\d{1,${NUMBER_MAX_DIGITS}}$`), `must be ${label}: 1 to ${NUMBER_MAX_DIGITS} digits`);

const isoDate = z.string().regex(ISO_DATE, "must be a date YYYY-MM-DD").refine(isRealDate, "is not a real calendar date");

const dateTime = z.iso.datetime({ offset: true, error: DATE_TIME_HINT });

// Dates the service can have seen (docs/decisions/0020): nothing before 2000, nothing in the future but a day of
// clock difference. A year 0050 or 1000 once broke the pages and cost seconds of business-day counting.
export const EARLIEST_DATE = "2000-01-01";
const dayMs = 86_400_000;
const withinService = (latestMs: number) => (s: string) => {
  const t = Date.parse(s.length === 10 ? `${s}T12:00:00Z` : s);
  return Number.isFinite(t) && t >= Date.parse(`${EARLIEST_DATE}T00:00:00Z`) - dayMs && t <= Date.now() + latestMs;
};
const paidAtDate = dateTime.refine(withinService(dayMs), `must be between ${EARLIEST_DATE} and now`);
// A Send-at-End-of-Semester date is ahead, but not years ahead.
const SEND_AFTER_MAX_MS = 2 * 366 * dayMs;

/** A one-line text: no control or bidirectional characters, not only invisible ones. */
const safeText = (schema: z.ZodString) =>
  schema.superRefine((value, ctx) => {
    const problem = unsafeTextProblem(value);
    if (problem === "controlCharacters") ctx.addIssue({ code: "custom", message: "must not contain control or bidirectional characters" });
    else if (problem === "invisibleOnly") ctx.addIssue({ code: "custom", message: "must contain visible characters" });
  });

const requiredName = safeText(z.string().trim().min(1, "must not be empty").max(NAME_MAX, `must be at most ${NAME_MAX} characters`));
// Optional fields may be omitted or null; an empty string is a mistake in the caller, not "none".
const optional = <T extends z.ZodType>(schema: T) => schema.nullable().default(null);

/** The schemas the OpenAPI document publishes by name (lib/server/intake/openapi.ts renders them with z.toJSONSchema). */
export const intakeSchemas = z.registry<{ id: string; description?: string }>();

const ApplicantSchema = z
  .strictObject({
    firstName: requiredName,
    lastName: requiredName,
    middleName: optional(requiredName),
    formerLastName: optional(requiredName),
    dateOfBirth: isoDate
      .refine((s) => s >= "1900-01-01" && s <= new Date().toISOString().slice(0, 10), "must be between 1900-01-01 and today")
      .meta({ format: "date", description: "YYYY-MM-DD, a real date between 1900-01-01 and today." }),
    gender: z.enum(["MALE", "FEMALE", "X"], "must be MALE, FEMALE or X"),
    // 000000000 is what the application sends when the applicant does not know their OEN.
    oen: optional(z.string().regex(OEN_FORMAT, "must be 9 digits")).meta({ description: "Ontario Education Number; 000000000 or null when unknown." }),
    studentNumber: optional(safeText(z.string().trim().min(1, "must not be empty").max(NUMBER_MAX_DIGITS, `must be at most ${NUMBER_MAX_DIGITS} characters`))),
    email: z.string().trim().max(EMAIL_MAX, `must be at most ${EMAIL_MAX} characters`).pipe(z.email("must be an email address")),
    phone: optional(safeText(z.string().trim().min(1, "must not be empty").max(PHONE_MAX, `must be at most ${PHONE_MAX} characters`))),
    preferredLanguage: z.enum(["en", "fr"], "must be en or fr"),
  })
  .register(intakeSchemas, { id: "Applicant" });

export const IntakeRequestSchema = z
  .strictObject({
    requestNumber: digits("a request number").meta({ description: "Unique per request; the idempotency key.", examples: ["100200300"] }),
    accountNumber: digits("an account number").meta({ description: "The applicant's account.", examples: ["30045678"] }),
    requestType: z.enum(["ORIGINAL", "REISSUE"], "must be ORIGINAL or REISSUE"),
    paidAt: paidAtDate.meta({ description: `With a UTC offset or Z; between ${EARLIEST_DATE} and now.`, examples: ["2026-01-15T14:03:00-05:00"] }),
    sendOption: z.enum(["SEND_NOW", "END_OF_SEMESTER"], "must be SEND_NOW or END_OF_SEMESTER"),
    // A date (the start of that day in Toronto) or a date-time with an offset.
    sendAfter: optional(
      z
        .union([isoDate, dateTime], "must be a date YYYY-MM-DD or an ISO 8601 date-time with a UTC offset")
        .refine(withinService(SEND_AFTER_MAX_MS), `must be between ${EARLIEST_DATE} and two years from now`),
    ).meta({
      description:
        "Required (not null) when sendOption is END_OF_SEMESTER, null or absent otherwise: a date YYYY-MM-DD (the start of that day in Toronto) or a date-time with an offset.",
      examples: ["2026-06-30", null],
    }),
    schoolMident: z
      .string()
      .regex(/^\d{6}$/, "must be a school MIDENT: 6 digits")
      .meta({ description: "The secondary school's MIDENT.", examples: ["904350"] }),
    lastAttended: z
      .string()
      .regex(YEAR_MONTH, "must be a year and month YYYY-MM")
      .refine((s) => s >= "1950-01" && s <= `${new Date().getUTCFullYear() + 1}-12`, "must be between 1950-01 and next year")
      .meta({ description: "Year and month.", examples: ["2022-06"] }),
    applicant: ApplicantSchema,
    destinations: z
      .array(z.string().regex(/^[A-Z0-9]{2,8}$/, "must be a college code, e.g. SENE"), "must be a list of college codes")
      .min(1, "must name at least one college")
      .max(MAX_DESTINATIONS, `must name at most ${MAX_DESTINATIONS} colleges`)
      .superRefine((codes, ctx) => {
        codes.forEach((code, i) => {
          if (codes.indexOf(code) !== i) ctx.addIssue({ code: "custom", path: [i], message: `${code} is listed twice` });
        });
      })
      .meta({ description: "College codes, each once.", uniqueItems: true, examples: [["SENE", "ALGO"]] }),
  })
  .superRefine((body, ctx) => {
    if (body.sendOption === "END_OF_SEMESTER" && body.sendAfter === null) {
      ctx.addIssue({ code: "custom", path: ["sendAfter"], message: "is required when sendOption is END_OF_SEMESTER" });
    }
    if (body.sendOption === "SEND_NOW" && body.sendAfter !== null) {
      ctx.addIssue({ code: "custom", path: ["sendAfter"], message: "must be null when sendOption is SEND_NOW" });
    }
  })
  .register(intakeSchemas, { id: "TranscriptRequest" });

export type IntakeRequest = z.output<typeof IntakeRequestSchema>;

export type FieldErrors = Record<string, string[]>;

export type IntakeParseResult = { ok: true; data: IntakeRequest } | { ok: false; fieldErrors: FieldErrors };

/** Validates a parsed JSON body: the request, or the errors by field path ("applicant.dateOfBirth", "destinations.1"). */
export function parseIntakeRequest(body: unknown): IntakeParseResult {
  const result = IntakeRequestSchema.safeParse(body, {
    // A missing field says so, rather than "expected string, received undefined".
    error: (issue) => (issue.code === "invalid_type" && issue.input === undefined ? "is required" : undefined),
  });
  if (result.success) return { ok: true, data: result.data };
  // No prototype: a field named "constructor" or "__proto__" is a key like any other.
  const fieldErrors: FieldErrors = Object.create(null) as FieldErrors;
  const add = (path: readonly PropertyKey[], message: string) => {
    const key = path.length > 0 ? path.map(String).join(".") : "body";
    (fieldErrors[key] ??= []).push(message);
  };
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) add([...issue.path, key], "is not a field of this API");
    } else if (issue.code === "invalid_type" && issue.path.length === 0) {
      add([], "must be a JSON object");
    } else {
      add(issue.path, issue.message);
    }
  }
  return { ok: false, fieldErrors };
}

/**
 * SHA-256 of the request in canonical form (keys sorted, optional fields filled in), stored with the request so
 * that the same body sent again is recognised whatever its key order or spacing (contracts §5).
 */
export function intakeHash(request: IntakeRequest): string {
  return crypto.createHash("sha256").update(canonicalJson(request)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
