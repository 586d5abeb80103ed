import { cron } from "inngest";
import { inngest } from "@/inngest/client";
import { jobRunRequested } from "@/inngest/events";
import { findPendingAlertUsers, sendPendingAlerts } from "@/lib/server/notifications/pending-alerts";

export const PENDING_ALERTS_ID = "pending-alerts";
export const PENDING_ALERTS_CRON = "TZ=America/Toronto */15 * * * *";
const CHUNK = 200;

/** Pending-hours alerts (contracts §8): every 15 minutes within business hours, per user, in chunks. */
export const pendingAlertsFunction = inngest.createFunction(
  {
    id: PENDING_ALERTS_ID,
    name: "Pending Requests Alerts",
    retries: 3,
    concurrency: { limit: 1 },
    triggers: [cron(PENDING_ALERTS_CRON), jobRunRequested(PENDING_ALERTS_ID)],
  },
  async ({ step }) => {
    const due = await step.run("users", async () => ({ at: new Date().toISOString(), users: await findPendingAlertUsers(new Date()) }));
    let emails = 0;
    for (let from = 0; from < due.users.length; from += CHUNK) {
      const sent = await step.run(`send-${from / CHUNK}`, () => sendPendingAlerts(due.users.slice(from, from + CHUNK), new Date(due.at)));
      emails += sent.emails;
    }
    return { users: due.users.length, emails };
  },
);
