import clsx from "clsx";
import { CheckCircle2, Download, Hammer, Inbox, RotateCcw, Send, XCircle } from "lucide-react";
import type { BatchState } from "@/lib/domain/transmission/item-state";

const STYLES: Record<BatchState, { box: string; Icon: typeof CheckCircle2 }> = {
  BUILDING: { box: "bg-gray-100 text-gray-900", Icon: Hammer },
  READY: { box: "bg-blue-50 text-blue-900", Icon: Send },
  RETRYING: { box: "bg-amber-50 text-amber-900", Icon: RotateCcw },
  DELIVERED: { box: "bg-green-50 text-green-900", Icon: CheckCircle2 },
  FAILED: { box: "bg-red-50 text-red-900", Icon: XCircle },
  WAITING_DOWNLOAD: { box: "bg-amber-50 text-amber-900", Icon: Inbox },
  DOWNLOADED: { box: "bg-green-50 text-green-900", Icon: Download },
};

export const isBatchState = (value: string): value is BatchState => value in STYLES;

/** A batch's state: colour, icon and text, never colour alone. */
export function BatchStateBadge({ state, label }: { state: string; label: string }) {
  const { box, Icon } = isBatchState(state) ? STYLES[state] : STYLES.BUILDING;
  return (
    <span className={clsx("inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap", box)}>
      <Icon aria-hidden className="h-3.5 w-3.5 shrink-0" />
      {label}
    </span>
  );
}
