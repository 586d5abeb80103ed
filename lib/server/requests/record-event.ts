import "server-only";
import type { DbOrTx } from "@/lib/db";

export type TimelineEntry = {
  requestId: string;
  type: string;
  /** The user who acted; null with `actorLabel` for the system ("system", "auto-trms", "intake-api"). */
  actorId?: string | null;
  actorLabel?: string | null;
  /** Serialised as JSON: statuses, message keys, ids. Names and addresses stay out (masked when needed). */
  data?: Record<string, unknown> | null;
  at?: Date;
};

/** The TimelineEvent row of an entry (recordEvent writes one; a caller writing many at once uses createMany). */
export function timelineRow(entry: TimelineEntry) {
  return {
    requestId: entry.requestId,
    type: entry.type,
    actorId: entry.actorId ?? null,
    actorLabel: entry.actorId ? null : (entry.actorLabel ?? "system"),
    data: entry.data ? JSON.stringify(entry.data) : null,
    ...(entry.at ? { createdAt: entry.at } : {}),
  };
}

/** Appends one row to a request's timeline; pass the transaction that makes the change it records. */
export async function recordEvent(client: DbOrTx, entry: TimelineEntry) {
  return client.timelineEvent.create({ data: timelineRow(entry), select: { id: true } });
}
