import { getFormatter, getTranslations } from "next-intl/server";
import { JobsRetryButton } from "./jobs-retry-button";
import { JobsStatusBadge, runState } from "./jobs-status-badge";

export type JobRunRow = {
  id: string;
  functionId: string;
  /** In the page's language. */
  functionTitle: string;
  /** In the page's language: what started the run. */
  triggerText: string;
  status: string;
  attempts: number;
  maxAttempts: number;
  error: string | null;
  availableAt: Date;
  createdAt: Date;
  finishedAt: Date | null;
};

/** The latest runs, newest first: when each was queued, its state, and for a retry when it is tried next. */
export async function JobsRunsTable({ runs, caption }: { runs: JobRunRow[]; caption: string }) {
  const t = await getTranslations("jobs");
  const format = await getFormatter();
  const when = (d: Date) => <time dateTime={d.toISOString()}>{format.dateTime(d, { dateStyle: "medium", timeStyle: "medium" })}</time>;
  return (
    <table className="w-full border-collapse text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          {(["function", "trigger", "status", "attempts", "queued", "next", "error", "actions"] as const).map((c) => (
            <th
              key={c}
              scope="col"
              className={`sticky top-0 border-b border-gray-300 bg-gray-50 px-2 py-2 font-semibold text-gray-800 ${c === "attempts" ? "text-right" : ""}`}
            >
              {t(`runColumns.${c}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-gray-200 bg-white">
        {runs.map((run) => {
          const state = runState(run.status, run.attempts);
          return (
            <tr key={run.id}>
              <th scope="row" className="px-2 py-1.5 align-top font-medium">
                {run.functionTitle}
              </th>
              <td className="px-2 py-1.5 align-top break-words">{run.triggerText}</td>
              <td className="px-2 py-1.5 align-top">{state ? <JobsStatusBadge state={state} label={t(`states.${state}`)} /> : run.status}</td>
              <td className="px-2 py-1.5 text-right align-top whitespace-nowrap tabular-nums">
                {t("attemptsOf", { attempts: run.attempts, max: run.maxAttempts })}
              </td>
              <td className="px-2 py-1.5 align-top whitespace-nowrap">{when(run.createdAt)}</td>
              <td className="px-2 py-1.5 align-top whitespace-nowrap">
                {run.finishedAt ? (
                  <>
                    <span className="sr-only">{t("finishedAt")} </span>
                    {when(run.finishedAt)}
                  </>
                ) : run.status === "QUEUED" ? (
                  <>
                    <span className="sr-only">{t("nextAttemptAt")} </span>
                    {when(run.availableAt)}
                  </>
                ) : (
                  "—"
                )}
              </td>
              <td className="max-w-sm px-2 py-1.5 align-top break-words text-red-900">{run.error ?? ""}</td>
              <td className="px-2 py-1.5 align-top">{run.status === "FAILED" && <JobsRetryButton runId={run.id} label={t("retryLabel", { name: run.functionTitle })} />}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
