import "server-only";
import { db } from "@/lib/db";
import { insertNewItems } from "./transmission-sql";

// The first step of the nightly transmission (contracts §4): what goes tonight. Every current stored transcript of a
// request in E-Transcript Sent becomes one item per destination college (once: the item's id is transcript + college,
// unique); items not yet in a batch are dropped when their request was cancelled, and superseded when a newer
// transcript replaced theirs (the newer one goes, as a Reissue).

export type CollectResult = { created: number; dropped: number; superseded: number };

export async function collectTransmissionItems(options: { now?: Date } = {}): Promise<CollectResult> {
  const now = options.now ?? new Date();
  const superseded = await db.transmissionItem.updateMany({
    where: { status: "PENDING", transcript: { isCurrent: false } },
    data: { status: "SUPERSEDED" },
  });
  const dropped = await db.transmissionItem.updateMany({
    where: { status: "PENDING", request: { status: "REQUEST_CANCELLED" } },
    data: { status: "DROPPED" },
  });

  const created = await insertNewItems(db, now);
  return { created, dropped: dropped.count, superseded: superseded.count };
}
