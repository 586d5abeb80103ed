import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { canManageUsers, ROLES, type Actor } from "@/lib/auth/roles";
import { manageableUserScope } from "@/lib/auth/scope";
import { diffFields } from "@/lib/domain/audit-diff";
import { fieldErrorsOf } from "@/lib/domain/field-errors";
import { isStale, StaleWrite, versionField, type AdminRefusal } from "@/lib/server/admin/form-fields";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { CreateUserSchema, grantableRoles, placementFor, placementLabels } from "./create-user";

const E = "admin.users.errors";

/** The edit form: everything the create form has but the username, which stays. */
export const EditUserSchema = CreateUserSchema.omit({ username: true }).extend({ role: z.enum(ROLES, `${E}.roleRequired`), version: versionField });

export type EditUserInput = { [K in keyof z.input<typeof EditUserSchema>]?: unknown };

type ManagerActor = Pick<Actor, "id" | "role" | "boardId" | "schoolId">;

export const EDITABLE_USER_SELECT = {
  id: true,
  username: true,
  displayName: true,
  email: true,
  role: true,
  boardId: true,
  schoolId: true,
  language: true,
  active: true,
  mustChangePassword: true,
  updatedAt: true,
  board: { select: { number: true } },
  school: { select: { mident: true } },
} as const;

/** An account the actor manages, by username (a board administrator: only their board's); null otherwise. */
export async function getManagedUser(options: { actor: ManagerActor; username: string }) {
  if (!canManageUsers(options.actor)) return null;
  const username = options.username.trim().toLowerCase();
  if (username === "" || username.length > 100) return null;
  return db.user.findFirst({ where: { AND: [{ username }, manageableUserScope(options.actor)] }, select: EDITABLE_USER_SELECT });
}

export type UpdateUserResult = { ok: true; user: { id: string; username: string }; changed: boolean } | AdminRefusal | { ok: false; reason: "self" };

/**
 * Changes an account's name, email, role, board or school and language (product §11). OCAS administrators any
 * account; board administrators only their board's accounts, and only to roles and places within their board (the
 * form's fields are never trusted for scope). Nobody changes their own role or placement here, so an administrator
 * cannot lock themselves out. A change of role or placement ends the user's sessions (their scope changed). One
 * transaction: the change and its audit row (`user.update`, the changed fields before and after).
 */
export async function updateUser(options: { actor: ManagerActor; username: string; input: EditUserInput }): Promise<UpdateUserResult> {
  const { actor } = options;
  if (!canManageUsers(actor) || grantableRoles(actor).length === 0) return { ok: false, reason: "forbidden" };
  const user = await getManagedUser({ actor, username: options.username });
  if (!user) return { ok: false, reason: "notFound" };
  const parsed = EditUserSchema.safeParse(options.input);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: fieldErrorsOf(parsed.error.issues) };
  const { version, boardId: _board, schoolId: _school, ...input } = parsed.data;
  if (isStale(version, user.updatedAt)) return { ok: false, reason: "stale" };
  if (!grantableRoles(actor).includes(input.role)) return { ok: false, reason: "invalid", fieldErrors: { role: [`${E}.roleNotAllowed`] } };
  const placement = await placementFor(actor, parsed.data);
  if ("field" in placement) return { ok: false, reason: "invalid", fieldErrors: { [placement.field]: [`${E}.${placement.key}`] } };

  const wanted = { ...input, boardId: placement.boardId, schoolId: placement.schoolId };
  const { board, school, ...stored } = user;
  if (!diffFields(stored, wanted)) return { ok: true, user, changed: false };
  // What the audit row keeps: the board's number and the school's MIDENT rather than ids.
  const diff = diffFields(
    { ...pick(stored), board: board?.number ?? null, school: school?.mident ?? null },
    { ...pick(wanted), ...(await placementLabels(placement)) },
  )!;
  const scopeChanged = ["role", "board", "school"].some((k) => k in diff.after);
  if (user.id === actor.id && scopeChanged) return { ok: false, reason: "self" };
  try {
    await db.$transaction(async (tx) => {
      // The scope again in the write: the account must still be one the actor manages, unchanged since it was read.
      const updated = await tx.user.updateMany({
        where: { AND: [{ id: user.id, updatedAt: user.updatedAt }, manageableUserScope(actor)] },
        data: { ...wanted, ...(scopeChanged && { sessionVersion: { increment: 1 } }) },
      });
      if (updated.count !== 1) throw new StaleWrite();
      await recordAudit(tx, { actorId: actor.id, action: "user.update", entity: "user", entityId: user.username, ...diff });
    });
  } catch (error) {
    if (error instanceof StaleWrite) return { ok: false, reason: "stale" };
    throw error;
  }
  return { ok: true, user, changed: true };
}

const pick = (u: { displayName: string; email: string; role: string; language: string }) => ({
  displayName: u.displayName,
  email: u.email,
  role: u.role,
  language: u.language,
});
