import { beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { authenticate } from "@/lib/server/auth/authenticate";
import { changePassword } from "@/lib/server/auth/change-password";
import { isResetTokenUsable, requestPasswordReset, resetPassword, RESET_TOKEN_TTL_MINUTES, sendPasswordResetLinks } from "@/lib/server/auth/password-reset";
import { verifyPassword } from "@/lib/auth/password";
import { actorFor } from "./helpers/actors";
import { textToSend } from "./helpers/email";
import { seedDemo } from "./helpers/seeded";

const noDelay = async () => {};

beforeAll(async () => {
  await seedDemo();
});

describe("authenticate", () => {
  test("every demo account signs in with its password", async () => {
    for (const [username, password] of [
      ["demo.admin", "Demo-Admin-2026!"],
      ["demo.board", "Demo-Board-2026!"],
      ["demo.school", "Demo-School-2026!"],
      ["demo.school2", "Demo-School2-2026!"],
      ["other.board", "Demo-Other-2026!"],
    ]) {
      const result = await authenticate({ username: username!, password: password!, address: "10.0.0.1", delay: noDelay });
      expect(result, username).toMatchObject({ ok: true });
    }
  });

  test("passwords are case-sensitive; usernames are not", async () => {
    expect(await authenticate({ username: "demo.school", password: "demo-school-2026!", address: "10.0.0.2", delay: noDelay })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await authenticate({ username: "Demo.School", password: "Demo-School-2026!", address: "10.0.0.2", delay: noDelay })).toMatchObject({
      ok: true,
    });
  });

  test("an unknown or deactivated user is refused like a wrong password", async () => {
    expect(await authenticate({ username: "nobody", password: "whatever-1A!", address: "10.0.0.3", delay: noDelay })).toEqual({
      ok: false,
      reason: "invalid",
    });
    await db.user.update({ where: { username: "demo.school2" }, data: { active: false } });
    expect(await authenticate({ username: "demo.school2", password: "Demo-School2-2026!", address: "10.0.0.3", delay: noDelay })).toEqual({
      ok: false,
      reason: "invalid",
    });
    await db.user.update({ where: { username: "demo.school2" }, data: { active: true } });
  });

  test("repeated failures block the account, even with the right password, until the block lifts", async () => {
    const now = new Date("2026-11-30T15:00:00Z");
    const delays: number[] = [];
    const attempt = (password: string, at = now, address = "10.0.0.4") =>
      authenticate({ username: "demo.board", password, address, now: at, delay: async (ms) => delays.push(ms) });
    for (let i = 0; i < 4; i++) expect(await attempt("wrong-password")).toEqual({ ok: false, reason: "invalid" });
    expect(delays.length).toBeGreaterThan(0);
    expect(await attempt("wrong-password")).toMatchObject({ ok: false, reason: "throttled" });
    // From another address too: the account itself is blocked.
    expect(await attempt("Demo-Board-2026!", now, "10.0.0.5")).toMatchObject({ ok: false, reason: "throttled" });
    const later = new Date(now.getTime() + 61_000);
    expect(await attempt("Demo-Board-2026!", later)).toMatchObject({ ok: true });
    // Success clears the account's count.
    expect(await attempt("wrong-password", later)).toEqual({ ok: false, reason: "invalid" });
  });

  test("one address trying many accounts is blocked", async () => {
    const now = new Date("2026-12-01T15:00:00Z");
    let last;
    for (let i = 0; i < 20; i++) {
      last = await authenticate({ username: `guess${i}`, password: "x", address: "10.9.9.9", now, delay: noDelay });
    }
    expect(last).toMatchObject({ ok: false, reason: "throttled" });
    expect(await authenticate({ username: "demo.admin", password: "Demo-Admin-2026!", address: "10.9.9.9", now, delay: noDelay })).toMatchObject({
      reason: "throttled",
    });
  });
});

describe("forgot password", () => {
  /** The form, then its background half, as the runtime runs it for the event the form wrote. */
  async function forgot(email: string, now?: Date) {
    const before = await db.outboxEvent.findMany({ where: { name: "auth/password-reset.requested" }, select: { id: true } });
    expect(await requestPasswordReset({ email, address: "192.0.2.10", now })).toEqual({ ok: true });
    const event = await db.outboxEvent.findFirstOrThrow({
      where: { name: "auth/password-reset.requested", id: { notIn: before.map((e) => e.id) } },
    });
    return sendPasswordResetLinks({ ...(JSON.parse(event.data) as { email: string }), eventId: event.id, now });
  }

  test("an unknown address sends nothing and says nothing", async () => {
    const before = await db.emailOutbox.count();
    expect(await forgot("nobody@example.org")).toEqual({ sent: 0 });
    expect(await db.emailOutbox.count()).toBe(before);
  });

  test("the emailed link resets the password once, ends other sessions and names the username", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { username: "other.board" } });
    expect(await forgot(user.email.toUpperCase())).toEqual({ sent: 1 });
    const row = await db.emailOutbox.findFirstOrThrow({ where: { to: user.email, template: "passwordReset" }, orderBy: { createdAt: "desc" } });
    const email = { ...row, text: textToSend(row, /\/reset\/([A-Za-z0-9_-]+)/) };
    expect(email.locale).toBe("fr");
    expect(email.subject).toContain("mot de passe");
    expect(email.text).toContain("other.board");
    const token = /\/fr\/reset\/([A-Za-z0-9_-]+)/.exec(email.text)?.[1];
    expect(token).toBeTruthy();
    const stored = await db.passwordResetToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.tokenHash).not.toContain(token!);

    expect(await resetPassword({ token: token!, password: "short" })).toMatchObject({ ok: false, reason: "policy" });
    expect(await resetPassword({ token: token!, password: "Nouveau-Passe-2026!" })).toMatchObject({ ok: true });
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword("Nouveau-Passe-2026!", after.passwordHash)).toBe(true);
    expect(after.sessionVersion).toBe(user.sessionVersion + 1);
    expect(await resetPassword({ token: token!, password: "Encore-Autre-2026!" })).toEqual({ ok: false, reason: "invalidToken" });
    expect(await isResetTokenUsable(token!)).toBe(false);
  });

  test("a link expires", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { username: "demo.school" } });
    const past = new Date(Date.now() - (RESET_TOKEN_TTL_MINUTES + 1) * 60_000);
    await forgot(user.email, past);
    const email = await db.emailOutbox.findFirstOrThrow({ where: { to: user.email }, orderBy: { createdAt: "desc" } });
    const token = /\/reset\/([A-Za-z0-9_-]+)/.exec(textToSend(email))![1]!;
    expect(await isResetTokenUsable(token)).toBe(false);
    expect(await resetPassword({ token, password: "Valid-Password-2026!" })).toEqual({ ok: false, reason: "invalidToken" });
  });
});

describe("change password", () => {
  test("a temporary password is replaced without asking for it again", async () => {
    await db.user.update({ where: { username: "demo.school2" }, data: { mustChangePassword: true } });
    const actor = await actorFor("demo.school2");
    expect(await changePassword({ actor, next: "brandnewpass2026" })).toMatchObject({ ok: false, reason: "policy" });
    expect(await changePassword({ actor, next: "Brand-New-Pass-2026!" })).toMatchObject({ ok: true });
    expect((await db.user.findUniqueOrThrow({ where: { username: "demo.school2" } })).mustChangePassword).toBe(false);
  });

  test("otherwise the current password is required", async () => {
    const actor = await actorFor("demo.admin");
    expect(await changePassword({ actor, next: "Another-Pass-2026!" })).toEqual({ ok: false, reason: "currentWrong" });
    expect(await changePassword({ actor, current: "demo-admin-2026!", next: "Another-Pass-2026!" })).toEqual({ ok: false, reason: "currentWrong" });
    expect(await changePassword({ actor, current: "Demo-Admin-2026!", next: "Demo-Admin-2026!" })).toMatchObject({ ok: false, reason: "policy" });
    expect(await changePassword({ actor, current: "Demo-Admin-2026!", next: "Another-Pass-2026!" })).toMatchObject({ ok: true });
  });
});
