import { Inngest } from "inngest";

// The one Inngest client. With an Inngest server configured (lib/env.ts: INNGEST_EVENT_KEY, INNGEST_BASE_URL or
// INNGEST_DEV) it sends events there and `/api/inngest` serves the functions; with none, lib/inngest/send-event.ts
// runs the same functions in-process (docs/decisions/0006-in-process-inngest-runner.md).
// The SDK reads its keys and URLs from the environment itself.
export const inngest = new Inngest({ id: "trms" });
