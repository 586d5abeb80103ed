// A stand-in for next-auth's `auth()` and the guard's read of the session cookie, the boundary the app does not own: a test says who is signed in, and the app's
// own guard (lib/auth/guard.ts) then loads that user and their session row from the database and checks the session
// version and the role, exactly as for a real request. Use it with
//   vi.mock("@/lib/auth/auth", () => import("./helpers/session"));
import crypto from "node:crypto";
import { db } from "@/lib/db";

type Session = { userId: string; sessionVersion: number; sessionId: string };
type SignedIn = { userId: string; sessionVersion?: number; sessionId?: string };
const state: { signedIn: SignedIn | null } = { signedIn: null };

/**
 * The session as the cookie would carry it; a test that gave no version gets the user's current one, and one that
 * gave no session id gets a session row made for it (as signing in makes one).
 */
export async function auth(): Promise<Session | null> {
  const signedIn = state.signedIn;
  if (!signedIn) return null;
  if (signedIn.sessionId === undefined) {
    signedIn.sessionId = crypto.randomBytes(18).toString("base64url");
    await db.authSession.create({ data: { id: signedIn.sessionId, userId: signedIn.userId, expiresAt: new Date(Date.now() + 8 * 60 * 60_000) } });
  }
  if (signedIn.sessionVersion !== undefined) return { userId: signedIn.userId, sessionVersion: signedIn.sessionVersion, sessionId: signedIn.sessionId };
  const user = await db.user.findUnique({ where: { id: signedIn.userId }, select: { sessionVersion: true } });
  return { userId: signedIn.userId, sessionVersion: user?.sessionVersion ?? -1, sessionId: signedIn.sessionId };
}
/** The guard's read of the session (lib/auth/auth.ts's currentSession): the same stand-in. */
export const currentSession = auth;
export const signIn = async () => {
  throw new Error("signing in is not part of these tests: use signInAs");
};
export const signOut = async () => {
  state.signedIn = null;
};
export const handlers = {};

/**
 * Signs `actor` in (with the session version it was loaded with, if it has one, and the session row `sessionId`,
 * if given: a copied cookie), or signs out with null.
 */
export function signInAs(actor: { id: string; sessionVersion?: number; sessionId?: string } | null) {
  state.signedIn = actor ? { userId: actor.id, sessionVersion: actor.sessionVersion, sessionId: actor.sessionId } : null;
}

/** The session row of the browser signed in now (made on first use). */
export async function currentSessionId(): Promise<string | null> {
  return (await auth())?.sessionId ?? null;
}
