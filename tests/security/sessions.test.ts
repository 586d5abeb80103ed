import { beforeAll, describe, expect, it, vi } from "vitest";

// Findings 2, 3 and 7 of the attack on the demo (docs/decisions/0020): sessions end when they should, the throttles
// count the real client, and "Forgot password" neither tells who has an account nor floods an inbox.

vi.mock("@/lib/auth/auth", () => import("../integration/helpers/session"));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-trms-peer": "198.51.100.7", "x-forwarded-for": "203.0.113.99" }),
  cookies: async () => ({ get: () => undefined, set: () => {}, delete: () => {} }),
}));

import { db } from "@/lib/db";
import { changePasswordAction, forgotAction, logoutAction } from "@/lib/actions/auth";
import { initialActionResult } from "@/lib/actions/result";
import { clientAddress } from "@/lib/auth/client-address";
import { getActor } from "@/lib/auth/guard";
import { changePassword } from "@/lib/server/auth/change-password";
import { createSession } from "@/lib/server/auth/sessions";
import { requestPasswordReset } from "@/lib/server/auth/password-reset";
import { pruneBackgroundHistory } from "@/lib/server/jobs/prune";
import { actorFor } from "../integration/helpers/actors";
import { seedDemo } from "../integration/helpers/seeded";
import { currentSessionId, signInAs } from "../integration/helpers/session";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

/** Runs an action that ends in a redirect; returns where it sent the browser. */
async function redirectOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (digest.startsWith("NEXT_REDIRECT")) return digest.split(";")[2] ?? "";
    throw error;
  }
  throw new Error("no redirect");
}

beforeAll(async () => {
  await seedDemo();
});

describe("sessions", () => {
  it("a copy of the cookie signs no one in after sign-out", async () => {
    const user = await actorFor("demo.school");
    signInAs(user);
    const copied = (await currentSessionId())!;
    expect(await getActor()).not.toBeNull();
    await redirectOf(() => logoutAction(initialActionResult, form({ locale: "en" })));
    // The attacker replays the very same cookie (same user, same version, same session id).
    signInAs({ id: user.id, sessionVersion: user.sessionVersion, sessionId: copied });
    expect(await getActor()).toBeNull();
    expect(await db.authSession.count({ where: { id: copied } })).toBe(0);
  });

  it("a password change ends the user's other sessions and keeps this one", async () => {
    const user = await actorFor("demo.school2");
    const elsewhere = await createSession(user.id);
    signInAs(user);
    const here = (await currentSessionId())!;
    const where = await redirectOf(() =>
      changePasswordAction(
        initialActionResult,
        form({ locale: "en", current: "Demo-School2-2026!", password: "Changed-Elsewhere-2026!", confirm: "Changed-Elsewhere-2026!" }),
      ),
    );
    expect(where).toContain("/en/requests");
    expect(await getActor()).not.toBeNull();
    signInAs({ id: user.id, sessionId: elsewhere });
    expect(await getActor()).toBeNull();
    signInAs({ id: user.id, sessionId: here });
    expect(await getActor()).not.toBeNull();
  });

  it("an unknown, expired or other user's session id signs no one in", async () => {
    const user = await actorFor("demo.board");
    const other = await actorFor("demo.admin");
    const theirs = await createSession(other.id);
    signInAs({ id: user.id, sessionId: theirs });
    expect(await getActor()).toBeNull();
    signInAs({ id: user.id, sessionId: "made-up" });
    expect(await getActor()).toBeNull();
    signInAs({ id: user.id, sessionId: "" });
    expect(await getActor()).toBeNull();
    const old = await createSession(user.id, new Date(Date.now() - 9 * 60 * 60_000));
    signInAs({ id: user.id, sessionId: old });
    expect(await getActor()).toBeNull();
  });

  it("throttles guesses of the current password", async () => {
    const actor = await actorFor("demo.board");
    for (let i = 0; i < 7; i += 1) await changePassword({ actor, current: `wrong-${i}`, next: "Whatever-New-2026!" });
    const last = await changePassword({ actor, current: "Demo-Board-2026!", next: "Whatever-New-2026!" });
    // Blocked even for the right password, until the block lifts.
    expect(last).toMatchObject({ ok: false, reason: "throttled" });
    signInAs(actor);
    const answer = await changePasswordAction(
      initialActionResult,
      form({ locale: "fr", current: "Demo-Board-2026!", password: "Whatever-New-2026!", confirm: "Whatever-New-2026!" }),
    );
    expect(answer).toMatchObject({ ok: false, messageKey: "auth.passwordThrottled" });
  });

  it("prunes expired sessions and stale throttle rows", async () => {
    const user = await actorFor("demo.school");
    const old = await createSession(user.id, new Date(Date.now() - 9 * 60 * 60_000));
    const stale = new Date(Date.now() - 3 * 86_400_000);
    await db.signInThrottle.create({ data: { key: "ip:192.0.2.200", failures: 3, windowStart: stale, updatedAt: stale } });
    const pruned = await pruneBackgroundHistory();
    expect(pruned.sessions).toBeGreaterThanOrEqual(1);
    expect(pruned.throttles).toBeGreaterThanOrEqual(1);
    expect(await db.authSession.count({ where: { id: old } })).toBe(0);
    expect(await db.signInThrottle.count({ where: { key: "ip:192.0.2.200" } })).toBe(0);
  });
});

describe("the client's address", () => {
  const h = (init: Record<string, string>) => new Headers(init);
  it("is the socket's, whatever X-Forwarded-For says, unless the socket is a trusted proxy", () => {
    expect(clientAddress(h({ "x-trms-peer": "198.51.100.7", "x-forwarded-for": "1.2.3.4" }), undefined)).toBe("198.51.100.7");
    expect(clientAddress(h({ "x-trms-peer": "::ffff:198.51.100.7" }), undefined)).toBe("198.51.100.7");
    // Behind nginx on this machine: the right-most hop that is not a trusted proxy.
    expect(clientAddress(h({ "x-trms-peer": "127.0.0.1", "x-forwarded-for": "1.2.3.4, 203.0.113.5" }), "loopback")).toBe("203.0.113.5");
    expect(clientAddress(h({ "x-trms-peer": "127.0.0.1", "x-forwarded-for": "1.2.3.4, 10.0.0.2" }), "loopback, 10.0.0.0/8")).toBe("1.2.3.4");
    // A client that is not a trusted proxy cannot choose its address.
    expect(clientAddress(h({ "x-trms-peer": "203.0.113.5", "x-forwarded-for": "127.0.0.1" }), "loopback")).toBe("203.0.113.5");
    expect(clientAddress(h({ "x-trms-peer": "127.0.0.1", "x-forwarded-for": "<script>" }), "loopback")).toBe("unknown");
  });

  it("rotating X-Forwarded-For does not escape the per-address sign-in limit", async () => {
    const { authenticate } = await import("@/lib/server/auth/authenticate");
    for (let i = 0; i < 25; i += 1) {
      const address = clientAddress(h({ "x-trms-peer": "198.51.100.23", "x-forwarded-for": `10.9.${i}.1` }), undefined);
      await authenticate({ username: `nobody-${i}`, password: "guess", address, delay: async () => {} });
    }
    const last = await authenticate({ username: "demo.school", password: "Demo-School-2026!", address: "198.51.100.23", delay: async () => {} });
    expect(last).toMatchObject({ ok: false, reason: "throttled" });
    expect(await db.signInThrottle.count({ where: { key: { startsWith: "ip:10.9." } } })).toBe(0);
  });
});

describe("forgot password", () => {
  it("does the same work on the request path for a known and an unknown address", async () => {
    const user = await actorFor("demo.school");
    const count = async () => ({ emails: await db.emailOutbox.count(), tokens: await db.passwordResetToken.count(), events: await db.outboxEvent.count() });
    const before = await count();
    await requestPasswordReset({ email: user.email, address: "192.0.2.31" });
    const afterKnown = await count();
    await requestPasswordReset({ email: "nobody-here@example.org", address: "192.0.2.32" });
    const afterUnknown = await count();
    // No email and no token on the request path: one event each, the background sends.
    expect(afterKnown).toEqual({ ...before, events: before.events + 1 });
    expect(afterUnknown).toEqual({ ...afterKnown, events: afterKnown.events + 1 });
  });

  it("limits the forms per client address, and the links per email address, silently", async () => {
    const answers = [];
    for (let i = 0; i < 11; i += 1) answers.push(await forgotAction(initialActionResult, form({ locale: "en", email: `someone-${i}@example.org` })));
    expect(answers.slice(0, 10).every((a) => a.ok)).toBe(true);
    // The mocked request comes from 198.51.100.7 (the socket), whatever X-Forwarded-For says.
    expect(answers[10]).toMatchObject({ ok: false, messageKey: "auth.forgotThrottled" });

    const email = "flooded@example.org";
    const events = async () =>
      (await db.outboxEvent.findMany({ where: { name: "auth/password-reset.requested" } })).filter((e) => e.data.includes(email)).length;
    const results = [];
    for (let i = 0; i < 6; i += 1) results.push(await requestPasswordReset({ email, address: `192.0.2.${100 + i}` }));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await events()).toBe(3);
  });
});
