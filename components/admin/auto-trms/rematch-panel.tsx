"use client";

import { useActionState, useEffect, useMemo, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { startRematchAction } from "@/lib/actions/auto-trms";
import { initialActionResult } from "@/lib/actions/result";
import type { RematchProgressView } from "@/lib/server/auto-trms/rematch";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useMessage } from "@/components/ui/use-message";

const POLL_MS = 1_000;

type Props = {
  boardNumber: string;
  /** The latest run when the page was rendered (a run still going on is followed at once). */
  initialProgress: RematchProgressView | null;
  /** Why the button is unavailable (already translated), or null. */
  blockedReason: string | null;
};

/** "Re-run matching" and the progress of the latest run, polled while it runs. */
export function RematchPanel({ boardNumber, initialProgress, blockedReason }: Props) {
  const t = useTranslations("admin.autoTrms.rematch");
  const m = useMessage();
  const format = useFormatter();
  const [state, action, pending] = useActionState(startRematchAction, initialActionResult);
  // The run this page started: polled until the endpoint reports it (and then until it finishes).
  const startedRunId = state.ok && typeof state.values?.runId === "string" ? state.values.runId : null;
  const { data, isError, refetch } = useQuery({
    queryKey: ["auto-trms-progress", boardNumber],
    queryFn: async () => {
      const response = await fetch(`/api/admin/auto-trms/progress?board=${encodeURIComponent(boardNumber)}`, { cache: "no-store" });
      if (!response.ok) throw new Error(String(response.status));
      return ((await response.json()) as { progress: RematchProgressView | null }).progress;
    },
    initialData: initialProgress,
    // The page rendered it just now; a run in progress is refreshed by the interval below.
    staleTime: Infinity,
    refetchInterval: (query) => {
      const run = query.state.data;
      const waitingForStart = startedRunId !== null && run?.runId !== startedRunId;
      return waitingForStart || (run && !run.finishedAt) ? POLL_MS : false;
    },
    refetchIntervalInBackground: true,
  });
  // Until the endpoint reports the run this page just started, that run is shown as starting (never the previous one,
  // whose "finished" figures would read as this run's).
  const startedTotal = typeof state.values?.total === "number" ? state.values.total : 0;
  const startedAt = typeof state.values?.startedAt === "string" ? state.values.startedAt : null;
  const run = useMemo<RematchProgressView | null>(
    () =>
      startedRunId !== null && startedAt !== null && data?.runId !== startedRunId
        ? { runId: startedRunId, total: startedTotal, done: 0, matched: 0, errors: 0, startedAt, finishedAt: null }
        : (data ?? null),
    [data, startedRunId, startedTotal, startedAt],
  );
  const running = Boolean(run && !run.finishedAt);

  // Says politely when a run this page watched comes to an end (not for a run already over when the page opened).
  const watched = useRef<string | null>(initialProgress && !initialProgress.finishedAt ? initialProgress.runId : null);
  const [announcement, setAnnouncement] = useState("");
  useEffect(() => {
    if (startedRunId === null) return;
    watched.current = startedRunId;
    void refetch();
  }, [startedRunId, refetch]);
  useEffect(() => {
    if (!run) return;
    if (!run.finishedAt) {
      watched.current = run.runId;
    } else if (watched.current === run.runId) {
      watched.current = null;
      setAnnouncement(t("finished", { matched: run.matched, total: run.total, errors: run.errors }));
    }
  }, [run, t]);

  const dateTime = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "medium" });
  const blocked = blockedReason !== null;

  return (
    <div className="flex max-w-3xl flex-col gap-4">
      <p className="text-sm text-gray-700">{t("intro")}</p>
      <form action={action} className="flex flex-col gap-2">
        <input type="hidden" name="board" value={boardNumber} />
        <div>
          <Button type="submit" disabled={blocked || pending || running} aria-busy={pending} aria-describedby={blocked ? "rematch-blocked" : undefined}>
            {pending ? t("starting") : t("button")}
          </Button>
        </div>
        {blocked && (
          <p id="rematch-blocked" className="text-sm text-gray-800">
            {blockedReason}
          </p>
        )}
        {state.messageKey && !pending && <Notice tone={state.ok ? "success" : "error"}>{m(state.messageKey, state.values)}</Notice>}
      </form>

      <section aria-labelledby="rematch-run-heading" className="rounded-md border border-gray-200 bg-white p-3">
        <h3 id="rematch-run-heading" className="mb-2 font-semibold">
          {running ? t("currentRun") : t("lastRun")}
        </h3>
        {run ? (
          <div className="flex flex-col gap-2 text-sm" data-testid="rematch-progress">
            <progress
              className="h-3 w-full max-w-md"
              aria-label={t("progressLabel")}
              // Nothing to count yet: indeterminate until the run ends.
              value={run.total > 0 ? run.done : run.finishedAt ? 1 : undefined}
              max={Math.max(run.total, 1)}
            />
            <p>{run.total === 0 && run.finishedAt ? t("noRequests") : t("progress", { done: run.done, total: run.total })}</p>
            <ul className="flex flex-wrap gap-x-6 gap-y-1">
              <li>{t("matched", { count: run.matched })}</li>
              <li>{t("errorCount", { count: run.errors })}</li>
              <li>{t("startedAt", { date: dateTime(run.startedAt) })}</li>
              <li>{run.finishedAt ? t("finishedAt", { date: dateTime(run.finishedAt) }) : t("running")}</li>
            </ul>
          </div>
        ) : (
          <p className="text-sm text-gray-700">{t("never")}</p>
        )}
        {isError && <p className="mt-2 text-sm text-red-700">{t("refreshFailed")}</p>}
      </section>
      <div role="status" aria-live="polite" className="min-h-5 text-sm text-green-800" data-testid="rematch-announcement">
        {announcement}
      </div>
    </div>
  );
}
