import "server-only";
import { db } from "@/lib/db";

// The first step of the nightly transmission (contracts §4): what goes tonight. Every current stored transcript of a
// request in E-Transcript Sent becomes one item per destination college (once: the item's id is transcript + college,
// unique); items not yet in a batch are dropped when their request was cancelled, and superseded when a newer
// transcript replaced theirs (the newer one goes, as a Reissue).

const PAGE = 1_000;

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

  let created = 0;
  let after: string | null = null;
  for (;;) {
    const transcripts: { id: string; isReissue: boolean; requestId: string; request: { destinations: { collegeId: string }[] } }[] =
      await db.storedTranscript.findMany({
        where: { isCurrent: true, request: { status: "E_TRANSCRIPT_SENT" }, items: { none: {} }, ...(after ? { id: { gt: after } } : {}) },
        orderBy: { id: "asc" },
        take: PAGE,
        select: { id: true, isReissue: true, requestId: true, request: { select: { destinations: { select: { collegeId: true } } } } },
      });
    if (transcripts.length === 0) break;
    const rows = transcripts.flatMap((t) =>
      t.request.destinations.map((d) => ({
        id: `${t.id}:${d.collegeId}`,
        transcriptId: t.id,
        collegeId: d.collegeId,
        requestId: t.requestId,
        status: "PENDING",
        transmissionType: t.isReissue ? "Reissue" : "Original",
        createdAt: now,
      })),
    );
    if (rows.length > 0) created += (await db.transmissionItem.createMany({ data: rows })).count;
    after = transcripts.at(-1)!.id;
  }
  return { created, dropped: dropped.count, superseded: superseded.count };
}
