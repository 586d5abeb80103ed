import "server-only";
import { postToSis } from "./call-sis";
import { mapSisAnswer, SIS_TIMEOUT_MS, type SisQuery } from "./protocol";

// "Test connection" on the Auto-TRMS settings page: one harmless call to the SIS with a probe that matches no
// student, and whether the SIS answered as the contract says. One attempt, no retries: the administrator is waiting.

export type SisConnectionProblem = "unauthorized" | "timeout" | "unreachable" | "badAnswer";
export type SisConnectionResult = { ok: true; httpStatus: number } | { ok: false; problem: SisConnectionProblem; httpStatus?: number };

/** A reference no request ever has (reference numbers are drawn from 10000000 up) and a name no one has. */
export const SIS_PROBE_QUERY: SisQuery = {
  referenceNumber: "REF-00000000",
  requestType: "ORIGINAL",
  oen: null,
  firstName: "Connection",
  lastName: "Test-TRMS",
  middleName: null,
  formerLastName: null,
  dateOfBirth: "1900-01-01",
  gender: "X",
  studentNumber: null,
  schoolMident: "000000",
  lastAttended: "1900-01",
};

export async function testSisConnection(input: { url: string; secret: string; timeoutMs?: number }): Promise<SisConnectionResult> {
  const timeoutMs = Math.min(input.timeoutMs ?? SIS_TIMEOUT_MS, SIS_TIMEOUT_MS);
  const result = await postToSis({ url: input.url, secret: input.secret, body: SIS_PROBE_QUERY, timeoutMs });
  if (!result.ok) return { ok: false, problem: result.failure === "timeout" ? "timeout" : "unreachable" };
  const answer = mapSisAnswer(result);
  if (answer.kind === "unauthorized") return { ok: false, problem: "unauthorized", httpStatus: result.status };
  // Any answer the contract names, even a transcript, shows that the SIS understood the call.
  if (answer.kind === "retry") return { ok: false, problem: "badAnswer", httpStatus: result.status };
  return { ok: true, httpStatus: result.status };
}
