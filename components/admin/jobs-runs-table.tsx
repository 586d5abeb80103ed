import { getFormatter, getTranslations } from "next-intl/server";
import { isJobRunStatus, JobsStatusBadge } from "./jobs-status-badge";

export type JobRunRow = {
  id: string;
  functionId: string;
  /** In the page's language, or the function id for a function the page does not know. */
  functionTitle: string;
  /** "cron", "manual:<username>" or "event:<name>" (lib/inngest/in-process-runner.ts). */
  trigger: string;
  status: string;
  attempts: number;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
};

/** The latest runs, newest first. */
export async function JobsRunsTable({ runs, caption }: { runs: JobRunRow[]; caption: string }) {
  const t = await getTranslations("jobs");
  const format = await getFormatter();
  const when = (d: Date) => (
    <time dateTime={d.toISOString()}>{format.dateTime(d, { dateStyle: "medium", timeStyle: "medium" })}</time>
  );
  const trigger = (value: string) => {
    if (value === "cron") return t("triggers.cron");
    if (value.startsWith("manual:")) return t("triggers.manual", { user: value.slice("manual:".length) });
    if (value.startsWith("event:")) return t("triggers.event", { name: value.slice("event:".length) });
    return value;
  };
  return (
    <table className="w-full border-collapse text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          {(["function", "trigger", "status", "attempts", "started", "finished", "error"] as const).map((c) => (
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
        {runs.map((run) => (
          <tr key={run.id}>
            <th scope="row" className="px-2 py-1.5 align-top font-medium">
              {run.functionTitle}
            </th>
            <td className="px-2 py-1.5 align-top break-all">{trigger(run.trigger)}</td>
            <td className="px-2 py-1.5 align-top">
              {isJobRunStatus(run.status) ? <JobsStatusBadge status={run.status} label={t(`statuses.${run.status}`)} /> : run.status}
            </td>
            <td className="px-2 py-1.5 text-right align-top tabular-nums">{format.number(run.attempts)}</td>
            <td className="px-2 py-1.5 align-top whitespace-nowrap">{when(run.startedAt)}</td>
            <td className="px-2 py-1.5 align-top whitespace-nowrap">{run.finishedAt ? when(run.finishedAt) : "—"}</td>
            <td className="max-w-sm px-2 py-1.5 align-top break-words text-red-900">{run.error ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
