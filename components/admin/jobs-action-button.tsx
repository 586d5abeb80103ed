"use client";

import { useFormStatus } from "react-dom";
import type { LucideIcon } from "lucide-react";

/** The small submit button of a Background Jobs form (Run Now, Retry): its label names the function. */
export function JobsActionButton({ label, text, pendingText, Icon }: { label: string; text: string; pendingText: string; Icon: LucideIcon }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      aria-label={label}
      className="inline-flex items-center gap-1 rounded-md border border-gray-300 bg-white px-2 py-1 text-xs font-semibold whitespace-nowrap text-gray-900 hover:bg-gray-50 disabled:cursor-wait disabled:text-gray-500"
    >
      <Icon aria-hidden className="h-3.5 w-3.5" />
      {pending ? pendingText : text}
    </button>
  );
}
