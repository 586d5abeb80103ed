import { cron } from "inngest";
import { inngest } from "@/inngest/client";
import { jobRunRequested } from "@/inngest/events";
import { sendSlaAlerts } from "@/lib/server/notifications/sla-alerts";

export const SLA_ALERTS_ID = "sla-ageing-alerts";
/** 07:00 Toronto, Monday to Friday; a statutory holiday is skipped by the verb. */
export const SLA_ALERTS_CRON = "TZ=America/Toronto 0 7 * * 1-5";

/** SLA Ageing Alerts (contracts §8): requests that reached the SLA since the last alert, each business morning. */
export const slaAgeingAlertsFunction = inngest.createFunction(
  {
    id: SLA_ALERTS_ID,
    name: "SLA Ageing Alerts",
    retries: 3,
    concurrency: { limit: 1 },
    triggers: [cron(SLA_ALERTS_CRON), jobRunRequested(SLA_ALERTS_ID)],
  },
  async ({ step }) => step.run("alerts", () => sendSlaAlerts(new Date())),
);
