import clsx from "clsx";
import { CheckCircle2, Loader2, XCircle } from "lucide-react";

export type JobRunStatus = "RUNNING" | "SUCCEEDED" | "FAILED";

const STYLES: Record<JobRunStatus, { box: string; Icon: typeof CheckCircle2 }> = {
  RUNNING: { box: "bg-blue-50 text-blue-900", Icon: Loader2 },
  SUCCEEDED: { box: "bg-green-50 text-green-900", Icon: CheckCircle2 },
  FAILED: { box: "bg-red-50 text-red-900", Icon: XCircle },
};

export const isJobRunStatus = (s: string): s is JobRunStatus => s in STYLES;

/** A run's status: colour, icon and text, never colour alone. */
export function JobsStatusBadge({ status, label }: { status: JobRunStatus; label: string }) {
  const { box, Icon } = STYLES[status];
  return (
    <span className={clsx("inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap", box)}>
      <Icon aria-hidden className="h-3.5 w-3.5" />
      {label}
    </span>
  );
}
