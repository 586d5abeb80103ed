import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { requestToProcessEvent } from "@/lib/domain/events";
import { nextStatus, type RequestStatus } from "@/lib/domain/statuses";
import { withoutValues } from "@/lib/domain/status-reason";
import { enqueueEvents } from "@/lib/server/jobs/outbox";
import type { AutoMatchVerdict } from "@/lib/sis/outcome";
import { timelineRow, type TimelineEntry } from "@/lib/server/requests/record-event";
import { changeStatusesWithin } from "@/lib/server/requests/transition-request";
import { removeStoredFile, writeTranscriptFile } from "@/lib/server/uploads/storage";
import { summarizeComparisons } from "@/lib/server/uploads/compare-upload";
import type { AutoMatchResult, AutoMatchTrigger, MatchableRequest } from "./match-request";

// Writes what Auto-TRMS decided for one or more requests, in one transaction: each request's status change with its
// timeline row (changeStatusesWithin: status and version checked, so a request someone acted on meanwhile, or that
// another run already matched, is left alone and its attempt reads STALE), the matched transcripts (stored as the
// requests' current ones, superseding any earlier one) and the attempts. A rematch commits its outcomes in groups
// (OutcomeWriter): one commit for many requests instead of one each, which is what bounds its speed on SQLite.

export type DecidedMatch = {
  request: MatchableRequest;
  trigger: AutoMatchTrigger;
  decision: AutoMatchVerdict;
  httpStatus: number | null;
  sisAttempts: number;
  startedAt: Date;
  finishedAt: Date;
};

export type WrittenOutcome = Extract<AutoMatchResult, { status: "done" }>;

const AUTO_TRMS = { actorId: null, actorLabel: "auto-trms" } as const;
/** Outcomes committed together at most. */
export const MAX_GROUP = 32;
/**
 * How long a group waits for more outcomes after its first one, unless it is full. Without it, outcomes that come
 * one at a time (the SIS answers them one by one) are committed one at a time: each commit is a WAL sync (~2.5 ms on
 * the benchmark's machine), a third of the main thread's work per request. The outcome's request waits this long
 * more; the rematch keeps enough requests in flight (REMATCH_CONCURRENCY) for the SIS calls not to wait for it.
 */
export const GROUP_WAIT_MS = 25;

export async function writeOutcomes(items: readonly DecidedMatch[]): Promise<WrittenOutcome[]> {
  const planned: Planned[] = items.map((item) => ({
    item,
    attemptId: crypto.randomUUID(),
    transcriptId: item.decision.outcome === "MATCHED" ? crypto.randomUUID() : null,
  }));
  // A matched transcript is kept as the SIS sent it, in a file (StoredTranscript.storedName), on disk before the row
  // that names it is committed. Through the database client, 58 KB of text cost ~2.5 ms of CPU per request (ADR 0008).
  const files = await writeFiles(planned.map(({ item }) => (item.decision.outcome === "MATCHED" ? item.decision : null)));
  let applied: boolean[];
  try {
    applied = await db.$transaction(async (tx) => {
      const ok: boolean[] = planned.map(() => false);
      const events: TimelineEntry[] = [];
      // One statement per kind of change (every match; each distinct failure reason) rather than one per request.
      for (const change of changesOf(planned)) {
        const changed = await changeStatusesWithin(tx, {
          requests: change.members.map(({ item }) => ({ id: item.request.id, status: item.request.status, expectedVersion: item.request.version })),
          to: change.to,
          now: change.at,
          scope: {},
          statusReason: change.statusReason,
        });
        for (const [j, { index, item, attemptId, transcriptId }] of change.members.entries()) {
          if (!changed[j]) continue;
          ok[index] = true;
          const { request, decision } = item;
          const comparison = decision.comparisons ? summarizeComparisons(decision.comparisons) : undefined;
          const common = {
            trigger: item.trigger,
            httpStatus: item.httpStatus,
            sisAttempts: item.sisAttempts,
            attemptId,
            ...(comparison ? { comparison } : {}),
          };
          const isReissue = request.transcripts.length > 0;
          // The timeline keeps which fields differ, not their values (names, dates): those live in statusReason only.
          const data = decision.outcome === "MATCHED" ? { ...common, transcriptId, isReissue } : { ...common, reason: withoutValues(decision.reason) };
          events.push({
            requestId: request.id,
            type: "status_changed",
            ...AUTO_TRMS,
            data: { ...data, from: request.status, to: change.to, version: request.version + 1 },
            at: change.at,
          });
          // A previous current transcript is superseded and the new one is a reissue (as for an upload). The ids were
          // read with the version that the change just checked, so they are still the current ones.
          if (decision.outcome === "MATCHED" && isReissue) {
            await tx.storedTranscript.updateMany({
              where: { id: { in: request.transcripts.map((t) => t.id) } },
              data: { isCurrent: false, supersededAt: change.at },
            });
          }
        }
      }
      if (events.length > 0) await tx.timelineEvent.createMany({ data: events.map(timelineRow) });
      // A request Auto-TRMS could not process is now the school's to do: the users who asked are told.
      const toProcess = planned.flatMap(({ item, attemptId }, i) =>
        ok[i] && item.decision.outcome !== "MATCHED"
          ? [requestToProcessEvent({ requestId: item.request.id, referenceNumber: item.request.referenceNumber, boardId: item.request.boardId }, attemptId)]
          : [],
      );
      await enqueueEvents(tx, toProcess, new Date());

      const transcripts = planned.flatMap(({ item, transcriptId }, i) => {
        const storedName = files[i];
        if (!ok[i] || item.decision.outcome !== "MATCHED" || !transcriptId || !storedName) return [];
        return [
          {
            id: transcriptId,
            requestId: item.request.id,
            format: "XML" as const,
            source: "AUTO_TRMS" as const,
            isReissue: item.request.transcripts.length > 0,
            isCurrent: true,
            sha256: item.decision.sha256,
            storedName,
            createdAt: item.finishedAt,
          },
        ];
      });
      if (transcripts.length > 0) await tx.storedTranscript.createMany({ data: transcripts });
      await tx.autoMatchAttempt.createMany({
        data: planned.map(({ item, attemptId }, i) => ({
          id: attemptId,
          requestId: item.request.id,
          trigger: item.trigger,
          httpStatus: item.httpStatus,
          startedAt: item.startedAt,
          finishedAt: item.finishedAt,
          // STALE: nothing was written for the request; the attempt keeps what the SIS said.
          outcome: ok[i] ? item.decision.outcome : "STALE",
          reason: ok[i]
            ? item.decision.outcome === "MATCHED"
              ? null
              : JSON.stringify(withoutValues(item.decision.reason))
            : JSON.stringify({ decided: item.decision.outcome }),
        })),
      });
      return ok;
    });
  } catch (error) {
    await removeFiles(files);
    throw error;
  }
  // The files of matches that were not written (the request changed meanwhile) are named by no row.
  await removeFiles(files.map((name, i) => (applied[i] ? null : name)));

  return planned.map(({ item, attemptId, transcriptId }, i) =>
    !applied[i]
      ? { status: "done", outcome: "STALE", attemptId, httpStatus: item.httpStatus }
      : transcriptId
        ? { status: "done", outcome: "MATCHED", attemptId, httpStatus: item.httpStatus, transcriptId }
        : { status: "done", outcome: item.decision.outcome, attemptId, httpStatus: item.httpStatus },
  );
}

type Planned = { item: DecidedMatch; attemptId: string; transcriptId: string | null };

/**
 * The status changes of a group: its outcomes by target status and reason (in order of first appearance), each
 * dated by its latest outcome.
 */
function changesOf(planned: readonly Planned[]) {
  const changes = new Map<string, { to: RequestStatus; statusReason: string | null; at: Date; members: (Planned & { index: number })[] }>();
  planned.forEach((p, index) => {
    const { request, decision, finishedAt } = p.item;
    const to = nextStatus(request.status, decision.outcome === "MATCHED" ? "AUTO_MATCH_SUCCEEDED" : "AUTO_MATCH_FAILED")!;
    const statusReason = decision.outcome === "MATCHED" ? null : JSON.stringify(decision.reason);
    const key = JSON.stringify([to, statusReason]);
    const change = changes.get(key) ?? { to, statusReason, at: finishedAt, members: [] };
    if (finishedAt > change.at) change.at = finishedAt;
    change.members.push({ ...p, index });
    changes.set(key, change);
  });
  return changes.values();
}

/** Writes the transcripts of the matches (null elsewhere); when one fails, none is kept and the error is thrown. */
async function writeFiles(matches: readonly (Extract<AutoMatchVerdict, { outcome: "MATCHED" }> | null)[]): Promise<(string | null)[]> {
  const now = new Date();
  const written = await Promise.allSettled(matches.map((m) => (m ? writeTranscriptFile(m.bytes, now) : Promise.resolve(null))));
  const failed = written.find((w) => w.status === "rejected");
  const names = written.map((w) => (w.status === "fulfilled" ? w.value : null));
  if (failed) {
    await removeFiles(names);
    throw failed.reason;
  }
  return names;
}

async function removeFiles(names: readonly (string | null)[]): Promise<void> {
  await Promise.all(names.map((name) => (name ? removeStoredFile(name) : undefined)));
}

export type OutcomeWriter = { write(item: DecidedMatch): Promise<WrittenOutcome> };

/**
 * Group commit: outcomes that arrive while a group is being written wait and go together in the next one (up to
 * MAX_GROUP). When a group fails, its outcomes are written one by one, so that one bad row fails only its request.
 */
export function createOutcomeWriter(maxGroup = MAX_GROUP, waitMs = GROUP_WAIT_MS): OutcomeWriter {
  const queue: { item: DecidedMatch; resolve: (r: WrittenOutcome) => void; reject: (e: unknown) => void }[] = [];
  let writing = false;
  let wake: (() => void) | null = null;

  /** Until the group is full or `waitMs` has passed. */
  async function gather() {
    if (queue.length >= maxGroup || waitMs <= 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wake = null;
        resolve();
      }, waitMs);
      wake = () => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
    });
  }

  async function pump() {
    if (writing) return;
    writing = true;
    try {
      while (queue.length > 0) {
        await gather();
        const group = queue.splice(0, maxGroup);
        try {
          const results = await writeOutcomes(group.map((g) => g.item));
          group.forEach((g, i) => g.resolve(results[i]!));
        } catch {
          for (const g of group) {
            try {
              g.resolve((await writeOutcomes([g.item]))[0]!);
            } catch (error) {
              g.reject(error);
            }
          }
        }
      }
    } finally {
      writing = false;
    }
  }

  return {
    write(item) {
      return new Promise<WrittenOutcome>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (queue.length >= maxGroup) wake?.();
        void pump();
      });
    },
  };
}
