"use client";

import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { saveAutoTrmsSettingsAction, testAutoTrmsConnectionAction } from "@/lib/actions/auto-trms";
import { initialActionResult, type ActionResult } from "@/lib/actions/result";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { TextField } from "@/components/ui/text-field";
import { useMessage } from "@/components/ui/use-message";
import { SECRET_FIELD_MAX_LENGTH, URL_FIELD_MAX_LENGTH } from "./limits";

type Props = {
  boardNumber: string;
  enabled: boolean;
  url: string | null;
  hasSecret: boolean;
  /** Outside production, http:// to the machine itself is accepted (the SIS double). */
  allowLocalHttp: boolean;
  /** Changes after every save, so that the fields show what was saved. */
  version: string;
};

/**
 * The board's Auto-TRMS settings. "Test connection" is a second action on the same fields: it sends what is typed
 * (or else the stored values) without saving, and without the form reset a form action would bring.
 */
export function AutoTrmsSettingsForm({ boardNumber, enabled, url, hasSecret, allowLocalHttp, version }: Props) {
  const t = useTranslations("admin.autoTrms");
  const m = useMessage();
  const [saveState, saveAction, saving] = useActionState(saveAutoTrmsSettingsAction, initialActionResult);
  const [testState, testAction, testing] = useActionState(testAutoTrmsConnectionAction, initialActionResult);
  const [last, setLast] = useState<"save" | "test" | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const current: ActionResult = last === "test" ? testState : last === "save" ? saveState : initialActionResult;
  const errors = (field: string) => current.fieldErrors?.[field]?.map((k) => m(k));
  const hasFieldErrors = Boolean(current.fieldErrors && Object.keys(current.fieldErrors).length > 0);
  // After a refused save, the form shows what was submitted (except the secret, never sent back).
  const refill = last === "save" && !saveState.ok ? saveState.fields : undefined;
  const enabledValue = refill?.enabled ?? (enabled ? "on" : "off");
  const urlValue = refill?.url ?? url ?? "";
  const fieldsKey = `${version}-${JSON.stringify(refill ?? {})}`;

  useEffect(() => {
    if (hasFieldErrors) formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [current, hasFieldErrors]);

  const test = () => {
    if (!formRef.current) return;
    const data = new FormData(formRef.current);
    setLast("test");
    startTransition(() => testAction(data));
  };

  const enabledErrors = errors("enabled");
  return (
    <form ref={formRef} action={saveAction} onSubmit={() => setLast("save")} className="flex max-w-3xl flex-col gap-5" noValidate>
      <input type="hidden" name="board" value={boardNumber} />
      {last === "save" && saveState.messageKey && <Notice tone={saveState.ok ? "success" : "error"}>{m(saveState.messageKey, saveState.values)}</Notice>}

      <fieldset key={`enabled-${fieldsKey}`} aria-describedby={enabledErrors ? "auto-trms-enabled-error" : undefined}>
        <legend className="mb-1 text-sm font-medium text-gray-800">{t("statusLegend")}</legend>
        <div className="flex flex-col gap-1">
          {(["on", "off"] as const).map((value) => (
            <label key={value} className="check">
              <input type="radio" name="enabled" value={value} defaultChecked={enabledValue === value} />
              {t(value)}
            </label>
          ))}
        </div>
        {enabledErrors && (
          <ul id="auto-trms-enabled-error" className="text-sm text-red-700">
            {enabledErrors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        )}
      </fieldset>

      <TextField
        key={`url-${fieldsKey}`}
        name="url"
        type="url"
        inputMode="url"
        label={t("url")}
        hint={allowLocalHttp ? t("urlHintLocal") : t("urlHint")}
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="none"
        maxLength={URL_FIELD_MAX_LENGTH}
        defaultValue={urlValue}
        errors={errors("url")}
      />

      <fieldset className="flex flex-col gap-3">
        <legend className="mb-1 text-sm font-medium text-gray-800">{t("secretLegend")}</legend>
        <p className="text-sm text-gray-800" data-testid="secret-status">
          {hasSecret ? t("secretStored") : t("secretNone")}
        </p>
        <TextField
          key={`secret-${fieldsKey}`}
          name="secret"
          type="password"
          label={t("newSecret")}
          hint={hasSecret ? t("newSecretHintStored") : t("newSecretHintNone")}
          // Never offered from, nor saved to, the browser's password manager: it is not the user's password.
          autoComplete="new-password"
          spellCheck={false}
          autoCapitalize="none"
          maxLength={SECRET_FIELD_MAX_LENGTH}
          defaultValue=""
          errors={errors("secret")}
        />
        {hasSecret && (
          <label className="check" key={`remove-${fieldsKey}`}>
            <input type="checkbox" name="removeSecret" defaultChecked={refill?.removeSecret === "on"} />
            {t("removeSecret")}
          </label>
        )}
      </fieldset>

      <div className="flex flex-col gap-2">
        <div className="flex flex-wrap gap-3">
          <Button type="submit" disabled={saving || testing} aria-busy={saving}>
            {saving ? t("saving") : t("save")}
          </Button>
          <Button type="button" variant="secondary" onClick={test} disabled={saving || testing} aria-busy={testing} aria-describedby="auto-trms-test-hint">
            {testing ? t("testing") : t("testConnection")}
          </Button>
        </div>
        <p id="auto-trms-test-hint" className="text-xs text-gray-600">
          {t("testHint")}
        </p>
        {last === "test" && testState.messageKey && !testing && (
          <Notice tone={testState.ok ? "success" : "error"}>{m(testState.messageKey, testState.values)}</Notice>
        )}
      </div>
    </form>
  );
}
