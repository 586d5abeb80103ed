import { cron } from "inngest";
import { inngest } from "@/inngest/client";
import { jobRunRequested } from "@/inngest/events";
import { pruneBackgroundHistory } from "@/lib/server/jobs/prune";
import { repairAutoMatches, repairEmails, repairReleases, repairUploads } from "@/lib/server/jobs/reconcile";

export const RECONCILE_ID = "reconcile-background-work";
export const RECONCILE_CRON = "TZ=America/Toronto */5 * * * *";

/** Every 5 minutes: work that should have happened and did not is announced again (lib/server/jobs/reconcile.ts). */
export const reconcileBackgroundWorkFunction = inngest.createFunction(
  {
    id: RECONCILE_ID,
    name: "Reconcile background work",
    retries: 2,
    concurrency: { limit: 1 },
    triggers: [cron(RECONCILE_CRON), jobRunRequested(RECONCILE_ID)],
  },
  async ({ step }) => {
    // Each kind in its own step: a retry does not repair again what an earlier attempt repaired.
    const processTranscript = await step.run("uploads", () => repairUploads(new Date()));
    const release = await step.run("releases", () => repairReleases(new Date()));
    const autoMatch = await step.run("auto-matches", () => repairAutoMatches(new Date()));
    const email = await step.run("emails", () => repairEmails(new Date()));
    const pruned = await step.run("prune", () => pruneBackgroundHistory());
    return { repaired: { processTranscript, release, autoMatch, email }, pruned };
  },
);
