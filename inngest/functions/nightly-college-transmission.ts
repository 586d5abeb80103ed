import { cron } from "inngest";
import { inngest } from "@/inngest/client";
import { jobRunRequested } from "@/inngest/events";
import { torontoDate } from "@/lib/domain/business-days";
import { announceUndeliveredBatches } from "@/lib/server/transmission/announce-undelivered";
import { buildBatches } from "@/lib/server/transmission/build-batches";
import { collectTransmissionItems } from "@/lib/server/transmission/collect-items";

export const NIGHTLY_TRANSMISSION_ID = "nightly-college-transmission";
/** Every night at 02:00, Toronto time (contracts §4). */
export const NIGHTLY_TRANSMISSION_CRON = "TZ=America/Toronto 0 2 * * *";

/**
 * Nightly College Transmission (contracts §4): what goes tonight, then the batches per college, then every batch an
 * earlier night left undelivered announced again. Each batch is delivered by its own run (deliver-transmission-batch),
 * so that one slow college holds up no other. Each step's result is kept: a retried run neither collects nor builds
 * again what it already did, and the night is the one the run started in.
 */
export const nightlyCollegeTransmissionFunction = inngest.createFunction(
  {
    id: NIGHTLY_TRANSMISSION_ID,
    name: "Nightly College Transmission",
    retries: 3,
    concurrency: { limit: 1 },
    triggers: [cron(NIGHTLY_TRANSMISSION_CRON), jobRunRequested(NIGHTLY_TRANSMISSION_ID)],
  },
  async ({ step }) => {
    const started = await step.run("collect", async () => {
      const at = new Date();
      return { night: torontoDate(at), startedAt: at.toISOString(), ...(await collectTransmissionItems({ now: at })) };
    });
    const built = await step.run("build", () => buildBatches({ night: started.night }));
    const resent = await step.run("announce-undelivered", () => announceUndeliveredBatches({ builtBefore: new Date(started.startedAt) }));
    return { night: started.night, collected: { created: started.created, dropped: started.dropped, superseded: started.superseded }, built, resent };
  },
);
