// A stand-in for next-auth's `auth()`, the boundary the app does not own: a test says who is signed in, and the app's
// own guard (lib/auth/guard.ts) then loads that user from the database and checks the session version and the role,
// exactly as for a real request. Use it with
//   vi.mock("@/lib/auth/auth", () => import("./helpers/session"));
import { db } from "@/lib/db";

type Session = { userId: string; sessionVersion: number };
const state: { signedIn: { userId: string; sessionVersion?: number } | null } = { signedIn: null };

/** The session as the cookie would carry it; a test that gave no version gets the user's current one. */
export async function auth(): Promise<Session | null> {
  const signedIn = state.signedIn;
  if (!signedIn) return null;
  if (signedIn.sessionVersion !== undefined) return { userId: signedIn.userId, sessionVersion: signedIn.sessionVersion };
  const user = await db.user.findUnique({ where: { id: signedIn.userId }, select: { sessionVersion: true } });
  return { userId: signedIn.userId, sessionVersion: user?.sessionVersion ?? -1 };
}
export const signIn = async () => {
  throw new Error("signing in is not part of these tests: use signInAs");
};
export const signOut = async () => {
  state.signedIn = null;
};
export const handlers = {};

/** Signs `actor` in (with the session version it was loaded with, if it has one), or signs out with null. */
export function signInAs(actor: { id: string; sessionVersion?: number } | null) {
  state.signedIn = actor ? { userId: actor.id, sessionVersion: actor.sessionVersion } : null;
}
