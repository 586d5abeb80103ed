import { inngest } from "@/inngest/client";
import { batchReady, BatchReadyData } from "@/inngest/events";
import { deliverBatch } from "@/lib/server/transmission/deliver-batch";

export const DELIVER_BATCH_ID = "deliver-transmission-batch";

/**
 * Delivers one transmission batch to its college (lib/server/transmission/deliver-batch.ts): up to 3 attempts with
 * back-off inside the step; a run that dies (or fails unexpectedly) is run again, and sends the same batch again,
 * which the college drops by its webhook-id. One delivery per college at a time.
 */
export const deliverTransmissionBatchFunction = inngest.createFunction(
  {
    id: DELIVER_BATCH_ID,
    name: "Deliver a transmission batch",
    retries: 3,
    concurrency: { limit: 1, key: "event.data.collegeCode" },
    triggers: [batchReady],
  },
  async ({ event, step }) => {
    const { batchId } = BatchReadyData.parse(event.data);
    return step.run("deliver", () => deliverBatch({ batchId }));
  },
);
