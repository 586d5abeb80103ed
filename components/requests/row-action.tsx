"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { useRouter } from "@/lib/i18n/navigation";

/**
 * The row's choice in To Do and Incomplete: Upload Transcript (default) or Action (No Upload); Submit opens the
 * request on the matching form. Complete rows offer Re-upload Transcript.
 */
export function RowAction({ reference, mode }: { reference: string; mode: "open" | "complete" }) {
  const t = useTranslations();
  const router = useRouter();
  const [choice, setChoice] = useState<"upload" | "no-upload">("upload");
  const target = `/requests/${encodeURIComponent(reference)}`;
  if (mode === "complete") {
    return (
      <button type="button" className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline" onClick={() => router.push(`${target}?action=reupload#upload`)}>
        {t("actions.reupload")}
      </button>
    );
  }
  return (
    <fieldset className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <legend className="sr-only">{t("dashboard.rowAction", { reference })}</legend>
      <label className="flex items-center gap-1 whitespace-nowrap text-sm">
        <input type="radio" name={`action-${reference}`} value="upload" checked={choice === "upload"} onChange={() => setChoice("upload")} />
        {t("actions.upload")}
      </label>
      <label className="flex items-center gap-1 whitespace-nowrap text-sm">
        <input type="radio" name={`action-${reference}`} value="no-upload" checked={choice === "no-upload"} onChange={() => setChoice("no-upload")} />
        {t("actions.noUpload")}
      </label>
      <button
        type="button"
        className="rounded border border-gray-300 bg-white px-2 py-0.5 text-sm font-medium hover:bg-gray-50"
        aria-label={`${t("dashboard.go")} – ${reference}`}
        onClick={() => router.push(choice === "upload" ? `${target}?action=upload#upload` : `${target}?action=respond#respond`)}
      >
        {t("dashboard.go")}
      </button>
    </fieldset>
  );
}
