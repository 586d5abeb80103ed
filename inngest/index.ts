import { autoMatchFunction } from "./functions/auto-match";
import { autoMatchRematchFunction } from "./functions/auto-match-rematch";
import { deliverEmailFunction } from "./functions/deliver-email";
import { deliverTransmissionBatchFunction } from "./functions/deliver-transmission-batch";
import { nightlyCollegeTransmissionFunction } from "./functions/nightly-college-transmission";
import { notificationDigestsFunction } from "./functions/notification-digests";
import { notifyRequestToProcessFunction } from "./functions/notify-request-to-process";
import { pendingAlertsFunction } from "./functions/pending-alerts";
import { sendPasswordResetFunction } from "./functions/send-password-reset";
import { slaAgeingAlertsFunction } from "./functions/sla-ageing-alerts";
import { processTranscriptFunction } from "./functions/process-transcript";
import { reconcileBackgroundWorkFunction } from "./functions/reconcile-background-work";
import { releaseDeferredRequestsFunction } from "./functions/release-deferred-requests";

/**
 * Every background function: served at /api/inngest, and run by the embedded runtime when no Inngest server is
 * configured. Only composition roots import this list (instrumentation.ts, the route, the test setup).
 */
export const functions = [
  releaseDeferredRequestsFunction,
  processTranscriptFunction,
  autoMatchFunction,
  autoMatchRematchFunction,
  deliverEmailFunction,
  reconcileBackgroundWorkFunction,
  nightlyCollegeTransmissionFunction,
  deliverTransmissionBatchFunction,
  notificationDigestsFunction,
  pendingAlertsFunction,
  slaAgeingAlertsFunction,
  notifyRequestToProcessFunction,
  sendPasswordResetFunction,
];
