import { beforeAll, describe, expect, it, vi } from "vitest";

// The one pipeline of the server actions (lib/actions/pipeline.ts, ADR 0012), called directly as a browser would
// replay them: the session first, with different answers for an ended session and a forbidden role; a failure the
// action does not expect is the translated generic error, never its text; Next's redirects pass through.

vi.mock("@/lib/auth/auth", () => import("./helpers/session"));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { db } from "@/lib/db";
import { changePasswordAction } from "@/lib/actions/auth";
import { runJobNowAction } from "@/lib/actions/jobs";
import { applyNoUploadAction } from "@/lib/actions/requests";
import { initialActionResult } from "@/lib/actions/result";
import { userAccountAction } from "@/lib/actions/users";
import { actorFor } from "./helpers/actors";
import { seedDemo } from "./helpers/seeded";
import { signInAs } from "./helpers/session";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

beforeAll(async () => {
  await seedDemo();
});

describe("the action pipeline", () => {
  it("tells an ended session from a forbidden role", async () => {
    signInAs(null);
    expect(await runJobNowAction(initialActionResult, form({ functionId: "release-deferred-requests" }))).toEqual({
      ok: false,
      messageKey: "auth.sessionExpired",
    });

    // A session whose version no longer matches (signed out elsewhere, password reset): ended.
    const school = await actorFor("demo.school");
    signInAs({ id: school.id, sessionVersion: school.sessionVersion + 1 });
    expect(await applyNoUploadAction(initialActionResult, form({}))).toEqual({ ok: false, messageKey: "auth.sessionExpired" });

    // Signed in, not allowed.
    signInAs(await actorFor("demo.board"));
    expect(await runJobNowAction(initialActionResult, form({ functionId: "release-deferred-requests" }))).toEqual({
      ok: false,
      messageKey: "errors.forbidden",
    });
    signInAs(school);
    expect(await userAccountAction(initialActionResult, form({ intent: "resend", userId: school.id }))).toEqual({ ok: false, messageKey: "errors.forbidden" });
  });

  it("lets a user holding a temporary password change it, and nothing else", async () => {
    await db.user.update({ where: { username: "demo.school2" }, data: { mustChangePassword: true } });
    const user = await actorFor("demo.school2");
    signInAs(user);
    expect(await applyNoUploadAction(initialActionResult, form({}))).toEqual({ ok: false, messageKey: "auth.sessionExpired" });
    // The change-password form answers (here: its own field errors), and does not send the user away.
    expect(await changePasswordAction(initialActionResult, form({ password: "a", confirm: "b" }))).toMatchObject({
      ok: false,
      fieldErrors: { confirm: ["auth.passwordsDoNotMatch"] },
    });
    await db.user.update({ where: { username: "demo.school2" }, data: { mustChangePassword: false } });
  });

  it("answers an unexpected failure with the translated generic error, never its text, and lets redirects through", async () => {
    const admin = await actorFor("demo.admin");
    signInAs(admin);
    const failing = vi.spyOn(db.jobRun, "findUnique").mockRejectedValueOnce(new Error("connection reset by a peer at 10.0.0.7"));
    const logged = vi.mocked(console.error).mockImplementation(() => {});
    // Retry looks the run up first: that read fails.
    const result = await (await import("@/lib/actions/jobs")).retryJobRunAction(initialActionResult, form({ runId: "some-run" }));
    expect(result).toEqual({ ok: false, messageKey: "errors.generic" });
    expect(JSON.stringify(result)).not.toContain("10.0.0.7");
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/^\[actions\] unexpected failure: Error: connection reset/));
    failing.mockRestore();
    logged.mockReset();

    // A redirect is an answer: it reaches Next as thrown.
    signInAs(await actorFor("demo.school"));
    await expect(
      changePasswordAction(initialActionResult, form({ current: "Demo-School-2026!", password: "Another-Pass-2026!x", confirm: "Another-Pass-2026!x" })),
    ).rejects.toMatchObject({
      digest: expect.stringMatching(/^NEXT_REDIRECT;.*\/requests\?passwordChanged=1/),
    });
  });

  it("puts the fields it was told to back into the form when it fails", async () => {
    signInAs(await actorFor("demo.admin"));
    const result = await (
      await import("@/lib/actions/users")
    ).createUserAction(initialActionResult, form({ username: "x", displayName: "Élise <b>", email: "not-an-address", role: "SCHOOL_USER", language: "fr" }));
    expect(result).toMatchObject({
      ok: false,
      fields: { username: "x", displayName: "Élise <b>", email: "not-an-address", role: "SCHOOL_USER", language: "fr" },
    });
    expect(result.fieldErrors?.email).toBeDefined();
  });
});
