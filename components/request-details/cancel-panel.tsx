"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { cancelRequestAction } from "@/lib/actions/requests";
import { initialActionResult } from "@/lib/actions/result";
import { Button } from "@/components/ui/button";
import { CONTROL_CLASS, Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useMessage } from "@/components/ui/use-message";

// Mirrors CANCEL_REASON_MAX_LENGTH in lib/server/requests/cancel-request.ts (the server checks again).
const REASON_MAX_LENGTH = 500;

/**
 * Cancelling the request, for OCAS administrators (the server refuses anyone else). Stays mounted after success
 * so that the confirmation is read out once the request can no longer be cancelled.
 */
export function CancelPanel({ reference, version, allowed }: { reference: string; version: number; allowed: boolean }) {
  const t = useTranslations("details.cancel");
  const m = useMessage();
  const locale = useLocale();
  const [state, action, pending] = useActionState(cancelRequestAction, initialActionResult);
  if (!allowed && !state.ok) return null;
  const errors = state.fieldErrors?.reason?.map((k) => m(k));
  return (
    <section id="cancel" aria-labelledby="cancel-heading" className="no-print rounded-lg border border-red-200 bg-white p-4">
      <h2 id="cancel-heading" className="mb-3 text-lg font-semibold">
        {t("title")}
      </h2>
      <div className="flex flex-col gap-3">
        {state.messageKey && <Notice tone={state.ok ? "success" : "error"}>{m(state.messageKey, state.values)}</Notice>}
        {allowed && (
          <form action={action} className="flex flex-col gap-3" aria-busy={pending}>
            <p className="text-sm text-gray-700">{t("intro")}</p>
            <input type="hidden" name="referenceNumber" value={reference} />
            <input type="hidden" name="expectedVersion" value={version} />
            <input type="hidden" name="locale" value={locale} />
            <Field id="cancel-reason" label={t("reason")} hint={t("reasonHint")} errors={errors}>
              {(control) => (
                <textarea
                  {...control}
                  name="reason"
                  rows={3}
                  maxLength={REASON_MAX_LENGTH}
                  required
                  defaultValue={state.fields?.reason ?? ""}
                  key={state.fields?.reason ?? ""}
                  className={CONTROL_CLASS}
                />
              )}
            </Field>
            <div>
              <Button type="submit" variant="danger" disabled={pending}>
                {t("submit")}
              </Button>
            </div>
          </form>
        )}
      </div>
    </section>
  );
}
