// How a demo request reached its status: the steps of its history, each an allowed transition
// (lib/domain/statuses.ts), with who made it and why.
import { canTransition, type RequestStatus } from "@/lib/domain/statuses";
import type { Rng } from "./prng";

export type StepActor = "user" | "admin" | "system" | "auto-trms" | "intake-api";

export interface Step {
  to: RequestStatus;
  by: StepActor;
  /** Minutes after the previous step (automatic work) rather than days later (people). */
  quick: boolean;
  reason?: Record<string, unknown>;
}

const SIS_DIFFERENCES: readonly string[][] = [["dateOfBirth"], ["firstName"], ["lastName", "firstName"], ["gender"], ["lastName"]];

/** Why Auto-TRMS could not match the request (statusReason: message key + data). */
export function autoProcessReason(rng: Rng, oen: string | null): Record<string, unknown> {
  const r = rng.next();
  if (r < 0.45) return oen ? { key: "sisNotFound", oen } : { key: "sisNotFound" };
  if (r < 0.8) return { key: "sisDifferences", fields: rng.pick(SIS_DIFFERENCES) };
  if (r < 0.9) return { key: "sisMultipleMatches" };
  return { key: "sisUnavailable" };
}

export const FILE_UPLOAD_ERROR_REASON = { key: "processingFailed" } as const;

/** The steps after the request's current first status (`ACTION_REQUIRED`, or `AUTO_PROCESS_ERROR` on an Auto-TRMS
 * board) that lead to `status`. */
function manualSteps(status: RequestStatus): Step[] {
  switch (status) {
    case "ACTION_REQUIRED":
    case "AUTO_PROCESS_ERROR":
      return [];
    case "FINANCIAL_HOLD":
    case "NO_ACADEMIC_DATA":
    case "STUDENT_NOT_FOUND":
    case "PAPER_TRANSCRIPT_SENT":
    case "TRANSCRIPT_UPLOADED":
      return [{ to: status, by: "user", quick: false }];
    case "FILE_UPLOAD_ERROR":
      return [
        { to: "TRANSCRIPT_UPLOADED", by: "user", quick: false },
        { to: "FILE_UPLOAD_ERROR", by: "system", quick: true, reason: FILE_UPLOAD_ERROR_REASON },
      ];
    case "E_TRANSCRIPT_SENT":
      return [
        { to: "TRANSCRIPT_UPLOADED", by: "user", quick: false },
        { to: "E_TRANSCRIPT_SENT", by: "system", quick: true },
      ];
    case "REQUEST_CANCELLED":
      return [{ to: "REQUEST_CANCELLED", by: "intake-api", quick: false }];
    case "INCOMPLETE_ACTION_REQUIRED":
      // Reopened by OCAS after a paper transcript turned out not to be enough.
      return [
        { to: "PAPER_TRANSCRIPT_SENT", by: "user", quick: false },
        { to: "INCOMPLETE_ACTION_REQUIRED", by: "admin", quick: false },
      ];
  }
}

/**
 * The history of a request now in `status`. On an Auto-TRMS board every request that has become due was first
 * tried automatically: matched (straight to E-Transcript Sent) or not (Auto-Process Error, then people).
 */
export function stepsTo(status: RequestStatus, autoTrms: boolean, rng: Rng, oen: string | null): Step[] {
  const matchedDraw = rng.next();
  const reason = autoProcessReason(rng, oen);
  let steps: Step[];
  if (!autoTrms || status === "ACTION_REQUIRED") {
    steps = manualSteps(status);
  } else if (status === "E_TRANSCRIPT_SENT" && matchedDraw < 0.7) {
    steps = [{ to: "E_TRANSCRIPT_SENT", by: "auto-trms", quick: true }];
  } else {
    steps = [{ to: "AUTO_PROCESS_ERROR", by: "auto-trms", quick: true, reason }, ...manualSteps(status)];
  }
  let from: RequestStatus = "ACTION_REQUIRED";
  for (const step of steps) {
    if (!canTransition(from, step.to)) throw new Error(`seed: ${from} → ${step.to} is not an allowed transition`);
    from = step.to;
  }
  if (from !== status) throw new Error(`seed: the steps end in ${from}, not ${status}`);
  return steps;
}
