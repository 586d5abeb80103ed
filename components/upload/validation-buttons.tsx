"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { cancelUploadAction, saveUploadAction, type UploadFormState } from "@/lib/actions/uploads";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useMessage } from "@/components/ui/use-message";

const initial: UploadFormState = { ok: false };

/**
 * "Yes – Save and continue" and "No – Cancel and return to previous screen": the browser only sends the pending
 * upload's id. When a field differs, cancelling is the primary button (and comes first): saving is the exception.
 */
export function ValidationButtons({ pendingId, reference, differs }: { pendingId: string; reference: string; differs: boolean }) {
  const t = useTranslations("actions");
  const m = useMessage();
  const locale = useLocale();
  const [state, save, saving] = useActionState(saveUploadAction, initial);
  const [cancelState, cancel, cancelling] = useActionState(cancelUploadAction, initial);
  // Either form's refusal (both redirect when they succeed).
  const refused = [state, cancelState].find((s) => !s.ok && s.messageKey);
  return (
    <div className="flex flex-col gap-3">
      {refused?.messageKey && <Notice tone="error">{m(refused.messageKey, refused.values)}</Notice>}
      <div className={differs ? "flex flex-row-reverse flex-wrap justify-end gap-3" : "flex flex-wrap gap-3"}>
        <form action={save} aria-busy={saving}>
          <input type="hidden" name="pendingId" value={pendingId} />
          <input type="hidden" name="locale" value={locale} />
          <Button type="submit" variant={differs ? "secondary" : "primary"} disabled={saving}>
            {t("validationYes")}
          </Button>
        </form>
        <form action={cancel} aria-busy={cancelling}>
          <input type="hidden" name="pendingId" value={pendingId} />
          <input type="hidden" name="referenceNumber" value={reference} />
          <input type="hidden" name="locale" value={locale} />
          <Button type="submit" variant={differs ? "primary" : "secondary"} disabled={saving || cancelling}>
            {t("validationNo")}
          </Button>
        </form>
      </div>
    </div>
  );
}
