import { cron } from "inngest";
import { inngest } from "@/inngest/client";
import { jobRunRequested } from "@/inngest/events";
import { releaseDeferredRequests } from "@/lib/server/requests/release-deferred";

export const RELEASE_DEFERRED_REQUESTS_ID = "release-deferred-requests";
/** Every morning, Toronto time, before the schools open. */
export const RELEASE_DEFERRED_REQUESTS_CRON = "TZ=America/Toronto 0 6 * * *";

/** Send at End of Semester: releases the requests whose send-after date has passed (product §10). */
export const releaseDeferredRequestsFunction = inngest.createFunction(
  {
    id: RELEASE_DEFERRED_REQUESTS_ID,
    name: "Release Send-at-End-of-Semester requests",
    retries: 2,
    concurrency: { limit: 1 },
    triggers: [cron(RELEASE_DEFERRED_REQUESTS_CRON), jobRunRequested(RELEASE_DEFERRED_REQUESTS_ID)],
  },
  async ({ step }) => {
    // The cron and "Run now" events carry nothing to act on; the step decides what is due when it runs.
    return step.run("release-due-requests", () => releaseDeferredRequests({ now: new Date() }));
  },
);
