import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { nextStatus } from "@/lib/domain/statuses";
import type { AutoMatchVerdict } from "@/lib/sis/outcome";
import { transitionWithin } from "@/lib/server/requests/transition-request";
import { summarizeComparisons } from "@/lib/server/uploads/compare-upload";
import type { AutoMatchResult, AutoMatchTrigger, MatchableRequest } from "./match-request";

// Writes what Auto-TRMS decided for one or more requests, in one transaction: each request's status change with its
// timeline row (transitionWithin: status and version checked, so a request someone acted on meanwhile, or that
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
  const planned = items.map((item) => ({ item, attemptId: crypto.randomUUID(), transcriptId: item.decision.outcome === "MATCHED" ? crypto.randomUUID() : null }));
  const applied = await db.$transaction(async (tx) => {
    const ok: boolean[] = [];
    for (const { item, attemptId, transcriptId } of planned) {
      const { request, decision, finishedAt } = item;
      const comparison = decision.comparisons ? summarizeComparisons(decision.comparisons) : undefined;
      const common = { trigger: item.trigger, httpStatus: item.httpStatus, sisAttempts: item.sisAttempts, attemptId, ...(comparison ? { comparison } : {}) };
      const isReissue = request.transcripts.length > 0;
      const changed =
        decision.outcome === "MATCHED"
          ? await transitionWithin(tx, {
              request,
              expectedVersion: request.version,
              to: nextStatus(request.status, "AUTO_MATCH_SUCCEEDED")!,
              now: finishedAt,
              scope: {},
              event: { type: "status_changed", ...AUTO_TRMS, data: { ...common, transcriptId, isReissue } },
            })
          : await transitionWithin(tx, {
              request,
              expectedVersion: request.version,
              to: nextStatus(request.status, "AUTO_MATCH_FAILED")!,
              now: finishedAt,
              scope: {},
              statusReason: JSON.stringify(decision.reason),
              event: { type: "status_changed", ...AUTO_TRMS, data: { ...common, reason: decision.reason } },
            });
      ok.push(changed.ok);
      // A previous current transcript is superseded and the new one is a reissue (as for an upload). The ids were
      // read with the version that the transition just checked, so they are still the current ones.
      if (changed.ok && decision.outcome === "MATCHED" && isReissue) {
        await tx.storedTranscript.updateMany({ where: { id: { in: request.transcripts.map((t) => t.id) } }, data: { isCurrent: false, supersededAt: finishedAt } });
      }
    }

    const transcripts = planned.flatMap(({ item, transcriptId }, i) => {
      if (!ok[i] || item.decision.outcome !== "MATCHED" || !transcriptId) return [];
      const xml = item.decision.xml;
      return [
        {
          id: transcriptId,
          requestId: item.request.id,
          format: "XML" as const,
          source: "AUTO_TRMS" as const,
          isReissue: item.request.transcripts.length > 0,
          isCurrent: true,
          sha256: item.decision.sha256 ?? crypto.createHash("sha256").update(xml, "utf8").digest("hex"),
          content: xml,
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
        reason: ok[i] ? (item.decision.outcome === "MATCHED" ? null : JSON.stringify(item.decision.reason)) : JSON.stringify({ decided: item.decision.outcome }),
      })),
    });
    return ok;
  });

  return planned.map(({ item, attemptId, transcriptId }, i) =>
    !applied[i]
      ? { status: "done", outcome: "STALE", attemptId, httpStatus: item.httpStatus }
      : transcriptId
        ? { status: "done", outcome: "MATCHED", attemptId, httpStatus: item.httpStatus, transcriptId }
        : { status: "done", outcome: item.decision.outcome, attemptId, httpStatus: item.httpStatus },
  );
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
