"use server";

import { AuthError } from "next-auth";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth, signIn, signOut } from "@/lib/auth/auth";
import { clientAddress } from "@/lib/auth/client-address";
import type { Locale } from "@/lib/i18n/routing";
import { safeReturnPath } from "@/lib/i18n/safe-return-path";
import { checkForm, ForgotFormSchema, NewPasswordFormSchema, SignInFormSchema } from "@/lib/server/auth/auth-forms";
import { changePassword } from "@/lib/server/auth/change-password";
import { mustChangePassword } from "@/lib/server/auth/load-actor";
import { requestPasswordReset, resetPassword } from "@/lib/server/auth/password-reset";
import { endSession } from "@/lib/server/auth/sessions";
import { formAction, publicFormAction } from "./pipeline";
import type { ActionResult } from "./result";

async function rememberLocale(locale: Locale) {
  (await cookies()).set("NEXT_LOCALE", locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
}

export const loginAction = publicFormAction(
  { fields: ["username", "password", "callbackUrl"], echo: ["username"] },
  async (input, { locale }): Promise<ActionResult> => {
    const form = checkForm(SignInFormSchema, input);
    if (!form.ok) return { ok: false, fieldErrors: form.fieldErrors };
    try {
      await signIn("credentials", { ...form.data, redirect: false });
    } catch (error) {
      if (error instanceof AuthError) {
        const code = (error as AuthError & { code?: string }).code ?? "";
        const throttled = /^throttled:(\d+)$/.exec(code);
        if (throttled) return { ok: false, messageKey: "auth.throttled", values: { minutes: Number(throttled[1]) } };
        return { ok: false, messageKey: "auth.invalidCredentials" };
      }
      throw error;
    }
    // Signed in: continue in the language of the page the user signed in on, where they were going or to the requests.
    await rememberLocale(locale);
    if (await mustChangePassword(form.data.username)) redirect(`/${locale}/change-password`);
    redirect(input.callbackUrl ? safeReturnPath(input.callbackUrl, locale) : `/${locale}/requests`);
  },
);

export const logoutAction = publicFormAction({}, async (_input, { locale }) => {
  // The session row goes first: a copy of the cookie signs no one in after this.
  await endSession((await auth())?.sessionId);
  await signOut({ redirect: false });
  redirect(`/${locale}/login?signedOut=1`);
});

export const forgotAction = publicFormAction({ fields: ["email"], echo: ["email"] }, async (input) => {
  const form = checkForm(ForgotFormSchema, input);
  if (!form.ok) return { ok: false, fieldErrors: form.fieldErrors };
  const result = await requestPasswordReset({ email: form.data.email, address: clientAddress(await headers()) });
  if (!result.ok) return { ok: false, messageKey: "auth.forgotThrottled", values: { minutes: Math.max(1, Math.ceil(result.retryAfterMs / 60_000)) } };
  // The same answer, as fast, whether or not the address belongs to an account.
  return { ok: true, messageKey: "auth.forgotSent" };
});

export const resetAction = publicFormAction({ fields: ["token", "password", "confirm"] }, async (input, { locale }) => {
  const form = checkForm(NewPasswordFormSchema, input);
  if (!form.ok) return { ok: false, fieldErrors: form.fieldErrors };
  const result = await resetPassword({ token: input.token, password: form.data.password });
  if (!result.ok) {
    if (result.reason === "invalidToken") return { ok: false, messageKey: "auth.resetInvalid" };
    return { ok: false, fieldErrors: { password: result.problems.map((p) => `auth.problems.${p}`) } };
  }
  redirect(`/${locale}/login?reset=1`);
});

export const changePasswordAction = formAction(
  { fields: ["current", "password", "confirm"], allowTemporaryPassword: true },
  async (input, { actor, locale }) => {
    const form = checkForm(NewPasswordFormSchema, input);
    if (!form.ok) return { ok: false, fieldErrors: form.fieldErrors };
    const result = await changePassword({ actor, current: input.current || undefined, next: form.data.password, sessionId: actor.sessionId });
    if (!result.ok) {
      if (result.reason === "throttled")
        return { ok: false, messageKey: "auth.passwordThrottled", values: { minutes: Math.max(1, Math.ceil(result.retryAfterMs / 60_000)) } };
      if (result.reason === "currentWrong") return { ok: false, fieldErrors: { current: ["auth.currentPasswordWrong"] } };
      return { ok: false, fieldErrors: { password: result.problems.map((p) => `auth.problems.${p}`) } };
    }
    redirect(`/${locale}/requests?passwordChanged=1`);
  },
);
