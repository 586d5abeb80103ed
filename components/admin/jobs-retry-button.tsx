"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { useTranslations } from "next-intl";
import { RotateCcw } from "lucide-react";
import { retryJobRunAction } from "@/lib/actions/jobs";
import { initialActionResult } from "@/lib/actions/result";
import { useMessage } from "@/components/ui/use-message";

/** "Retry" on a failed run: queues it again; the answer is announced politely beside the button. */
export function JobsRetryButton({ runId, label }: { runId: string; label: string }) {
  const m = useMessage();
  const [state, action] = useActionState(retryJobRunAction, initialActionResult);
  return (
    <form action={action} className="flex flex-col items-start gap-1">
      <input type="hidden" name="runId" value={runId} />
      <Submit label={label} />
      <span role="status" className={state.ok ? "text-xs text-green-900" : "text-xs text-red-900"}>
        {state.messageKey ? m(state.messageKey, state.values) : ""}
      </span>
    </form>
  );
}

function Submit({ label }: { label: string }) {
  const t = useTranslations("jobs");
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      aria-label={label}
      className="inline-flex items-center gap-1 rounded-md border border-gray-300 bg-white px-2 py-1 text-xs font-semibold whitespace-nowrap text-gray-900 hover:bg-gray-50 disabled:cursor-wait disabled:text-gray-500"
    >
      <RotateCcw aria-hidden className="h-3.5 w-3.5" />
      {pending ? t("retrying") : t("retry")}
    </button>
  );
}
