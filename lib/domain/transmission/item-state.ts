// The life of one transcript–college item of the nightly transmission (contracts §4), one table of allowed moves:
//   PENDING ──batched──▶ BATCHED ──delivered──▶ DELIVERED ──resubmit──▶ PENDING (the college asked again)
//   PENDING ──dropped──▶ DROPPED (its request was cancelled before it went)
//   PENDING ──superseded──▶ SUPERSEDED (a newer transcript of the request replaced it before it went)
//   BATCHED ──unbatched──▶ PENDING (taken out of a batch being built: it did not fit)
// A delivered item is never sent again unless the college asks; a batch whose answer never came is sent again whole,
// so its items stay BATCHED until an answer comes.

export const ITEM_STATES = ["PENDING", "BATCHED", "DELIVERED", "DROPPED", "SUPERSEDED"] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export const ITEM_EVENTS = ["batched", "unbatched", "delivered", "resubmit", "dropped", "superseded"] as const;
export type ItemEvent = (typeof ITEM_EVENTS)[number];

const MOVES: Record<ItemState, Partial<Record<ItemEvent, ItemState>>> = {
  PENDING: { batched: "BATCHED", dropped: "DROPPED", superseded: "SUPERSEDED" },
  BATCHED: { delivered: "DELIVERED", unbatched: "PENDING" },
  DELIVERED: { resubmit: "PENDING" },
  DROPPED: {},
  SUPERSEDED: {},
};

/** The state after `event`, or null when the move is not allowed. */
export function nextItemState(state: ItemState, event: ItemEvent): ItemState | null {
  return MOVES[state][event] ?? null;
}

/** The states an event moves items from (for conditional updates: `WHERE status IN (…)`). */
export function statesBefore(event: ItemEvent): ItemState[] {
  return ITEM_STATES.filter((s) => MOVES[s][event] !== undefined);
}

/** A batch as the Transmission Log shows it (glossary): delivered, retrying, failed, waiting for download, downloaded. */
export const BATCH_STATES = ["BUILDING", "READY", "RETRYING", "DELIVERED", "FAILED", "WAITING_DOWNLOAD", "DOWNLOADED"] as const;
export type BatchState = (typeof BATCH_STATES)[number];

/** Batches a delivery may (still) be attempted for: not delivered, not downloaded (a batch waiting for download goes
 * once its college has an endpoint). */
export const DELIVERABLE_BATCH_STATES = ["READY", "RETRYING", "FAILED", "WAITING_DOWNLOAD"] as const satisfies readonly BatchState[];
export const isDeliverableBatchState = (state: string): boolean => (DELIVERABLE_BATCH_STATES as readonly string[]).includes(state);
