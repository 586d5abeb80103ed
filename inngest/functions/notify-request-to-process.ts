import { inngest } from "@/inngest/client";
import { requestCreated, requestReleased, requestToProcess, RequestEventData } from "@/inngest/events";
import { notifyRequestToProcess } from "@/lib/server/notifications/request-to-process";

export const NOTIFY_TO_PROCESS_ID = "notify-request-to-process";

/** "Notify me of each request to process" (contracts §8): a request entering To Do, emailed to who asked. */
export const notifyRequestToProcessFunction = inngest.createFunction(
  {
    id: NOTIFY_TO_PROCESS_ID,
    name: "Email each request to process",
    retries: 4,
    triggers: [requestCreated, requestReleased, requestToProcess],
  },
  async ({ event, step }) => {
    const { requestId } = RequestEventData.parse(event.data);
    const trigger = event.name === requestToProcess.name ? "autoTrmsFailed" : event.name === requestReleased.name ? "released" : "created";
    return step.run("notify", () => notifyRequestToProcess({ requestId, trigger }));
  },
);
