import { tabOfStatus, type RequestStatus } from "@/lib/domain/statuses";

/** The look of a status (`.st-<kind>` in app/globals.css and its icon). */
export type StatusKind = "cancelled" | "complete" | "progress" | "attention" | "new";

export function kindOf(status: RequestStatus): StatusKind {
  const tab = tabOfStatus(status);
  if (status === "REQUEST_CANCELLED") return "cancelled";
  if (tab === "COMPLETE") return "complete";
  if (tab === "IN_PROGRESS") return "progress";
  if (tab === "INCOMPLETE" || status === "AUTO_PROCESS_ERROR") return "attention";
  return "new";
}
