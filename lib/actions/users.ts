"use server";

import { revalidatePath } from "next/cache";
import type { Role } from "@/lib/auth/roles";
import { createUser } from "@/lib/server/users/create-user";
import { resendTemporaryPassword } from "@/lib/server/users/resend-temporary-password";
import { setUserActive } from "@/lib/server/users/set-user-active";
import { FORBIDDEN, formAction, GENERIC_ERROR } from "./pipeline";
import type { ActionResult } from "./result";

const MANAGERS: readonly Role[] = ["OCAS_ADMIN", "BOARD_ADMIN"];
// The route file structure, route group included.
const USERS_PAGE = "/[locale]/(app)/admin/users";

const CREATE_FIELDS = ["username", "displayName", "email", "role", "boardId", "schoolId", "language"] as const;

export const createUserAction = formAction({ roles: MANAGERS, fields: CREATE_FIELDS, echo: CREATE_FIELDS }, async (input, { actor }) => {
  const result = await createUser({ actor, input });
  if (!result.ok) return result.reason === "forbidden" ? FORBIDDEN : { ok: false, fieldErrors: result.fieldErrors };
  revalidatePath(USERS_PAGE, "page");
  return { ok: true, messageKey: "admin.users.created", values: { username: result.user.username, email: result.user.email } };
});

/** The row actions of the users table: deactivate, reactivate, send a new temporary password. */
export const userAccountAction = formAction({ roles: MANAGERS, fields: ["intent", "userId"] }, async ({ intent, userId }, { actor }): Promise<ActionResult> => {
  if (intent === "resend") {
    const result = await resendTemporaryPassword({ actor, userId });
    if (!result.ok) return { ok: false, messageKey: failureKey(result.reason) };
    revalidatePath(USERS_PAGE, "page");
    return { ok: true, messageKey: "admin.users.resent", values: { username: result.username, email: result.email } };
  }
  if (intent !== "deactivate" && intent !== "reactivate") return GENERIC_ERROR;
  const result = await setUserActive({ actor, userId, active: intent === "reactivate" });
  if (!result.ok) return { ok: false, messageKey: failureKey(result.reason) };
  revalidatePath(USERS_PAGE, "page");
  return { ok: true, messageKey: intent === "reactivate" ? "admin.users.reactivated" : "admin.users.deactivated", values: { username: result.username } };
});

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
