"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { Role } from "@/lib/auth/roles";
import { createUser, CreateUserSchema } from "@/lib/server/users/create-user";
import { resendTemporaryPassword } from "@/lib/server/users/resend-temporary-password";
import { setUserActive } from "@/lib/server/users/set-user-active";
import { signedIn } from "./form";
import { fieldErrorsFrom, type ActionResult } from "./result";

const MANAGERS: readonly Role[] = ["OCAS_ADMIN", "BOARD_ADMIN"];
// The route file structure, route group included.
const USERS_PAGE = "/[locale]/(app)/admin/users";

const FORBIDDEN: ActionResult = { ok: false, messageKey: "errors.forbidden" };

const CREATE_FIELDS = ["username", "displayName", "email", "role", "boardId", "schoolId", "language"] as const;

export async function createUserAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const actor = await signedIn(MANAGERS);
  if (!actor) return FORBIDDEN;
  const fields = Object.fromEntries(CREATE_FIELDS.map((f) => [f, typeof form.get(f) === "string" ? String(form.get(f)) : ""]));
  const parsed = CreateUserSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error.issues), fields };
  const result = await createUser({ actor, input: parsed.data });
  if (!result.ok) {
    if (result.reason === "forbidden") return FORBIDDEN;
    return { ok: false, fieldErrors: result.fieldErrors, fields };
  }
  revalidatePath(USERS_PAGE, "page");
  const values = { username: result.user.username, email: result.user.email };
  return { ok: true, messageKey: "admin.users.created", values };
}

const AccountSchema = z.object({
  intent: z.enum(["deactivate", "reactivate", "resend"]),
  userId: z.string().min(1).max(100),
});

/** The row actions of the users table: deactivate, reactivate, send a new temporary password. */
export async function userAccountAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const actor = await signedIn(MANAGERS);
  if (!actor) return FORBIDDEN;
  const parsed = AccountSchema.safeParse({ intent: form.get("intent"), userId: form.get("userId") });
  if (!parsed.success) return { ok: false, messageKey: "errors.generic" };
  const { intent, userId } = parsed.data;

  if (intent === "resend") {
    const result = await resendTemporaryPassword({ actor, userId });
    if (!result.ok) return { ok: false, messageKey: failureKey(result.reason) };
    revalidatePath(USERS_PAGE, "page");
    const values = { username: result.username, email: result.email };
    return { ok: true, messageKey: "admin.users.resent", values };
  }

  const result = await setUserActive({ actor, userId, active: intent === "reactivate" });
  if (!result.ok) return { ok: false, messageKey: failureKey(result.reason) };
  revalidatePath(USERS_PAGE, "page");
  return { ok: true, messageKey: intent === "reactivate" ? "admin.users.reactivated" : "admin.users.deactivated", values: { username: result.username } };
}

function failureKey(reason: "forbidden" | "notFound" | "self" | "inactive") {
  switch (reason) {
    case "forbidden":
      return "errors.forbidden";
    case "notFound":
      return "admin.users.errors.userNotFound";
    case "self":
      return "admin.users.errors.notYourself";
    case "inactive":
      return "admin.users.errors.inactive";
  }
}
