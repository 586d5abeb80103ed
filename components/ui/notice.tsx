import clsx from "clsx";
import { AlertCircle, CheckCircle2, Info } from "lucide-react";
import type { ReactNode } from "react";

type Tone = "error" | "success" | "info";

const TONES: Record<Tone, { box: string; Icon: typeof Info }> = {
  error: { box: "border-red-300 bg-red-50 text-red-900", Icon: AlertCircle },
  success: { box: "border-green-300 bg-green-50 text-green-900", Icon: CheckCircle2 },
  info: { box: "border-blue-300 bg-blue-50 text-blue-900", Icon: Info },
};

/** A message box: errors are announced at once (alert), other notices politely (status). */
export function Notice({ tone, children, id }: { tone: Tone; children: ReactNode; id?: string }) {
  const { box, Icon } = TONES[tone];
  return (
    <div id={id} role={tone === "error" ? "alert" : "status"} className={clsx("flex items-start gap-2 rounded-md border px-3 py-2 text-sm", box)}>
      <Icon aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
      <div>{children}</div>
    </div>
  );
}
