import type { Prisma } from "@/lib/generated/sqlite/client";
import type { Actor } from "./roles";

// Scope lives inside the query: every read and write of requests adds this to its `where`
// (quality.md "Scope everywhere"). An actor with an inconsistent profile sees nothing rather than everything.
const NOTHING = { id: "__no_scope__" } as const;

type ScopeActor = Pick<Actor, "role" | "boardId" | "schoolId">;

/** The condition of the actor's role: nothing for OCAS, `board` for board users, `school` for school users. */
function byRole<W extends object>(actor: ScopeActor, of: { board: (boardId: string) => W; school: (schoolId: string) => W }): W {
  switch (actor.role) {
    case "OCAS_ADMIN":
      return {} as W;
    case "BOARD_ADMIN":
    case "BOARD_USER":
      return actor.boardId ? of.board(actor.boardId) : (NOTHING as W);
    case "SCHOOL_USER":
      return actor.schoolId ? of.school(actor.schoolId) : (NOTHING as W);
  }
}

export function requestScope(actor: ScopeActor): Prisma.TranscriptRequestWhereInput {
  return byRole<Prisma.TranscriptRequestWhereInput>(actor, { board: (boardId) => ({ boardId }), school: (schoolId) => ({ schoolId }) });
}

/** Applicants with at least one request in scope. */
export function applicantScope(actor: ScopeActor): Prisma.ApplicantWhereInput {
  return actor.role === "OCAS_ADMIN" ? {} : { requests: { some: requestScope(actor) } };
}

export function schoolScope(actor: ScopeActor): Prisma.SchoolWhereInput {
  return byRole<Prisma.SchoolWhereInput>(actor, { board: (boardId) => ({ boardId }), school: (id) => ({ id }) });
}

/** Users an actor may manage: all for OCAS, the board's own users (not OCAS staff) for a board administrator. */
export function manageableUserScope(actor: ScopeActor): Prisma.UserWhereInput {
  if (actor.role === "OCAS_ADMIN") return {};
  if (actor.role === "BOARD_ADMIN" && actor.boardId) {
    return { OR: [{ boardId: actor.boardId }, { school: { boardId: actor.boardId } }] };
  }
  return NOTHING;
}
