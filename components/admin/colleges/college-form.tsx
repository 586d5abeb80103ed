"use client";

import { useActionState, useEffect, useRef } from "react";
import { useLocale, useTranslations } from "next-intl";
import { saveCollegeAction } from "@/lib/actions/colleges";
import { initialActionResult } from "@/lib/actions/result";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { TextField } from "@/components/ui/text-field";
import { useMessage } from "@/components/ui/use-message";
import { DELIVERY_URL_FIELD_MAX_LENGTH } from "./limits";

type Props = {
  code: string;
  nameEn: string;
  nameFr: string;
  deliveryUrl: string | null;
  active: boolean;
  /** When the endpoint was turned off after a 410, in the page's words; null when it is not. */
  disabledOn: string | null;
  /** Outside production, http:// to the machine itself is accepted (the college double). */
  allowLocalHttp: boolean;
  /** The college's version (updatedAt, ISO): sent back so that a save over someone else's change is refused. */
  version: string;
};

/** A college's names, Delivery URL and Active (contracts §10). Saving turns an endpoint switched off by a 410 back on. */
export function CollegeForm({ code, nameEn, nameFr, deliveryUrl, active, disabledOn, allowLocalHttp, version }: Props) {
  const t = useTranslations("colleges.form");
  const locale = useLocale();
  const m = useMessage();
  const [state, action, saving] = useActionState(saveCollegeAction, initialActionResult);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = (field: string) => state.fieldErrors?.[field]?.map((k) => m(k));
  const hasFieldErrors = Boolean(state.fieldErrors && Object.keys(state.fieldErrors).length > 0);
  // After a refused save, the form shows what was submitted.
  const refill = !state.ok ? state.fields : undefined;
  const urlValue = refill?.deliveryUrl ?? deliveryUrl ?? "";
  const activeValue = refill ? refill.active === "on" : active;
  const fieldsKey = `${version}-${JSON.stringify(refill ?? {})}`;

  useEffect(() => {
    if (hasFieldErrors) formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [state, hasFieldErrors]);

  return (
    <form ref={formRef} action={action} className="flex max-w-3xl flex-col gap-5" noValidate>
      <input type="hidden" name="code" value={code} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="locale" value={locale} />
      {state.messageKey && <Notice tone={state.ok ? "success" : "error"}>{m(state.messageKey, state.values)}</Notice>}
      {disabledOn && <Notice tone="info">{t("disabledNotice", { date: disabledOn })}</Notice>}

      <TextField
        key={`nameEn-${fieldsKey}`}
        name="nameEn"
        label={t("nameEn")}
        maxLength={200}
        autoComplete="off"
        defaultValue={refill?.nameEn ?? nameEn}
        errors={errors("nameEn")}
      />
      <TextField
        key={`nameFr-${fieldsKey}`}
        name="nameFr"
        label={t("nameFr")}
        maxLength={200}
        autoComplete="off"
        defaultValue={refill?.nameFr ?? nameFr}
        errors={errors("nameFr")}
      />

      <TextField
        key={`url-${fieldsKey}`}
        name="deliveryUrl"
        type="url"
        inputMode="url"
        label={t("deliveryUrl")}
        hint={allowLocalHttp ? t("deliveryUrlHintLocal") : t("deliveryUrlHint")}
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="none"
        maxLength={DELIVERY_URL_FIELD_MAX_LENGTH}
        defaultValue={urlValue}
        errors={errors("deliveryUrl")}
      />

      <div className="flex flex-col gap-1">
        <div className="flex items-center gap-2">
          <input
            key={`active-${fieldsKey}`}
            id="college-active"
            type="checkbox"
            name="active"
            defaultChecked={activeValue}
            aria-describedby="college-active-hint"
            className="h-4 w-4"
          />
          <label htmlFor="college-active" className="text-sm font-medium text-gray-800">
            {t("active")}
          </label>
        </div>
        <p id="college-active-hint" className="text-xs text-gray-600">
          {t("activeHint")}
        </p>
      </div>

      <div>
        <Button type="submit" disabled={saving} aria-busy={saving}>
          {saving ? t("saving") : t("save")}
        </Button>
      </div>
    </form>
  );
}
