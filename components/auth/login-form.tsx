"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { loginAction } from "@/lib/actions/auth";
import { initialActionResult } from "@/lib/actions/result";
import { Link } from "@/lib/i18n/navigation";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { TextField } from "@/components/ui/text-field";
import { useMessage } from "@/components/ui/use-message";

export function LoginForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations("auth");
  const m = useMessage();
  const locale = useLocale();
  const [state, action, pending] = useActionState(loginAction, initialActionResult);
  const errors = (field: string) => state.fieldErrors?.[field]?.map((k) => m(k));
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {state.messageKey && <Notice tone="error">{m(state.messageKey, state.values)}</Notice>}
      <input type="hidden" name="locale" value={locale} />
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <TextField
        name="username"
        label={t("username")}
        autoComplete="username"
        required
        autoFocus
        defaultValue={state.fields?.username ?? ""}
        key={`u-${state.fields?.username ?? ""}`}
        errors={errors("username")}
      />
      <TextField name="password" type="password" label={t("password")} autoComplete="current-password" required errors={errors("password")} />
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {t("signIn")}
      </Button>
      <Link href="/forgot" className="text-sm">
        {t("forgot")}
      </Link>
    </form>
  );
}
