import { AlertCircle, CheckCircle2, Clock, Inbox, XCircle, type LucideIcon } from "lucide-react";
import type { RequestStatus } from "@/lib/domain/statuses";
import { kindOf, type StatusKind } from "./status-kind";

const ICONS: Record<StatusKind, LucideIcon> = { cancelled: XCircle, complete: CheckCircle2, progress: Clock, attention: AlertCircle, new: Inbox };

/**
 * A status shown by colour, icon and text together (`.st` in app/globals.css). The dashboard's rows draw the same
 * icons from CSS masks (`.rq .st::before`): keep the two in step.
 */
export function StatusBadge({ status, label }: { status: RequestStatus; label: string }) {
  const kind = kindOf(status);
  const Icon = ICONS[kind];
  return (
    <span className={`st st-${kind}`}>
      <Icon aria-hidden />
      {label}
    </span>
  );
}
