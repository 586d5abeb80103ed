"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { retryAutoTrmsAction } from "@/lib/actions/requests";
import { initialActionResult } from "@/lib/actions/result";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useMessage } from "@/components/ui/use-message";

/**
 * Retry Auto-TRMS, under the reason of a request the board's SIS could not answer (the server checks everything
 * again). Stays mounted after success so that the confirmation is read out.
 */
export function RetryAutoTrmsPanel({ reference, version, offered }: { reference: string; version: number; offered: boolean }) {
  const t = useTranslations("details.retryAutoTrms");
  const m = useMessage();
  const locale = useLocale();
  const [state, action, pending] = useActionState(retryAutoTrmsAction, initialActionResult);
  if (!offered && !state.messageKey) return null;
  return (
    <div className="no-print mt-3 flex flex-col gap-2">
      {state.messageKey && <Notice tone={state.ok ? "success" : "error"}>{m(state.messageKey, state.values)}</Notice>}
      {offered && !state.ok && (
        <form action={action} className="flex flex-wrap items-center gap-3" aria-busy={pending}>
          <p className="text-sm text-gray-700">{t("intro")}</p>
          <input type="hidden" name="referenceNumber" value={reference} />
          <input type="hidden" name="expectedVersion" value={version} />
          <input type="hidden" name="locale" value={locale} />
          <Button type="submit" disabled={pending}>
            {t("submit")}
          </Button>
        </form>
      )}
    </div>
  );
}
