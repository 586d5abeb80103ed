import "server-only";
import type { DbOrTx } from "@/lib/db";
import type { OutgoingEvent } from "@/lib/domain/events";

// The transactional outbox (contracts §6, docs/decisions/0011): a service writes the events a change causes with
// `enqueueEvents(tx, …)` inside the transaction of that change, and calls `signalBackgroundWork()` after the commit.
// The dispatcher (lib/server/jobs/dispatch-outbox.ts) hands each row to Inngest or to the embedded runner.

/**
 * Writes the events in the caller's transaction (an empty list writes nothing). `at` is when their change happened;
 * they may be dispatched at once (by the wall clock, whatever `at` says).
 */
export async function enqueueEvents(tx: DbOrTx, events: readonly OutgoingEvent[], at: Date = new Date()) {
  if (events.length === 0) return;
  const availableAt = new Date();
  await tx.outboxEvent.createMany({
    data: events.map((e) => ({ id: e.id, name: e.name, data: JSON.stringify(e.data), subject: e.subject, createdAt: at, availableAt })),
  });
}

/** Whether an event with this id was ever written (the reconciler's repairs are idempotent by their id). */
export async function outboxHas(client: DbOrTx, id: string): Promise<boolean> {
  return (await client.outboxEvent.count({ where: { id } })) > 0;
}
