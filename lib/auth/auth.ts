import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { env } from "@/lib/env";
import { authenticate } from "@/lib/server/auth/authenticate";
import { createSession } from "@/lib/server/auth/sessions";
import { clientAddress } from "./client-address";
import { readSessionCookie, secureSessionCookies } from "./session-cookie";

// Username + password sign-in with JWT sessions in an httpOnly, SameSite=Lax cookie. The JWT carries only the user
// id, a session version and the id of a server-side session row (lib/server/auth/sessions.ts); the guard
// (lib/auth/guard.ts) reloads the user and the row on every request, so signing out, deactivating a user or
// resetting or changing a password ends those sessions at once.

export const SESSION_MAX_AGE_S = 8 * 60 * 60;

class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}

class ThrottledSignIn extends CredentialsSignin {
  constructor(retryAfterMs: number) {
    super();
    this.code = `throttled:${Math.max(1, Math.ceil(retryAfterMs / 60_000))}`;
  }
}

const CredentialsSchema = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: env().AUTH_SECRET,
  trustHost: true,
  // The guard reads this cookie itself (lib/auth/session-cookie.ts): the same name, secret and salt.
  useSecureCookies: secureSessionCookies(),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S, updateAge: 60 * 60 },
  pages: { signIn: "/en/login", error: "/en/login" },
  logger: {
    // A failed sign-in is an expected outcome, not a server error: keep it out of the error log.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      console.error("[auth]", error.name, error.message);
    },
  },
  providers: [
    Credentials({
      credentials: { username: {}, password: {} },
      async authorize(raw, request) {
        const parsed = CredentialsSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        const result = await authenticate({ ...parsed.data, address: clientAddress(request.headers) });
        if (result.ok) return { id: result.userId, sessionVersion: result.sessionVersion, sessionId: await createSession(result.userId) };
        if (result.reason === "throttled") throw new ThrottledSignIn(result.retryAfterMs);
        throw new InvalidCredentials();
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        token.sid = (user as { sessionId?: string }).sessionId ?? "";
      }
      return token;
    },
    session({ session, token }) {
      return {
        ...session,
        userId: token.sub ?? "",
        sessionVersion: typeof token.sv === "number" ? token.sv : -1,
        sessionId: typeof token.sid === "string" ? token.sid : "",
      };
    },
  },
});

/**
 * The session of the current request, as the guard reads it on every page, action and route: from the cookie
 * Auth.js wrote (lib/auth/session-cookie.ts), without running Auth.js's session endpoint (docs/decisions/0021).
 */
export const currentSession = readSessionCookie;

declare module "next-auth" {
  interface Session {
    userId: string;
    sessionVersion: number;
    sessionId: string;
  }
}
