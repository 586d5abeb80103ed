import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { jobRunRequestedEvent } from "@/lib/domain/events";
import { isOcasAdmin, type Actor } from "@/lib/auth/roles";
import { inngestServerConfigured } from "@/lib/env";
import { scheduledJobs } from "./catalogue";
import { findRun } from "./job-runs";
import { enqueueEvents } from "./outbox";
import { signalBackgroundWork } from "./signal";

/** How long "Run now" waits for an embedded run before answering that it is still going. */
export const RUN_NOW_WAIT_MS = 10_000;
const POLL_MS = 100;

export type RunJobNowResult =
  | { ok: true; outcome: "succeeded" | "running" | "sent" }
  | { ok: true; outcome: "failed"; error: string }
  | { ok: false; reason: "forbidden" | "unknownFunction" };

/**
 * "Run now" on /admin/jobs: runs a scheduled function once, through its `jobs/<id>.run` event written to the outbox,
 * so the same path serves an Inngest server (the event goes there) and the embedded runner (any instance's runner
 * takes it at once; the page waits a little for the outcome).
 */
export async function runJobNow(options: { actor: Pick<Actor, "role" | "username">; functionId: string; waitMs?: number }): Promise<RunJobNowResult> {
  if (!isOcasAdmin(options.actor)) return { ok: false, reason: "forbidden" };
  if (!scheduledJobs().some((j) => j.id === options.functionId)) return { ok: false, reason: "unknownFunction" };

  const event = jobRunRequestedEvent(options.functionId, options.actor.username, crypto.randomUUID());
  await enqueueEvents(db, [event]);
  signalBackgroundWork();
  if (inngestServerConfigured()) return { ok: true, outcome: "sent" };

  const deadline = Date.now() + (options.waitMs ?? RUN_NOW_WAIT_MS);
  for (;;) {
    const run = await findRun(options.functionId, event.id);
    if (run?.status === "SUCCEEDED") return { ok: true, outcome: "succeeded" };
    if (run?.status === "FAILED") return { ok: true, outcome: "failed", error: run.error ?? "" };
    if (Date.now() >= deadline) return { ok: true, outcome: "running" };
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
