"use server";

import { revalidatePath } from "next/cache";
import type { Role } from "@/lib/auth/roles";
import { createUser } from "@/lib/server/users/create-user";
import { resendTemporaryPassword } from "@/lib/server/users/resend-temporary-password";
import { setUserActive } from "@/lib/server/users/set-user-active";
import { updateUser } from "@/lib/server/users/update-user";
import { adminRefusal } from "./admin-answers";
import { FORBIDDEN, formAction, GENERIC_ERROR } from "./pipeline";
import type { ActionResult } from "./result";

const MANAGERS: readonly Role[] = ["OCAS_ADMIN", "BOARD_ADMIN"];
// The route file structure, route group included.
const USERS_PAGE = "/[locale]/(app)/admin/users";

const CREATE_FIELDS = ["username", "displayName", "email", "role", "boardId", "schoolId", "language"] as const;

export const createUserAction = formAction({ roles: MANAGERS, fields: CREATE_FIELDS, echo: CREATE_FIELDS }, async (input, { actor }): Promise<ActionResult> => {
  const result = await createUser({ actor, input });
  if (!result.ok) {
    if (result.reason === "forbidden") return FORBIDDEN;
    // A username already taken is named (contracts §10).
    if (result.fieldErrors.username?.includes("admin.users.errors.usernameTaken")) {
      return {
        ok: false,
        fieldErrors: result.fieldErrors,
        messageKey: "admin.users.errors.usernameTakenNamed",
        values: { username: input.username.trim().toLowerCase() },
      };
    }
    return { ok: false, fieldErrors: result.fieldErrors };
  }
  revalidatePath(USERS_PAGE, "page");
  return { ok: true, messageKey: "admin.users.created", values: { username: result.user.username, email: result.user.email } };
});

const EDIT_FIELDS = ["username", "displayName", "email", "role", "boardId", "schoolId", "language", "version"] as const;

/** Saves an account's name, email, role, board or school and language (the username stays). */
export const updateUserAction = formAction(
  { roles: MANAGERS, fields: EDIT_FIELDS, echo: ["displayName", "email", "role", "boardId", "schoolId", "language"] },
  async ({ username, ...input }, { actor }): Promise<ActionResult> => {
    const result = await updateUser({ actor, username, input });
    if (!result.ok) {
      if (result.reason === "self") return { ok: false, messageKey: "admin.users.errors.notYourself" };
      return adminRefusal(result, "admin.users");
    }
    revalidatePath(USERS_PAGE, "page");
    revalidatePath(`${USERS_PAGE}/[username]`, "page");
    return { ok: true, messageKey: result.changed ? "admin.users.saved" : "admin.users.unchanged", values: { username: result.user.username } };
  },
);

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
