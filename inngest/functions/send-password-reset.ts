import { inngest } from "@/inngest/client";
import { passwordResetRequested, PasswordResetRequestedData } from "@/inngest/events";
import { sendPasswordResetLinks } from "@/lib/server/auth/password-reset";

export const SEND_PASSWORD_RESET_ID = "send-password-reset";

/** "Forgot password", off the request path (docs/decisions/0020): the form answers alike for every address. */
export const sendPasswordResetFunction = inngest.createFunction(
  { id: SEND_PASSWORD_RESET_ID, name: "Email password reset links", retries: 4, triggers: [passwordResetRequested] },
  async ({ event, step }) => {
    const { email } = PasswordResetRequestedData.parse(event.data);
    return step.run("send", () => sendPasswordResetLinks({ email, eventId: event.id ?? "" }));
  },
);
