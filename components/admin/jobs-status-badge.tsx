import clsx from "clsx";
import { CheckCircle2, Clock, Loader2, RotateCcw, XCircle } from "lucide-react";

/** A run as an operator reads it: QUEUED splits into waiting (never tried) and retrying (an attempt failed). */
export type JobRunState = "WAITING" | "RETRYING" | "RUNNING" | "SUCCEEDED" | "FAILED";

const STYLES: Record<JobRunState, { box: string; Icon: typeof CheckCircle2 }> = {
  WAITING: { box: "bg-gray-100 text-gray-900", Icon: Clock },
  RETRYING: { box: "bg-amber-50 text-amber-900", Icon: RotateCcw },
  RUNNING: { box: "bg-blue-50 text-blue-900", Icon: Loader2 },
  SUCCEEDED: { box: "bg-green-50 text-green-900", Icon: CheckCircle2 },
  FAILED: { box: "bg-red-50 text-red-900", Icon: XCircle },
};

export function runState(status: string, attempts: number): JobRunState | null {
  if (status === "QUEUED") return attempts > 0 ? "RETRYING" : "WAITING";
  return status === "RUNNING" || status === "SUCCEEDED" || status === "FAILED" ? status : null;
}

/** A run's state: colour, icon and text, never colour alone. */
export function JobsStatusBadge({ state, label }: { state: JobRunState; label: string }) {
  const { box, Icon } = STYLES[state];
  return (
    <span className={clsx("inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap", box)}>
      <Icon aria-hidden className="h-3.5 w-3.5" />
      {label}
    </span>
  );
}
