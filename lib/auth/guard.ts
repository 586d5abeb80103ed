import "server-only";
import { cache } from "react";
import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { redirect } from "@/lib/i18n/navigation";
import { loadActor } from "@/lib/server/auth/load-actor";
import { currentSession } from "./auth";
import type { Actor, Role } from "./roles";

/** The signed-in user, reloaded from the database once per request; null when signed out or the session ended. */
export const getActor = cache(async (): Promise<(Actor & { sessionId: string }) | null> => {
  const session = await currentSession();
  if (!session) return null;
  const actor = await loadActor(session.userId, session.sessionId ?? "");
  if (!actor || actor.sessionVersion !== session.sessionVersion) return null;
  return { ...actor, sessionId: session.sessionId };
});

/**
 * For pages: the actor, or a redirect to the sign-in page (coming back to `returnTo` afterwards). A user holding a
 * temporary password is sent to choose a new one first.
 */
export async function requireActor(returnTo?: string, options: { allowTemporaryPassword?: boolean } = {}) {
  const actor = await getActor();
  const locale = await getLocale();
  if (!actor) {
    redirect({ href: { pathname: "/login", query: returnTo ? { callbackUrl: returnTo } : {} }, locale });
    throw new Error("unreachable");
  }
  if (actor.mustChangePassword && !options.allowTemporaryPassword) {
    redirect({ href: "/change-password", locale });
  }
  return actor;
}

/** For pages restricted to some roles: anyone else gets the 404 page, as for anything out of scope. */
export async function requireRole(roles: readonly Role[], returnTo?: string) {
  const actor = await requireActor(returnTo);
  if (!roles.includes(actor.role)) notFound();
  return actor;
}

/** No session, an ended one (signed out, deactivated, password changed), or one that must first change its password. */
export class SessionEndedError extends Error {
  constructor() {
    super("the session has ended");
    this.name = "SessionEndedError";
  }
}

/** Signed in, but the role does not allow this. */
export class ForbiddenError extends Error {
  constructor() {
    super("the role does not allow this");
    this.name = "ForbiddenError";
  }
}

/**
 * For server actions and route handlers: the actor, or an error that says which of the two it is (never a redirect to
 * a page): SessionEndedError, or ForbiddenError when `roles` does not include the actor's.
 */
export async function actorOrThrow(roles?: readonly Role[], options: { allowTemporaryPassword?: boolean } = {}): Promise<Actor & { sessionId?: string }> {
  const actor = await getActor();
  if (!actor || (actor.mustChangePassword && !options.allowTemporaryPassword)) throw new SessionEndedError();
  if (roles && !roles.includes(actor.role)) throw new ForbiddenError();
  return actor;
}
