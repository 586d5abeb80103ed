"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { applyNoUploadAction } from "@/lib/actions/requests";
import { initialActionResult } from "@/lib/actions/result";
import type { NoUploadAction } from "@/lib/domain/statuses";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { SelectField } from "@/components/ui/select-field";
import { useMessage } from "@/components/ui/use-message";
import { ResponseOptions } from "./response-options";

type Props = {
  reference: string;
  /** The version of the request this page shows: the server refuses the form once the request has changed. */
  version: number;
  /** The actions the current status allows; none hides the form. */
  actions: readonly NoUploadAction[];
  /** Why Paper Transcript Sent must wait (Send at End of Semester), already worded. */
  dueHint: string | null;
};

/**
 * Provide a Response: the no-upload actions on the details page. It stays mounted when the action completes the
 * request (no more actions), so that the confirmation is still read out.
 */
export function RespondPanel({ reference, version, actions, dueHint }: Props) {
  const t = useTranslations();
  const m = useMessage();
  const locale = useLocale();
  const [state, action, pending] = useActionState(applyNoUploadAction, initialActionResult);
  const allowed = actions.length > 0;
  if (!allowed && !state.ok) return null;
  const errors = state.fieldErrors?.action?.map((k) => m(k));
  return (
    <section id="respond" aria-labelledby="respond-heading" className="no-print rounded-lg border border-gray-200 bg-white p-4">
      <h2 id="respond-heading" className="mb-3 text-lg font-semibold">
        {t("actions.provideResponse")}
      </h2>
      <div className="flex flex-col gap-3">
        {state.messageKey && <Notice tone={state.ok ? "success" : "error"}>{m(state.messageKey, state.values)}</Notice>}
        {allowed && (
          <form action={action} className="flex flex-col gap-3" aria-busy={pending}>
            <p className="text-sm text-gray-700">{t("respond.intro")}</p>
            {dueHint && <p className="text-sm font-medium text-gray-900">{dueHint}</p>}
            <input type="hidden" name="referenceNumber" value={reference} />
            <input type="hidden" name="expectedVersion" value={version} />
            <input type="hidden" name="locale" value={locale} />
            <div className="flex flex-wrap items-end gap-3">
              <SelectField name="action" id="respond-action" label={t("respond.label")} defaultValue="" errors={errors} className="min-w-64">
                <ResponseOptions actions={actions} />
              </SelectField>
              <Button type="submit" disabled={pending}>
                {t("actions.submit")}
              </Button>
            </div>
          </form>
        )}
      </div>
    </section>
  );
}
