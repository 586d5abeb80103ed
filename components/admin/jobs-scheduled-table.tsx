"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Play } from "lucide-react";
import { runJobNowAction } from "@/lib/actions/jobs";
import { initialActionResult } from "@/lib/actions/result";
import { Notice } from "@/components/ui/notice";
import { Table, TableBody, TableHead, Td, Th } from "@/components/ui/table";
import { useMessage } from "@/components/ui/use-message";
import { JobsActionButton } from "./jobs-action-button";
import { JobsStatusBadge, type JobRunState } from "./jobs-status-badge";

export type ScheduledJobRow = {
  functionId: string;
  /** In the page's language. */
  title: string;
  description: string | null;
  /** When it runs, in words ("Every day at 06:00, Toronto time"). */
  schedule: string;
  nextRun: { iso: string; text: string } | null;
  lastRun: { state: JobRunState; stateLabel: string; iso: string; text: string } | null;
};

/** The scheduled functions, each with "Run now"; the outcome of a run is announced above the table. */
export function JobsScheduledTable({ jobs, caption }: { jobs: ScheduledJobRow[]; caption: string }) {
  const t = useTranslations("jobs");
  const m = useMessage();
  const [state, action] = useActionState(runJobNowAction, initialActionResult);
  const about = jobs.find((j) => j.functionId === state.values?.functionId);
  return (
    <div className="flex flex-col gap-3">
      {state.messageKey && (
        <Notice tone={state.ok ? "success" : "error"}>
          {m(state.messageKey, { ...state.values, name: about?.title ?? String(state.values?.functionId ?? "") })}
        </Notice>
      )}
      <Table caption={caption}>
        <TableHead>
          {(["function", "schedule", "nextRun", "lastRun", "actions"] as const).map((c) => (
            <Th key={c} scope="col">
              {t(`columns.${c}`)}
            </Th>
          ))}
        </TableHead>
        <TableBody>
          {jobs.map((job) => (
            <tr key={job.functionId}>
              <Th scope="row">
                {job.title}
                {job.description && <div className="text-xs font-normal text-gray-700">{job.description}</div>}
              </Th>
              <Td>{job.schedule}</Td>
              <Td className="whitespace-nowrap">{job.nextRun ? <time dateTime={job.nextRun.iso}>{job.nextRun.text}</time> : t("never")}</Td>
              <Td>
                {job.lastRun ? (
                  <div className="flex flex-col items-start gap-1">
                    <JobsStatusBadge state={job.lastRun.state} label={job.lastRun.stateLabel} />
                    <time dateTime={job.lastRun.iso} className="text-xs text-gray-700">
                      {job.lastRun.text}
                    </time>
                  </div>
                ) : (
                  t("never")
                )}
              </Td>
              <Td>
                <form action={action}>
                  <input type="hidden" name="functionId" value={job.functionId} />
                  <JobsActionButton label={t("runNowLabel", { name: job.title })} text={t("runNow")} pendingText={t("starting")} Icon={Play} />
                </form>
              </Td>
            </tr>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
