import { cron } from "inngest";
import { inngest } from "@/inngest/client";
import { jobRunRequested } from "@/inngest/events";
import { findDueDigests, sendDigests } from "@/lib/server/notifications/digests";

export const NOTIFICATION_DIGESTS_ID = "notification-digests";
export const NOTIFICATION_DIGESTS_CRON = "TZ=America/Toronto */15 * * * *";
/** Users per step: a retried step sends again only its own chunk's unsent digests. */
const CHUNK = 200;

/** Notification Digests (contracts §8): every 15 minutes, the users whose digest slot has come, in chunks. */
export const notificationDigestsFunction = inngest.createFunction(
  {
    id: NOTIFICATION_DIGESTS_ID,
    name: "Notification Digests",
    retries: 3,
    concurrency: { limit: 1 },
    triggers: [cron(NOTIFICATION_DIGESTS_CRON), jobRunRequested(NOTIFICATION_DIGESTS_ID)],
  },
  async ({ step }) => {
    const due = await step.run("due", async () => ({ at: new Date().toISOString(), users: await findDueDigests(new Date()) }));
    let emails = 0;
    for (let from = 0; from < due.users.length; from += CHUNK) {
      const sent = await step.run(`send-${from / CHUNK}`, () => sendDigests(due.users.slice(from, from + CHUNK), new Date(due.at)));
      emails += sent.emails;
    }
    return { users: due.users.length, emails };
  },
);
