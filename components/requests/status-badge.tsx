import clsx from "clsx";
import { AlertCircle, CheckCircle2, Clock, Inbox, XCircle } from "lucide-react";
import { tabOfStatus, type RequestStatus } from "@/lib/domain/statuses";

/** A status shown by colour, icon and text together. */
export function StatusBadge({ status, label }: { status: RequestStatus; label: string }) {
  const tab = tabOfStatus(status);
  const { Icon, style } =
    status === "REQUEST_CANCELLED"
      ? { Icon: XCircle, style: "bg-gray-100 text-gray-800" }
      : tab === "COMPLETE"
        ? { Icon: CheckCircle2, style: "bg-green-50 text-green-900" }
        : tab === "IN_PROGRESS"
          ? { Icon: Clock, style: "bg-blue-50 text-blue-900" }
          : tab === "INCOMPLETE" || status === "AUTO_PROCESS_ERROR"
            ? { Icon: AlertCircle, style: "bg-orange-50 text-orange-900" }
            : { Icon: Inbox, style: "bg-gray-50 text-gray-900" };
  return (
    <span className={clsx("inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium", style)}>
      <Icon aria-hidden className="h-3.5 w-3.5 shrink-0" />
      {label}
    </span>
  );
}
