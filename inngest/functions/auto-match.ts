import { inngest } from "@/inngest/client";
import { autoMatchRetryRequested, requestCreated, requestReleased, RequestEventData } from "@/inngest/events";
import { SIS_CONCURRENCY_PER_BOARD } from "@/lib/sis/call-sis";
import { autoMatchRequest } from "@/lib/server/auto-trms/match-request";

export const AUTO_MATCH_ID = "auto-match";

/**
 * Auto-TRMS (product §6, §10): each new request, and each Send-at-End-of-Semester request when it becomes due, is
 * matched against its board's SIS (lib/server/auto-trms/match-request.ts), and again when a user asks for it on a
 * request the SIS could not answer (Retry Auto-TRMS). Boards without Auto-TRMS are skipped there: their requests
 * wait in To Do as Action Required.
 */
export const autoMatchFunction = inngest.createFunction(
  {
    id: AUTO_MATCH_ID,
    name: "Auto-TRMS: match a request with the board's SIS",
    // The SIS call retries itself (contracts §2); these retries are for the database.
    retries: 3,
    // Under an Inngest server: the same bound per board as one instance's SIS calls.
    concurrency: { limit: SIS_CONCURRENCY_PER_BOARD, key: "event.data.boardId" },
    triggers: [requestCreated, requestReleased, autoMatchRetryRequested],
  },
  async ({ event, step }) => {
    const data = RequestEventData.parse(event.data);
    const trigger = event.name === requestReleased.name ? "released" : event.name === autoMatchRetryRequested.name ? "retry" : "created";
    return step.run("match", () => autoMatchRequest({ requestId: data.requestId, trigger }));
  },
);
