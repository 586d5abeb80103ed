"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { changePasswordAction, resetAction } from "@/lib/actions/auth";
import { initialActionResult } from "@/lib/actions/result";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { TextField } from "@/components/ui/text-field";
import { useMessage } from "@/components/ui/use-message";

type Props = { mode: "reset"; token: string } | { mode: "change"; askCurrent: boolean };

/** Choosing a new password: from a reset link, or when signed in (forced after a temporary password). */
export function NewPasswordForm(props: Props) {
  const t = useTranslations("auth");
  const m = useMessage();
  const locale = useLocale();
  const [state, action, pending] = useActionState(props.mode === "reset" ? resetAction : changePasswordAction, initialActionResult);
  const errors = (field: string) => state.fieldErrors?.[field]?.map((k) => m(k));
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {state.messageKey && <Notice tone="error">{m(state.messageKey, state.values)}</Notice>}
      <input type="hidden" name="locale" value={locale} />
      {props.mode === "reset" && <input type="hidden" name="token" value={props.token} />}
      {props.mode === "change" && props.askCurrent && (
        <TextField name="current" type="password" label={t("currentPassword")} autoComplete="current-password" required errors={errors("current")} />
      )}
      <TextField
        name="password"
        type="password"
        label={t("newPassword")}
        autoComplete="new-password"
        required
        hint={t("passwordPolicy")}
        errors={errors("password")}
      />
      <TextField name="confirm" type="password" label={t("confirmPassword")} autoComplete="new-password" required errors={errors("confirm")} />
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {t("changePassword")}
      </Button>
    </form>
  );
}
