"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { RotateCcw } from "lucide-react";
import { retryJobRunAction } from "@/lib/actions/jobs";
import { initialActionResult } from "@/lib/actions/result";
import { useMessage } from "@/components/ui/use-message";
import { JobsActionButton } from "./jobs-action-button";

/** "Retry" on a failed run: queues it again; the answer is announced politely beside the button. */
export function JobsRetryButton({ runId, label }: { runId: string; label: string }) {
  const t = useTranslations("jobs");
  const m = useMessage();
  const [state, action] = useActionState(retryJobRunAction, initialActionResult);
  return (
    <form action={action} className="flex flex-col items-start gap-1">
      <input type="hidden" name="runId" value={runId} />
      <JobsActionButton label={label} text={t("retry")} pendingText={t("retrying")} Icon={RotateCcw} />
      <span role="status" className={state.ok ? "text-xs text-green-900" : "text-xs text-red-900"}>
        {state.messageKey ? m(state.messageKey, state.values) : ""}
      </span>
    </form>
  );
}
