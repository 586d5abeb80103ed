import clsx from "clsx";
import { CheckCircle2, CircleSlash, PowerOff } from "lucide-react";
import type { EndpointState } from "@/lib/domain/transmission/endpoint-state";

const STYLES: Record<EndpointState, { box: string; Icon: typeof CheckCircle2 }> = {
  working: { box: "bg-green-50 text-green-900", Icon: CheckCircle2 },
  disabled: { box: "bg-red-50 text-red-900", Icon: PowerOff },
  inactive: { box: "bg-gray-100 text-gray-900", Icon: CircleSlash },
  noUrl: { box: "bg-gray-100 text-gray-900", Icon: CircleSlash },
  noSecret: { box: "bg-amber-50 text-amber-900", Icon: CircleSlash },
};

/** A college endpoint's state: colour, icon and text, never colour alone. */
export function EndpointBadge({ state, label }: { state: EndpointState; label: string }) {
  const { box, Icon } = STYLES[state];
  return (
    <span className={clsx("inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium", box)}>
      <Icon aria-hidden className="h-3.5 w-3.5 shrink-0" />
      {label}
    </span>
  );
}
