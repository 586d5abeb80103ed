import { Inngest } from "inngest";

// The one Inngest client. With an Inngest server configured (lib/env.ts: INNGEST_EVENT_KEY, INNGEST_BASE_URL or
// INNGEST_DEV) the outbox dispatcher sends events there and `/api/inngest` serves the functions; with none, the
// embedded runtime runs the same functions (docs/decisions/0011). The SDK reads its keys and URLs from the
// environment itself.
//
// The SDK logs each failed attempt of a function as an error; an attempt that fails and is retried is not one yet,
// so those lines are warnings. Whether a run finally failed is the runner's to say (and the Inngest dashboard's).
// One line each, without stack traces (a step's error is kept with its run).
const line = (args: unknown[]) =>
  `[inngest] ${args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : typeof a === "object" && a !== null && "err" in a && a.err instanceof Error ? `${a.err.name}: ${a.err.message}` : String(a))).join(" ")}`;
const logger = {
  info: (...args: unknown[]) => console.info(line(args)),
  warn: (...args: unknown[]) => console.warn(line(args)),
  error: (...args: unknown[]) => console.warn(line(args)),
  debug: () => {},
};

export const inngest = new Inngest({ id: "trms", logger });
