import "server-only";
import { z } from "zod";
import { fieldErrorsOf } from "@/lib/domain/field-errors";

// The sign-in, forgot-password and new-password forms, checked here like every other input (lib/server is the layer
// that validates; the actions hand over the form's strings). Messages are message keys.

export const SignInFormSchema = z.object({
  username: z.string().trim().min(1, "auth.required").max(100),
  password: z.string().min(1, "auth.required").max(200),
});

export const ForgotFormSchema = z.object({ email: z.string().trim().pipe(z.email("auth.emailInvalid").max(254)) });

export const NewPasswordFormSchema = z
  .object({ password: z.string().min(1, "auth.required").max(200), confirm: z.string().min(1, "auth.required").max(200) })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "auth.passwordsDoNotMatch" });

export type FormCheck<T> = { ok: true; data: T } | { ok: false; fieldErrors: Record<string, string[]> };

/** The form's values as the schema reads them, or its field errors. */
export function checkForm<S extends z.ZodType>(schema: S, input: unknown): FormCheck<z.output<S>> {
  const parsed = schema.safeParse(input);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, fieldErrors: fieldErrorsOf(parsed.error.issues) };
}
