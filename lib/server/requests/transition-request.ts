import "server-only";
import { z } from "zod";
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { Actor } from "@/lib/auth/roles";
import { requestScope } from "@/lib/auth/scope";
import { isComplete, tabOfStatus, type RequestStatus } from "@/lib/domain/statuses";
import { dropUndeliveredItems } from "@/lib/server/transmission/drop-items";
import { recordEvent } from "./record-event";

// Versions are small counters; the bound only keeps junk out of the query.
const MAX_VERSION = 1_000_000_000;

/** The version a form was built from: required (a missing field is not version 0), a whole number. */
export const ExpectedVersionSchema = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^\d{1,10}$/)
      .transform(Number),
  ])
  .pipe(z.number().int().min(0).max(MAX_VERSION));

export type TransitionResult = { ok: true; version: number; eventId: string } | { ok: false; reason: "stale" };

/**
 * Moves a request from the status the user saw to `to`, with its timeline row, in one transaction. The WHERE
 * carries the version the user's form was built from, the status it showed and the actor's scope: when any of
 * them no longer holds (someone else acted meanwhile, or the request left the actor's scope), nothing is written
 * and the caller says the form is stale. Exactly one of two concurrent changes from one version wins.
 */
export async function transitionRequest(options: {
  actor: Pick<Actor, "id" | "role" | "boardId" | "schoolId">;
  request: { id: string; status: RequestStatus };
  expectedVersion: number;
  to: RequestStatus;
  now: Date;
  event: { type: string; data?: Record<string, unknown> };
  /** What else the change writes, in its transaction (an email and its event): only when the change was made. */
  effects?: (tx: Tx, changed: { version: number }) => Promise<void>;
}): Promise<TransitionResult> {
  const { actor, event, effects, ...rest } = options;
  return db.$transaction(async (tx) => {
    const changed = await transitionWithin(tx, { ...rest, scope: requestScope(actor), event: { ...event, actorId: actor.id } });
    if (!changed.ok) return { ok: false, reason: "stale" } as const;
    await effects?.(tx, changed);
    return changed;
  });
}

/**
 * The same status change inside a transaction the caller already holds (an upload also creates its file and
 * timeline rows in it). False when the version, status or scope no longer hold: the caller must then roll back.
 */
export async function transitionWithin(
  tx: Tx,
  options: {
    request: { id: string; status: RequestStatus };
    expectedVersion: number;
    to: RequestStatus;
    now: Date;
    scope: Prisma.TranscriptRequestWhereInput;
    /** A reason explains the status it comes with; without one the new status has none. */
    statusReason?: string | null;
    event: { type: string; actorId?: string | null; actorLabel?: string | null; data?: Record<string, unknown> };
  },
): Promise<{ ok: true; version: number; eventId: string } | { ok: false }> {
  const { request, expectedVersion, to, now, scope, event } = options;
  const updated = await tx.transcriptRequest.updateMany({
    where: { AND: [{ id: request.id, version: expectedVersion, status: request.status }, scope] },
    data: statusChange(to, now, options.statusReason),
  });
  if (updated.count !== 1) return { ok: false };
  if (to === "REQUEST_CANCELLED") await dropUndeliveredItems(tx, [request.id]);
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

/**
 * transitionWithin for many requests moved to the same status with the same reason, in one statement: each request
 * changes only from the status and version it was read with (and within `scope`). Returns, for each request in order,
 * whether it changed; of several entries for one request at most one does. Their timeline rows are the
 * caller's to write, in the same transaction.
 */
export async function changeStatusesWithin(
  tx: Tx,
  options: {
    requests: readonly { id: string; status: RequestStatus; expectedVersion: number }[];
    to: RequestStatus;
    now: Date;
    scope: Prisma.TranscriptRequestWhereInput;
    statusReason?: string | null;
  },
): Promise<boolean[]> {
  const { requests, to, now, scope } = options;
  if (requests.length === 0) return [];
  const updated = await tx.transcriptRequest.updateManyAndReturn({
    where: { AND: [{ OR: requests.map((r) => ({ id: r.id, version: r.expectedVersion, status: r.status })) }, scope] },
    data: statusChange(to, now, options.statusReason),
    select: { id: true, version: true },
  });
  if (to === "REQUEST_CANCELLED")
    await dropUndeliveredItems(
      tx,
      updated.map((row) => row.id),
    );
  // A row changed from the version it had before: the entry that expected that version (the first, if repeated).
  const from = new Map(updated.map((row) => [row.id, row.version - 1]));
  return requests.map((r) => {
    if (from.get(r.id) !== r.expectedVersion) return false;
    from.delete(r.id);
    return true;
  });
}

/** What a status change writes on the request (the version moves on with it). */
function statusChange(to: RequestStatus, now: Date, statusReason: string | null | undefined) {
  return {
    status: to,
    tab: tabOfStatus(to),
    statusReason: statusReason ?? null,
    statusChangedAt: now,
    completedAt: isComplete(to) ? now : null,
    version: { increment: 1 },
  } satisfies Prisma.TranscriptRequestUpdateManyMutationInput;
}

/** Thrown inside a transaction to roll it back when the request changed meanwhile. */
export class StaleRequestError extends Error {
  constructor() {
    super("the request changed meanwhile");
    this.name = "StaleRequestError";
  }
}
