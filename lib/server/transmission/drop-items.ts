import "server-only";
import type { Tx } from "@/lib/db";

// A cancelled request sends nothing more (contracts §4): its items not yet in a batch are dropped, in the
// cancellation's transaction. (The nightly collection drops them too, for a request cancelled any other way.) An item
// already in a built batch stays there: a batch is sent again with the same bytes, never rebuilt (ADR 0015).
export async function dropUndeliveredItems(tx: Tx, requestIds: readonly string[]): Promise<number> {
  if (requestIds.length === 0) return 0;
  const dropped = await tx.transmissionItem.updateMany({ where: { requestId: { in: [...requestIds] }, status: "PENDING" }, data: { status: "DROPPED" } });
  return dropped.count;
}
