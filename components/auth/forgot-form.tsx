"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { forgotAction } from "@/lib/actions/auth";
import { initialActionResult } from "@/lib/actions/result";
import { Link } from "@/lib/i18n/navigation";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { TextField } from "@/components/ui/text-field";
import { useMessage } from "@/components/ui/use-message";

export function ForgotForm() {
  const t = useTranslations("auth");
  const m = useMessage();
  const [state, action, pending] = useActionState(forgotAction, initialActionResult);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {state.ok && state.messageKey && <Notice tone="success">{m(state.messageKey)}</Notice>}
      <p className="text-sm text-gray-700">{t("forgotIntro")}</p>
      <TextField
        name="email"
        type="email"
        label={t("email")}
        autoComplete="email"
        required
        defaultValue={state.fields?.email ?? ""}
        errors={state.fieldErrors?.email?.map((k) => m(k))}
      />
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {t("sendResetLink")}
      </Button>
      <Link href="/login" className="text-sm">
        {t("backToSignIn")}
      </Link>
    </form>
  );
}
