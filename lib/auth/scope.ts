import type { Prisma } from "@/lib/generated/sqlite/client";
import type { Actor } from "./roles";

// Scope lives inside the query: every read and write of requests adds this to its `where`
// (quality.md "Scope everywhere"). An actor with an inconsistent profile sees nothing rather than everything.
const NOTHING = { id: "__no_scope__" } as const;

type ScopeActor = Pick<Actor, "role" | "boardId" | "schoolId">;

export function requestScope(actor: ScopeActor): Prisma.TranscriptRequestWhereInput {
  switch (actor.role) {
    case "OCAS_ADMIN":
      return {};
    case "BOARD_ADMIN":
    case "BOARD_USER":
      return actor.boardId ? { boardId: actor.boardId } : NOTHING;
    case "SCHOOL_USER":
      return actor.schoolId ? { schoolId: actor.schoolId } : NOTHING;
  }
}

/** Applicants with at least one request in scope. */
export function applicantScope(actor: ScopeActor): Prisma.ApplicantWhereInput {
  return actor.role === "OCAS_ADMIN" ? {} : { requests: { some: requestScope(actor) } };
}

export function schoolScope(actor: ScopeActor): Prisma.SchoolWhereInput {
  switch (actor.role) {
    case "OCAS_ADMIN":
      return {};
    case "BOARD_ADMIN":
    case "BOARD_USER":
      return actor.boardId ? { boardId: actor.boardId } : NOTHING;
    case "SCHOOL_USER":
      return actor.schoolId ? { id: actor.schoolId } : NOTHING;
  }
}

/** Users an actor may manage: all for OCAS, the board's own users (not OCAS staff) for a board administrator. */
export function manageableUserScope(actor: ScopeActor): Prisma.UserWhereInput {
  if (actor.role === "OCAS_ADMIN") return {};
  if (actor.role === "BOARD_ADMIN" && actor.boardId) {
    return { OR: [{ boardId: actor.boardId }, { school: { boardId: actor.boardId } }] };
  }
  return NOTHING;
}
