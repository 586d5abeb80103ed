"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { completePdfAction } from "@/lib/actions/uploads";
import { initialActionResult } from "@/lib/actions/result";
import { Button } from "@/components/ui/button";
import { useMessage } from "@/components/ui/use-message";

/** "Complete" on a row of the PDF queue; a refusal is read out next to the button (success reloads the queue). */
export function CompletePdfButton({ reference, fileId, version }: { reference: string; fileId: string; version: number }) {
  const t = useTranslations("upload.pdfQueue");
  const m = useMessage();
  const locale = useLocale();
  const [state, action, pending] = useActionState(completePdfAction, initialActionResult);
  return (
    <form action={action} className="flex flex-col gap-1" aria-busy={pending}>
      <input type="hidden" name="referenceNumber" value={reference} />
      <input type="hidden" name="fileId" value={fileId} />
      <input type="hidden" name="expectedVersion" value={version} />
      <input type="hidden" name="locale" value={locale} />
      <Button type="submit" disabled={pending} aria-label={t("completeLabel", { reference })}>
        {t("complete")}
      </Button>
      {!state.ok && state.messageKey && (
        <p role="alert" className="text-sm text-red-800">
          {m(state.messageKey, state.values)}
        </p>
      )}
    </form>
  );
}
