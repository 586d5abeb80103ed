import { autoMatchFunction } from "./functions/auto-match";
import { autoMatchRematchFunction } from "./functions/auto-match-rematch";
import { processTranscriptFunction } from "./functions/process-transcript";
import { releaseDeferredRequestsFunction } from "./functions/release-deferred-requests";

/** Every background function: served at /api/inngest, and run in-process when no Inngest server is configured. */
export const functions = [releaseDeferredRequestsFunction, processTranscriptFunction, autoMatchFunction, autoMatchRematchFunction];
