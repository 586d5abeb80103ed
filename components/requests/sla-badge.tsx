import clsx from "clsx";
import { AlertOctagon, AlertTriangle } from "lucide-react";
import type { SlaState } from "@/lib/domain/business-days";

const STYLE: Record<SlaState, string> = {
  within: "text-gray-900",
  reached: "bg-yellow-100 text-yellow-900 ring-1 ring-yellow-400",
  past: "bg-red-100 text-red-900 ring-1 ring-red-400",
};

/** Age with the SLA shown by colour, icon and (for screen readers and print) text. */
export function SlaBadge({ age, state, label }: { age: number; state: SlaState; label: string }) {
  return (
    <span className={clsx("inline-flex items-center gap-1 rounded px-1.5 py-0.5 tabular-nums", STYLE[state])} data-sla={state}>
      {state === "reached" && <AlertTriangle aria-hidden className="h-3.5 w-3.5" />}
      {state === "past" && <AlertOctagon aria-hidden className="h-3.5 w-3.5" />}
      {age}
      {state !== "within" && <span className="sr-only"> ({label})</span>}
    </span>
  );
}

export function SlaLegend({ title, within, reached, past, sla }: { title: string; within: string; reached: string; past: string; sla: string }) {
  return (
    <div className="flex flex-wrap items-center gap-3 text-xs text-gray-700" role="note" aria-label={title}>
      <span>{title}</span>
      <span>{sla}</span>
      <span className="inline-flex items-center gap-1">
        <span className="inline-block rounded px-1.5 ring-1 ring-gray-300">0</span> {within}
      </span>
      <SlaBadge age={5} state="reached" label={reached} />
      <span>{reached}</span>
      <SlaBadge age={6} state="past" label={past} />
      <span>{past}</span>
    </div>
  );
}
