"use client";

import { useActionState, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { generateCollegeSecretAction, type GenerateSecretState } from "@/lib/actions/colleges";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useMessage } from "@/components/ui/use-message";

const initial: GenerateSecretState = { ok: false };

/**
 * "Generate New Secret" (contracts §4): the new secret is in the action's answer only, shown here once with a copy
 * button; the page never has it again (a reload shows only that a secret is set, and since when).
 */
export function SecretForm({ code, hasSecret, setOn }: { code: string; hasSecret: boolean; setOn: string | null }) {
  const t = useTranslations("colleges.secret");
  const locale = useLocale();
  const m = useMessage();
  const [state, action, generating] = useActionState(generateCollegeSecretAction, initial);
  const [copied, setCopied] = useState<{ secret: string; ok: boolean } | null>(null);
  const secret = state.ok ? state.secret : undefined;

  const copy = async () => {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret);
      setCopied({ secret, ok: true });
    } catch {
      setCopied({ secret, ok: false });
    }
  };

  return (
    <div className="flex max-w-3xl flex-col gap-4">
      <div>
        <dl className="flex flex-wrap gap-x-2 text-sm">
          <dt className="font-medium text-gray-700">{t("title")}</dt>
          <dd className="text-gray-900" data-testid="secret-status">
            {hasSecret ? t("set", { date: setOn ?? "—" }) : t("notSet")}
          </dd>
        </dl>
        {!hasSecret && <p className="mt-1 text-sm text-gray-700">{t("notSetHint")}</p>}
      </div>
      <form action={action} className="flex flex-col gap-2">
        <input type="hidden" name="code" value={code} />
        <input type="hidden" name="locale" value={locale} />
        <div>
          <Button type="submit" variant="secondary" disabled={generating} aria-busy={generating} aria-describedby="college-secret-hint">
            {generating ? t("generating") : t("generate")}
          </Button>
        </div>
        <p id="college-secret-hint" className="text-xs text-gray-600">
          {hasSecret ? t("hintReplace") : t("hintNew")}
        </p>
      </form>

      {state.messageKey && !state.ok && <Notice tone="error">{m(state.messageKey, state.values)}</Notice>}
      {secret && state.messageKey && (
        <div
          role="group"
          aria-labelledby="college-new-secret-label"
          aria-describedby="college-new-secret-warning"
          className="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 p-3"
          data-testid="new-secret"
        >
          <Notice tone="success">{m(state.messageKey, state.values)}</Notice>
          <p id="college-new-secret-label" className="text-sm font-medium text-gray-900">
            {t("newSecret", { code })}
          </p>
          <code className="block rounded border border-gray-300 bg-white px-3 py-2 font-mono text-sm break-all select-all">{secret}</code>
          <p id="college-new-secret-warning" className="text-sm font-semibold text-amber-900">
            {t("onceWarning")}
          </p>
          <div className="flex flex-wrap items-center gap-3">
            <Button type="button" variant="secondary" onClick={copy}>
              {t("copy")}
            </Button>
            <span aria-live="polite" className="text-sm text-gray-800">
              {copied?.secret === secret ? (copied.ok ? t("copied") : t("copyFailed")) : ""}
            </span>
          </div>
        </div>
      )}
    </div>
  );
}
