import { getFormatter, getTranslations } from "next-intl/server";
import { Table, TableBody, TableHead, Td, Th } from "@/components/ui/table";
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
    <Table caption={caption}>
      <TableHead>
        {(["function", "trigger", "status", "attempts", "queued", "next", "error", "actions"] as const).map((c) => (
          <Th key={c} scope="col" numeric={c === "attempts"}>
            {t(`runColumns.${c}`)}
          </Th>
        ))}
      </TableHead>
      <TableBody>
        {runs.map((run) => {
          const state = runState(run.status, run.attempts);
          return (
            <tr key={run.id}>
              <Th scope="row">{run.functionTitle}</Th>
              <Td className="break-words">{run.triggerText}</Td>
              <Td>{state ? <JobsStatusBadge state={state} label={t(`states.${state}`)} /> : run.status}</Td>
              <Td numeric>{t("attemptsOf", { attempts: run.attempts, max: run.maxAttempts })}</Td>
              <Td className="whitespace-nowrap">{when(run.createdAt)}</Td>
              <Td className="whitespace-nowrap">
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
              </Td>
              <Td className="max-w-sm break-words text-red-900">{run.error ?? ""}</Td>
              <Td>{run.status === "FAILED" && <JobsRetryButton runId={run.id} label={t("retryLabel", { name: run.functionTitle })} />}</Td>
            </tr>
          );
        })}
      </TableBody>
    </Table>
  );
}
