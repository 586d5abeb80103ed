import "server-only";
import { fieldErrorsOf } from "@/lib/domain/field-errors";
import crypto from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { hashPassword } from "@/lib/auth/password";
import { canManageUsers, ROLES, type Actor, type Role } from "@/lib/auth/roles";
import { schoolScope } from "@/lib/auth/scope";
import { generateTemporaryPassword } from "@/lib/domain/password-policy";
import { isUniqueViolation } from "@/lib/db-errors";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { queueEmail } from "@/lib/server/email/queue-email";
import { signalBackgroundWork } from "@/lib/server/jobs/signal";

export const USERNAME_MIN_LENGTH = 3;
export const USERNAME_MAX_LENGTH = 50;
export const DISPLAY_NAME_MAX_LENGTH = 100;
export const EMAIL_MAX_LENGTH = 254;
const ID_MAX_LENGTH = 100;

const E = "admin.users.errors";

// An empty <select> sends "": no choice.
const optionalId = z
  .string()
  .trim()
  .max(ID_MAX_LENGTH)
  .optional()
  .transform((v) => (v ? v : undefined));

/** The create form's fields; messages are message keys. Also re-checked by createUser itself. */
export const CreateUserSchema = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .min(USERNAME_MIN_LENGTH, `${E}.usernameLength`)
    .max(USERNAME_MAX_LENGTH, `${E}.usernameLength`)
    .regex(/^[a-z0-9._-]+$/, `${E}.usernameCharacters`),
  displayName: z.string().trim().min(1, `${E}.displayNameRequired`).max(DISPLAY_NAME_MAX_LENGTH, `${E}.displayNameTooLong`),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(EMAIL_MAX_LENGTH, `${E}.emailInvalid`)
    .pipe(z.email(`${E}.emailInvalid`)),
  role: z.enum(ROLES, `${E}.roleRequired`),
  boardId: optionalId,
  schoolId: optionalId,
  language: z.enum(["en", "fr"], `${E}.languageRequired`),
});

/** What a form sends: anything, checked here by the schema (the one layer that validates input). */
export type CreateUserInput = { [K in keyof z.input<typeof CreateUserSchema>]?: unknown };

type ManagerActor = Pick<Actor, "id" | "role" | "boardId" | "schoolId">;

/** The roles an actor may give: OCAS administrators any; board administrators the roles of their own board. */
export function grantableRoles(actor: ManagerActor): Role[] {
  if (actor.role === "OCAS_ADMIN") return [...ROLES];
  if (actor.role === "BOARD_ADMIN" && actor.boardId) return ["BOARD_ADMIN", "BOARD_USER", "SCHOOL_USER"];
  return [];
}

/** What the create form may offer the actor: roles, boards and schools, all within the actor's reach. */
export async function findCreateUserChoices(options: { actor: ManagerActor }) {
  const { actor } = options;
  const roles = grantableRoles(actor);
  if (roles.length === 0) return { roles, boards: [], schools: [] };
  const [boards, schools] = await Promise.all([
    db.board.findMany({
      where: actor.role === "OCAS_ADMIN" ? {} : { id: actor.boardId ?? "__no_scope__" },
      select: { id: true, number: true, nameEn: true, nameFr: true },
      orderBy: { number: "asc" },
    }),
    db.school.findMany({
      where: schoolScope(actor),
      select: { id: true, mident: true, nameEn: true, nameFr: true, boardId: true },
      orderBy: { mident: "asc" },
    }),
  ]);
  return { roles, boards, schools };
}

export type CreateUserResult =
  | { ok: true; user: { id: string; username: string; email: string } }
  | { ok: false; reason: "forbidden" }
  | { ok: false; reason: "invalid"; fieldErrors: Record<string, string[]> };

const invalid = (field: string, key: string): CreateUserResult => ({ ok: false, reason: "invalid", fieldErrors: { [field]: [`${E}.${key}`] } });

/**
 * Creates an account with a random temporary password, emailed to the user in their language; they must choose
 * a new password at first sign-in. The role, board and school are checked against what the actor may grant: the
 * form's fields are never trusted for scope. The account, its audit row (`user.create`) and the email: one transaction.
 */
export async function createUser(options: { actor: ManagerActor; input: CreateUserInput }): Promise<CreateUserResult> {
  const { actor } = options;
  if (!canManageUsers(actor) || grantableRoles(actor).length === 0) return { ok: false, reason: "forbidden" };

  const parsed = CreateUserSchema.safeParse(options.input);
  if (!parsed.success) {
    return { ok: false, reason: "invalid", fieldErrors: fieldErrorsOf(parsed.error.issues) };
  }
  const input = parsed.data;
  if (!grantableRoles(actor).includes(input.role)) return invalid("role", "roleNotAllowed");

  const placement = await placementFor(actor, input);
  if ("field" in placement) return invalid(placement.field, placement.key);

  if (await db.user.findUnique({ where: { username: input.username }, select: { id: true } })) {
    return invalid("username", "usernameTaken");
  }

  const password = generateTemporaryPassword(crypto.randomInt);
  const passwordHash = await hashPassword(password);
  const labels = await placementLabels(placement);
  let user;
  try {
    // The user and the email with the temporary password, in one transaction: never one without the other.
    user = await db.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: {
          username: input.username,
          displayName: input.displayName,
          email: input.email,
          role: input.role,
          boardId: placement.boardId,
          schoolId: placement.schoolId,
          language: input.language,
          passwordHash,
          mustChangePassword: true,
        },
        select: { id: true, username: true, email: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "user.create",
        entity: "user",
        entityId: created.username,
        after: { displayName: input.displayName, email: created.email, role: input.role, ...labels, language: input.language },
      });
      await queueEmail(tx, {
        to: created.email,
        template: "temporaryPassword",
        locale: input.language,
        values: { name: input.displayName, username: created.username, password, url: `${env().APP_URL}/${input.language}/login` },
      });
      return created;
    });
  } catch (error) {
    // Someone else took the username between the check and the insert.
    if (isUniqueViolation(error)) return invalid("username", "usernameTaken");
    throw error;
  }
  signalBackgroundWork();
  return { ok: true, user };
}

/** A user's placement as the audit log shows it: the board's number and the school's MIDENT, not ids. */
export async function placementLabels(placement: { boardId: string | null; schoolId: string | null }) {
  const [board, school] = await Promise.all([
    placement.boardId ? db.board.findUnique({ where: { id: placement.boardId }, select: { number: true } }) : null,
    placement.schoolId ? db.school.findUnique({ where: { id: placement.schoolId }, select: { mident: true } }) : null,
  ]);
  return { board: board?.number ?? null, school: school?.mident ?? null };
}

type Placement = { boardId: string | null; schoolId: string | null } | { field: "boardId" | "schoolId"; key: string };

/** Where the new user belongs, from the role: nowhere (OCAS), a board, or a school (and the school's board). */
export async function placementFor(actor: ManagerActor, input: Pick<z.output<typeof CreateUserSchema>, "role" | "boardId" | "schoolId">): Promise<Placement> {
  switch (input.role) {
    case "OCAS_ADMIN":
      return { boardId: null, schoolId: null };
    case "BOARD_ADMIN":
    case "BOARD_USER": {
      // A board administrator's users join the administrator's own board.
      const boardId = actor.role === "OCAS_ADMIN" ? input.boardId : (input.boardId ?? actor.boardId);
      if (!boardId) return { field: "boardId", key: "boardRequired" };
      if (actor.role !== "OCAS_ADMIN" && boardId !== actor.boardId) return { field: "boardId", key: "boardNotAllowed" };
      const board = await db.board.findUnique({ where: { id: boardId }, select: { id: true } });
      if (!board) return { field: "boardId", key: "boardNotAllowed" };
      return { boardId: board.id, schoolId: null };
    }
    case "SCHOOL_USER": {
      if (!input.schoolId) return { field: "schoolId", key: "schoolRequired" };
      const school = await db.school.findFirst({ where: { AND: [{ id: input.schoolId }, schoolScope(actor)] }, select: { id: true, boardId: true } });
      if (!school) return { field: "schoolId", key: "schoolNotAllowed" };
      if (input.boardId && input.boardId !== school.boardId) return { field: "schoolId", key: "schoolNotInBoard" };
      return { boardId: school.boardId, schoolId: school.id };
    }
  }
}
