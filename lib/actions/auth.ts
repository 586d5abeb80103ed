"use server";

import { AuthError } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth/auth";
import { getActor } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { isLocale, routing, type Locale } from "@/lib/i18n/routing";
import { safeReturnPath } from "@/lib/i18n/safe-return-path";
import { changePassword } from "@/lib/server/auth/change-password";
import { requestPasswordReset, resetPassword } from "@/lib/server/auth/password-reset";
import { fieldErrorsFrom, type ActionResult } from "./result";

const localeOf = (value: FormDataEntryValue | null): Locale => (isLocale(value) ? value : routing.defaultLocale);

async function rememberLocale(locale: Locale) {
  (await cookies()).set("NEXT_LOCALE", locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
}

const LoginSchema = z.object({
  username: z.string().trim().min(1, "auth.required").max(100),
  password: z.string().min(1, "auth.required").max(200),
});

export async function loginAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const locale = localeOf(form.get("locale"));
  const parsed = LoginSchema.safeParse({ username: form.get("username"), password: form.get("password") });
  const fields = { username: String(form.get("username") ?? "") };
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error.issues), fields };
  try {
    await signIn("credentials", { ...parsed.data, redirect: false });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code ?? "";
      const throttled = /^throttled:(\d+)$/.exec(code);
      if (throttled) return { ok: false, messageKey: "auth.throttled", values: { minutes: Number(throttled[1]) }, fields };
      return { ok: false, messageKey: "auth.invalidCredentials", fields };
    }
    throw error;
  }
  // Signed in: continue in the language of the page the user signed in on, where they were going or to the requests.
  const user = await db.user.findUniqueOrThrow({
    where: { username: parsed.data.username.toLowerCase() },
    select: { mustChangePassword: true },
  });
  await rememberLocale(locale);
  if (user.mustChangePassword) redirect(`/${locale}/change-password`);
  const callback = form.get("callbackUrl");
  redirect(typeof callback === "string" && callback ? safeReturnPath(callback, locale) : `/${locale}/requests`);
}

export async function logoutAction(form: FormData): Promise<void> {
  const locale = localeOf(form.get("locale"));
  await signOut({ redirect: false });
  redirect(`/${locale}/login?signedOut=1`);
}

const ForgotSchema = z.object({ email: z.email("auth.emailInvalid").max(254) });

export async function forgotAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const parsed = ForgotSchema.safeParse({ email: String(form.get("email") ?? "").trim() });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error.issues), fields: { email: String(form.get("email") ?? "") } };
  await requestPasswordReset({ email: parsed.data.email });
  // The same answer whether or not the address belongs to an account.
  return { ok: true, messageKey: "auth.forgotSent" };
}

const NewPasswordSchema = z
  .object({ password: z.string().min(1, "auth.required").max(200), confirm: z.string().min(1, "auth.required").max(200) })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "auth.passwordsDoNotMatch" });

export async function resetAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const locale = localeOf(form.get("locale"));
  const parsed = NewPasswordSchema.safeParse({ password: form.get("password"), confirm: form.get("confirm") });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error.issues) };
  const result = await resetPassword({ token: String(form.get("token") ?? ""), password: parsed.data.password });
  if (!result.ok) {
    if (result.reason === "invalidToken") return { ok: false, messageKey: "auth.resetInvalid" };
    return { ok: false, fieldErrors: { password: result.problems.map((p) => `auth.problems.${p}`) } };
  }
  redirect(`/${locale}/login?reset=1`);
}

export async function changePasswordAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const actor = await getActor();
  const locale = localeOf(form.get("locale"));
  if (!actor) redirect(`/${locale}/login`);
  const parsed = NewPasswordSchema.safeParse({ password: form.get("password"), confirm: form.get("confirm") });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error.issues) };
  const current = form.get("current");
  const result = await changePassword({ actor, current: typeof current === "string" ? current : undefined, next: parsed.data.password });
  if (!result.ok) {
    if (result.reason === "currentWrong") return { ok: false, fieldErrors: { current: ["auth.currentPasswordWrong"] } };
    return { ok: false, fieldErrors: { password: result.problems.map((p) => `auth.problems.${p}`) } };
  }
  redirect(`/${locale}/requests?passwordChanged=1`);
}
