import { encode } from "next-auth/jwt";
import { afterEach, describe, expect, test, vi } from "vitest";
import { decodeSessionToken, joinSessionCookie } from "@/lib/auth/session-cookie";

const SECRET = "unit-test-only-auth-secret-0123456789abcdef";
const SALT = "authjs.session-token";

describe("decodeSessionToken: the session Auth.js wrote, read without Auth.js's session endpoint", () => {
  test("a token Auth.js encoded gives its user, session version and session row", async () => {
    const token = await encode({ token: { sub: "user-1", sv: 3, sid: "session-1" }, secret: SECRET, salt: SALT, maxAge: 3600 });
    expect(await decodeSessionToken(token, SECRET, SALT)).toEqual({ userId: "user-1", sessionVersion: 3, sessionId: "session-1" });
  });

  test("another secret, another cookie name, a changed byte or an expired token: signed out", async () => {
    const token = await encode({ token: { sub: "user-1", sv: 0, sid: "s" }, secret: SECRET, salt: SALT, maxAge: 3600 });
    expect(await decodeSessionToken(token, `${SECRET}x`, SALT)).toBeNull();
    expect(await decodeSessionToken(token, SECRET, "__Secure-authjs.session-token")).toBeNull();
    const parts = token.split(".");
    const body = parts[3]!;
    parts[3] = (body[0] === "A" ? "B" : "A") + body.slice(1);
    expect(await decodeSessionToken(parts.join("."), SECRET, SALT)).toBeNull();
    expect(await decodeSessionToken("not-a-token", SECRET, SALT)).toBeNull();
    const expired = await encode({ token: { sub: "user-1", sv: 0, sid: "s" }, secret: SECRET, salt: SALT, maxAge: -60 });
    expect(await decodeSessionToken(expired, SECRET, SALT)).toBeNull();
  });

  test("a token without a user is no session; missing claims never pass the guard's checks", async () => {
    const anonymous = await encode({ token: { name: "x" }, secret: SECRET, salt: SALT, maxAge: 3600 });
    expect(await decodeSessionToken(anonymous, SECRET, SALT)).toBeNull();
    const bare = await encode({ token: { sub: "user-1" }, secret: SECRET, salt: SALT, maxAge: 3600 });
    expect(await decodeSessionToken(bare, SECRET, SALT)).toEqual({ userId: "user-1", sessionVersion: -1, sessionId: "" });
  });
});

describe("decodeSessionToken keeps what it decoded, never longer than the token lives", () => {
  afterEach(() => vi.useRealTimers());

  test("the same token again gives the same session; another secret or cookie name still gives none", async () => {
    const token = await encode({ token: { sub: "user-2", sv: 1, sid: "session-2" }, secret: SECRET, salt: SALT, maxAge: 3600 });
    const first = await decodeSessionToken(token, SECRET, SALT);
    expect(first).toEqual({ userId: "user-2", sessionVersion: 1, sessionId: "session-2" });
    expect(await decodeSessionToken(token, SECRET, SALT)).toEqual(first);
    expect(await decodeSessionToken(token, `${SECRET}x`, SALT)).toBeNull();
    expect(await decodeSessionToken(token, SECRET, "__Secure-authjs.session-token")).toBeNull();
    expect(await decodeSessionToken(`${token}x`, SECRET, SALT)).toBeNull();
  });

  test("a token decoded once is no session after it expires", async () => {
    const token = await encode({ token: { sub: "user-3", sv: 0, sid: "session-3" }, secret: SECRET, salt: SALT, maxAge: 60 });
    expect(await decodeSessionToken(token, SECRET, SALT)).toEqual({ userId: "user-3", sessionVersion: 0, sessionId: "session-3" });
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 10 * 60_000 });
    expect(await decodeSessionToken(token, SECRET, SALT)).toBeNull();
  });
});

describe("joinSessionCookie", () => {
  const name = "authjs.session-token";
  test("the whole cookie, or Auth.js's numbered chunks in order", () => {
    expect(joinSessionCookie(name, [{ name, value: "abc" }])).toBe("abc");
    expect(
      joinSessionCookie(name, [
        { name: `${name}.1`, value: "def" },
        { name: "other", value: "x" },
        { name: `${name}.0`, value: "abc" },
      ]),
    ).toBe("abcdef");
  });
  test("no cookie, or chunks with a gap: none", () => {
    expect(joinSessionCookie(name, [{ name: "other", value: "x" }])).toBeNull();
    expect(joinSessionCookie(name, [{ name: `${name}.1`, value: "def" }])).toBeNull();
    expect(joinSessionCookie(name, [{ name: `${name}.x`, value: "def" }])).toBeNull();
  });
});
