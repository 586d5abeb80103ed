import "server-only";
import { cookies } from "next/headers";
import { LRUCache } from "lru-cache";
import { decode } from "next-auth/jwt";
import { env } from "@/lib/env";

/**
 * The session of the current request, read from Auth.js's session cookie with Auth.js's own `decode` (the same
 * secret, salt and algorithms as lib/auth/auth.ts), without running Auth.js's whole session endpoint. `auth()`
 * builds an internal request, runs the callbacks and encrypts a renewed token on every call; in a page it cannot even
 * set that cookie, and a renewed cookie would not outlive the server-side session row, whose end is fixed at sign-in
 * (lib/server/auth/sessions.ts). Read on every signed-in request (docs/decisions/0021).
 */
export type CookieSession = { userId: string; sessionVersion: number; sessionId: string };

/** Auth.js's `useSecureCookies` (lib/auth/auth.ts): __Secure- cookies in production over https. */
export function secureSessionCookies(): boolean {
  return env().NODE_ENV === "production" && env().APP_URL.startsWith("https://");
}

export function sessionCookieName(): string {
  return secureSessionCookies() ? "__Secure-authjs.session-token" : "authjs.session-token";
}

/** The cookie's value: whole, or in the numbered chunks Auth.js writes for a token over one cookie's size. */
export function joinSessionCookie(name: string, all: readonly { name: string; value: string }[]): string | null {
  const whole = all.find((c) => c.name === name);
  if (whole) return whole.value;
  const chunks = all
    .map((c) => ({ index: c.name.startsWith(`${name}.`) ? Number(c.name.slice(name.length + 1)) : Number.NaN, value: c.value }))
    .filter((c) => Number.isInteger(c.index) && c.index >= 0)
    .sort((a, b) => a.index - b.index);
  if (chunks.length === 0 || chunks.some((c, i) => c.index !== i)) return null;
  return chunks.map((c) => c.value).join("");
}

export async function readSessionCookie(): Promise<CookieSession | null> {
  const name = sessionCookieName();
  const token = joinSessionCookie(name, (await cookies()).getAll());
  return token ? decodeSessionToken(token, env().AUTH_SECRET, name) : null;
}

/**
 * Tokens already decoded, by secret, salt and token: decrypting one costs about 0.7 ms of CPU (a key derived with HKDF,
 * then AES and HMAC through WebCrypto), on every page, action and route of a session that sends the same cookie for
 * hours (docs/decisions/0021). An entry holds only what the token says (user id, session version, session row id) and
 * lives no longer than the token itself; whether that session still holds is read from the database on every request
 * all the same (lib/auth/guard.ts). A token that does not decode is never kept.
 */
const decoded = new LRUCache<string, { session: CookieSession; expiresAt: number }>({ max: 10_000 });

/** A session token's content; null when it was tampered with, has expired or was made with another secret. */
export async function decodeSessionToken(token: string, secret: string, salt: string): Promise<CookieSession | null> {
  const key = `${secret}\u0000${salt}\u0000${token}`;
  const known = decoded.get(key);
  if (known && known.expiresAt > Date.now()) return known.session;
  let payload: { sub?: unknown; sv?: unknown; sid?: unknown; exp?: unknown } | null;
  try {
    payload = await decode<{ sub?: unknown; sv?: unknown; sid?: unknown; exp?: unknown }>({ token, secret, salt });
  } catch {
    return null; // signed out
  }
  if (!payload || typeof payload.sub !== "string" || !payload.sub) return null;
  const session = {
    userId: payload.sub,
    sessionVersion: typeof payload.sv === "number" ? payload.sv : -1,
    sessionId: typeof payload.sid === "string" ? payload.sid : "",
  };
  // Kept until the token expires (Auth.js always writes `exp`; a token without it is decoded every time).
  if (typeof payload.exp === "number" && payload.exp * 1000 > Date.now()) decoded.set(key, { session, expiresAt: payload.exp * 1000 });
  else decoded.delete(key);
  return session;
}
