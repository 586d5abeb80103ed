import crypto from "node:crypto";
import { inngest } from "@/inngest/client";
import { inngestServerConfigured } from "@/lib/env";
import type { RunOutcome, RunnableEvent } from "./in-process-runner";

// The one way the app emits an Inngest event. With an Inngest server configured the event goes there; with none
// (the embedded default) the functions listening to it run in this process right after, without delaying the
// caller (contracts §6, ADR 0006).

export type OutgoingEvent = { name: string; data: Record<string, unknown>; id?: string; ts?: number };

export type SentEvents = {
  ids: string[];
  /**
   * In-process: settles when the runs the events started have finished (never rejects). Callers normally ignore
   * it; "Run now" and tests wait for it. With an Inngest server: already settled, with no outcomes.
   */
  delivered: Promise<RunOutcome[]>;
};

export async function sendEvent(events: OutgoingEvent | readonly OutgoingEvent[]): Promise<SentEvents> {
  const list: RunnableEvent[] = (Array.isArray(events) ? events : [events as OutgoingEvent]).map((e) => ({
    name: e.name,
    data: e.data,
    // An id makes a repeated send a no-op: Inngest deduplicates by it, the in-process runner claims by it.
    id: e.id ?? crypto.randomUUID(),
    ts: e.ts ?? Date.now(),
  }));
  if (list.length === 0) return { ids: [], delivered: Promise.resolve([]) };

  if (inngestServerConfigured()) {
    await inngest.send(list);
    return { ids: list.map((e) => e.id), delivered: Promise.resolve([]) };
  }

  // Imported here, not at the top: the runner imports the functions, which import code that sends events.
  const { embeddedRunner } = await import("./embedded");
  const delivered = embeddedRunner()
    .deliver(list)
    .catch((error: unknown) => {
      console.error(`[jobs] in-process delivery failed: ${String(error)}`);
      return [] as RunOutcome[];
    });
  return { ids: list.map((e) => e.id), delivered };
}
