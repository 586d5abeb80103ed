import "server-only";
import { jobRunRequestedName } from "@/inngest/events";
import { functions } from "@/inngest/index";
import { isOcasAdmin, type Actor } from "@/lib/auth/roles";
import { inngestServerConfigured } from "@/lib/env";
import { scheduledFunctions } from "@/lib/inngest/scheduler";
import { sendEvent } from "@/lib/inngest/send-event";

/** How long "Run now" waits for an in-process run before answering that it is still going. */
export const RUN_NOW_WAIT_MS = 10_000;

export type RunJobNowResult =
  | { ok: true; outcome: "succeeded" | "running" | "sent" }
  | { ok: true; outcome: "failed"; error: string }
  | { ok: false; reason: "forbidden" | "unknownFunction" | "sendFailed" };

/**
 * "Run now" on /admin/jobs: runs a scheduled function once, through its `jobs/<id>.run` event, so the same path
 * serves an Inngest server (the event goes there) and the in-process runner (which runs it here, at once).
 */
export async function runJobNow(options: { actor: Pick<Actor, "role" | "username">; functionId: string; waitMs?: number }): Promise<RunJobNowResult> {
  if (!isOcasAdmin(options.actor)) return { ok: false, reason: "forbidden" };
  if (!scheduledFunctions(functions).some((s) => s.functionId === options.functionId)) return { ok: false, reason: "unknownFunction" };

  let delivered;
  try {
    ({ delivered } = await sendEvent({ name: jobRunRequestedName(options.functionId), data: { requestedBy: options.actor.username } }));
  } catch (error) {
    // Only with an Inngest server: it did not take the event (unreachable, wrong key).
    console.error(`[jobs] run now ${options.functionId}: could not send the event: ${error instanceof Error ? error.message : String(error)}`);
    return { ok: false, reason: "sendFailed" };
  }
  if (inngestServerConfigured()) return { ok: true, outcome: "sent" };

  let timer: NodeJS.Timeout | undefined;
  const stillRunning = new Promise<"running">((resolve) => {
    timer = setTimeout(() => resolve("running"), options.waitMs ?? RUN_NOW_WAIT_MS);
  });
  const outcomes = await Promise.race([delivered, stillRunning]).finally(() => clearTimeout(timer));
  if (outcomes === "running") return { ok: true, outcome: "running" };
  const run = outcomes.find((o) => o.functionId === options.functionId);
  if (run?.status === "FAILED") return { ok: true, outcome: "failed", error: run.error };
  return { ok: true, outcome: "succeeded" };
}
