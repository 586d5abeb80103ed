import { inngest } from "@/inngest/client";
import { emailQueued, EmailQueuedData } from "@/inngest/events";
import { deliverQueuedEmail } from "@/lib/server/email/deliver-email";

export const DELIVER_EMAIL_ID = "deliver-email";
const RETRIES = 4;

/** Sends a queued email (lib/server/email/deliver-email.ts): once, with retries; the last attempt leaves it FAILED. */
export const deliverEmailFunction = inngest.createFunction(
  {
    id: DELIVER_EMAIL_ID,
    name: "Send a queued email",
    retries: RETRIES,
    // One delivery of an email at a time: a second event for it (a repair) waits, then finds it delivered.
    concurrency: { limit: 1, key: "event.data.emailId" },
    triggers: [emailQueued],
  },
  async ({ event, step, attempt }) => {
    const { emailId } = EmailQueuedData.parse(event.data);
    return step.run("send", () => deliverQueuedEmail({ emailId, finalAttempt: attempt >= RETRIES }));
  },
);
