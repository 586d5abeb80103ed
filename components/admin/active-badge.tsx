import clsx from "clsx";
import { Ban, CheckCircle2 } from "lucide-react";

/** Active or inactive: colour, icon and text, never colour alone. */
export function ActiveBadge({ active, label }: { active: boolean; label: string }) {
  const Icon = active ? CheckCircle2 : Ban;
  return (
    <span
      className={clsx(
        "inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium",
        active ? "bg-green-50 text-green-900" : "bg-gray-200 text-gray-900",
      )}
    >
      <Icon aria-hidden className="h-3.5 w-3.5" />
      {label}
    </span>
  );
}
