import { inngest } from "@/inngest/client";
import { rematchRequested, RematchRequestedData } from "@/inngest/events";
import { rematchBatch, type RematchCursor } from "@/lib/server/auto-trms/run-rematch";

export const AUTO_MATCH_REMATCH_ID = "auto-match-rematch";

/**
 * "Re-run matching" for a board (lib/server/auto-trms/rematch.ts): one step per batch of To Do requests, so that a
 * retry resumes after the last finished batch instead of matching everything again.
 */
export const autoMatchRematchFunction = inngest.createFunction(
  {
    id: AUTO_MATCH_REMATCH_ID,
    name: "Auto-TRMS: re-run matching for a board",
    retries: 3,
    concurrency: { limit: 1, key: "event.data.boardId" },
    triggers: [rematchRequested],
  },
  async ({ event, step }) => {
    const { runId } = RematchRequestedData.parse(event.data);
    let cursor: RematchCursor = null;
    let processed = 0;
    for (let batch = 0; ; batch++) {
      const result = await step.run(`batch-${batch}`, () => rematchBatch({ runId, cursor }));
      processed += result.processed;
      if (result.finished) return { runId, batches: batch + 1, processed };
      cursor = result.cursor;
    }
  },
);
