import { AlertOctagon, AlertTriangle } from "lucide-react";
import type { SlaState } from "@/lib/domain/business-days";

/** Age with the SLA shown by colour, icon and (for screen readers and print) text (`.sla` in app/globals.css). */
export function SlaBadge({ age, state, label }: { age: number; state: SlaState; label: string }) {
  return (
    <span className={`sla sla-${state}`} data-sla={state}>
      {state === "reached" && <AlertTriangle aria-hidden />}
      {state === "past" && <AlertOctagon aria-hidden />}
      {age}
      {state !== "within" && <span className="sr-only"> ({label})</span>}
    </span>
  );
}

/** What the colours mean, in the terms of the SLA setting (the texts name its number of business days). */
export function SlaLegend({ title, within, reached, past }: { title: string; within: string; reached: string; past: string }) {
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-gray-700" role="note" aria-label={title}>
      <span className="inline-flex items-center gap-1">
        <span aria-hidden className="sla sla-within ring-1 ring-gray-300">
          &nbsp;
        </span>
        {within}
      </span>
      <span className="inline-flex items-center gap-1">
        <span aria-hidden className="sla sla-reached">
          <AlertTriangle />
        </span>
        {reached}
      </span>
      <span className="inline-flex items-center gap-1">
        <span aria-hidden className="sla sla-past">
          <AlertOctagon />
        </span>
        {past}
      </span>
    </div>
  );
}
