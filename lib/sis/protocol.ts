// The Auto-TRMS protocol (contracts §2): what TRMS sends to a board's SIS and what each answer means. Pure: the
// HTTP call is in lib/sis/call-sis.ts, the decision about the request in lib/server/auto-trms/.
import { z } from "zod";

/** Time limit of one call (contracts §2). */
export const SIS_TIMEOUT_MS = 10_000;
/** Largest answer read: a transcript above the parser's 5 MB limit is refused anyway. */
export const SIS_MAX_ANSWER_BYTES = 6 * 1024 * 1024;

/** The JSON body of the call, field for field as in contracts §2. */
export type SisQuery = {
  referenceNumber: string;
  requestType: "ORIGINAL" | "REISSUE";
  oen: string | null;
  firstName: string;
  lastName: string;
  middleName: string | null;
  formerLastName: string | null;
  dateOfBirth: string;
  gender: string;
  studentNumber: string | null;
  schoolMident: string;
  lastAttended: string;
};

export type SisQuerySource = {
  referenceNumber: string;
  requestType: "ORIGINAL" | "REISSUE";
  /** The request's snapshot of the name and OEN (as on the application). */
  firstName: string;
  lastName: string;
  oen: string | null;
  lastAttended: string;
  applicant: {
    middleName: string | null;
    formerLastName: string | null;
    dateOfBirth: string;
    gender: string;
    studentNumber: string | null;
  };
  school: { mident: string };
};

/** The body for a request: the name and OEN as on the application (as the validation screen compares them). */
export function buildSisQuery(r: SisQuerySource): SisQuery {
  return {
    referenceNumber: r.referenceNumber,
    requestType: r.requestType,
    oen: r.oen,
    firstName: r.firstName,
    lastName: r.lastName,
    middleName: r.applicant.middleName,
    formerLastName: r.applicant.formerLastName,
    dateOfBirth: r.applicant.dateOfBirth,
    gender: r.applicant.gender,
    studentNumber: r.applicant.studentNumber,
    schoolMident: r.school.mident,
    lastAttended: r.lastAttended,
  };
}

/**
 * What one HTTP answer means. `transcript` still has to pass the parser and the comparison; `retry` is any answer
 * the contract does not name (retried with back-off, then "SIS unavailable"); `unauthorized` (401/403) is a kind of
 * `retry` for the caller, kept apart so that "Test connection" can say the secret was refused.
 */
export type SisAnswer =
  | { kind: "transcript"; xml: Uint8Array }
  | { kind: "notFound" }
  | { kind: "multipleMatches" }
  | { kind: "noAcademicData" }
  | { kind: "financialHold" }
  | { kind: "unauthorized" }
  | { kind: "retry" };

export type SisAnswerKind = SisAnswer["kind"];

const CodeBody = z.object({ code: z.string() });

function codeOf(body: Uint8Array): string | null {
  try {
    const parsed = CodeBody.safeParse(JSON.parse(new TextDecoder().decode(body)));
    return parsed.success ? parsed.data.code : null;
  } catch {
    return null;
  }
}

const XML_TYPE = /^(?:application|text)\/(?:[\w.+-]+\+)?xml\s*(?:;|$)/i;

/** Maps an HTTP status, Content-Type and body to its meaning (contracts §2). */
export function mapSisAnswer(answer: { status: number; contentType: string | null; body: Uint8Array }): SisAnswer {
  const { status, body } = answer;
  if (status === 200) {
    // A 200 that is not XML is not the contract's answer (e.g. a proxy's HTML page): retried like any other.
    return XML_TYPE.test(answer.contentType ?? "") && body.length > 0 ? { kind: "transcript", xml: body } : { kind: "retry" };
  }
  if (status === 401 || status === 403) return { kind: "unauthorized" };
  const code = status === 404 || status === 409 || status === 422 ? codeOf(body) : null;
  if (status === 404 && code === "STUDENT_NOT_FOUND") return { kind: "notFound" };
  if (status === 409 && code === "MULTIPLE_MATCHES") return { kind: "multipleMatches" };
  if (status === 422 && code === "NO_ACADEMIC_DATA") return { kind: "noAcademicData" };
  if (status === 422 && code === "FINANCIAL_HOLD") return { kind: "financialHold" };
  return { kind: "retry" };
}

/** Whether an answer is final (no retry): every answer the contract names. */
export const isFinalAnswer = (a: SisAnswer) => a.kind !== "retry" && a.kind !== "unauthorized";

/** Wait before retry number `retry` (1, 2, …): 0.5 s, 2 s, 8 s, with ±20 % jitter so that many requests do not retry
 * in step against a SIS that is recovering. */
export function sisBackoffMs(retry: number, random: () => number = Math.random): number {
  const base = 500 * 4 ** (retry - 1);
  return Math.round(base * (0.8 + 0.4 * random()));
}
