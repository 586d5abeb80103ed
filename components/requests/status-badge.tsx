import { AlertCircle, AlertOctagon, AlertTriangle, CheckCircle2, Clock, Inbox, XCircle, type LucideIcon } from "lucide-react";
import type { RequestStatus } from "@/lib/domain/statuses";
import { kindOf, type StatusKind } from "./status-kind";

const ICONS: Record<StatusKind, LucideIcon> = { cancelled: XCircle, complete: CheckCircle2, progress: Clock, attention: AlertCircle, new: Inbox };

/** A status shown by colour, icon and text together (`.st` in app/globals.css). */
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

/**
 * The status and SLA icons once per page, for lists that draw them with `<use href="#st-…">` (RequestRows) instead
 * of repeating their paths in every row.
 */
export function StatusIcons() {
  const icons: [string, LucideIcon][] = [
    ...(Object.entries(ICONS) as [StatusKind, LucideIcon][]).map(([kind, Icon]) => [`st-${kind}`, Icon] as [string, LucideIcon]),
    ["sla-reached", AlertTriangle],
    ["sla-past", AlertOctagon],
  ];
  return (
    <svg aria-hidden className="hidden">
      <defs>
        {icons.map(([id, Icon]) => (
          <g key={id} id={id}>
            <Icon />
          </g>
        ))}
      </defs>
    </svg>
  );
}
