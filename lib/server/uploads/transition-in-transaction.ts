import "server-only";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { Tx } from "@/lib/db";
import { isComplete, tabOfStatus, type RequestStatus } from "@/lib/domain/statuses";
import { recordEvent } from "@/lib/server/requests/record-event";

/**
 * The status change of lib/server/requests/transition-request.ts, inside a transaction the caller already holds
 * (an upload also creates its file and timeline rows in the same transaction). The same WHERE: the version and
 * status the caller saw, plus `scope`; false when they no longer hold, and the caller must then roll back.
 */
export async function transitionWithin(
  tx: Tx,
  options: {
    request: { id: string; status: RequestStatus };
    expectedVersion: number;
    to: RequestStatus;
    now: Date;
    scope: Prisma.TranscriptRequestWhereInput;
    statusReason?: string | null;
    event: { type: string; actorId?: string | null; actorLabel?: string | null; data?: Record<string, unknown> };
  },
): Promise<{ ok: true; version: number; eventId: string } | { ok: false }> {
  const { request, expectedVersion, to, now, scope, event } = options;
  const updated = await tx.transcriptRequest.updateMany({
    where: { AND: [{ id: request.id, version: expectedVersion, status: request.status }, scope] },
    data: {
      status: to,
      tab: tabOfStatus(to),
      statusReason: options.statusReason ?? null,
      statusChangedAt: now,
      completedAt: isComplete(to) ? now : null,
      version: { increment: 1 },
    },
  });
  if (updated.count !== 1) return { ok: false };
  const version = expectedVersion + 1;
  const row = await recordEvent(tx, {
    requestId: request.id,
    type: event.type,
    actorId: event.actorId ?? null,
    actorLabel: event.actorLabel ?? null,
    data: { ...event.data, from: request.status, to, version },
    at: now,
  });
  return { ok: true, version, eventId: row.id };
}

/** Thrown inside a transaction to roll it back when the request changed meanwhile. */
export class StaleRequestError extends Error {
  constructor() {
    super("the request changed meanwhile");
    this.name = "StaleRequestError";
  }
}
