// Users administration beyond creating (product §11, contracts §10): editing role, board/school and language within the
// actor's reach (board administrators only their board), search and paging, and an audit row for every change —
// create, edit, deactivate, reactivate, new temporary password (never the password itself).
import { beforeAll, beforeEach, describe, expect, test, vi } from "vitest";

vi.mock("@/lib/auth/auth", () => import("./helpers/session"));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { createUserAction, updateUserAction } from "@/lib/actions/users";
import { initialActionResult } from "@/lib/actions/result";
import { db } from "@/lib/db";
import { createUser } from "@/lib/server/users/create-user";
import { findUsersPage, USERS_PAGE_SIZE } from "@/lib/server/users/list-users";
import { resendTemporaryPassword } from "@/lib/server/users/resend-temporary-password";
import { setUserActive } from "@/lib/server/users/set-user-active";
import { getManagedUser, updateUser } from "@/lib/server/users/update-user";
import { actorFor } from "./helpers/actors";
import { seedDemo } from "./helpers/seeded";
import { signInAs } from "./helpers/session";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};
const user = (username: string) => db.user.findUniqueOrThrow({ where: { username } });
const schoolId = async (mident: string) => (await db.school.findUniqueOrThrow({ where: { mident } })).id;
const auditOf = (username: string) => db.auditEvent.findMany({ where: { entity: "user", entityId: username }, orderBy: { createdAt: "asc" } });

beforeAll(async () => {
  await seedDemo();
});

beforeEach(() => {
  signInAs(null);
});

describe("editing an account", () => {
  test("a board administrator moves a user of the board to another of its schools and changes the language", async () => {
    const boardAdmin = await actorFor("demo.board");
    const target = await user("demo.school");
    const result = await updateUser({
      actor: boardAdmin,
      username: "demo.school",
      input: { displayName: target.displayName, email: target.email, role: "SCHOOL_USER", schoolId: await schoolId("999998"), language: "fr" },
    });
    expect(result).toMatchObject({ ok: true, changed: true });
    const saved = await user("demo.school");
    expect(saved).toMatchObject({ schoolId: await schoolId("999998"), language: "fr", sessionVersion: target.sessionVersion + 1 });
    const row = (await auditOf("demo.school")).at(-1)!;
    expect(row).toMatchObject({ action: "user.update", actorId: boardAdmin.id });
    expect(JSON.parse(row.before!)).toEqual({ language: "en", school: "999999" });
    expect(JSON.parse(row.after!)).toEqual({ language: "fr", school: "999998" });
  });

  test("a board administrator cannot reach another board's account nor place a user outside the board", async () => {
    const boardAdmin = await actorFor("demo.board");
    expect(await getManagedUser({ actor: boardAdmin, username: "other.board" })).toBeNull();
    const other = await user("other.board");
    expect(
      await updateUser({
        actor: boardAdmin,
        username: "other.board",
        input: { displayName: "Hijack", email: other.email, role: "BOARD_USER", language: "en" },
      }),
    ).toEqual({ ok: false, reason: "notFound" });
    const mine = await user("demo.board.user");
    expect(
      await updateUser({
        actor: boardAdmin,
        username: "demo.board.user",
        input: { displayName: mine.displayName, email: mine.email, role: "SCHOOL_USER", schoolId: await schoolId("999997"), language: "en" },
      }),
    ).toEqual({ ok: false, reason: "invalid", fieldErrors: { schoolId: ["admin.users.errors.schoolNotAllowed"] } });
    expect(
      await updateUser({
        actor: boardAdmin,
        username: "demo.board.user",
        input: { displayName: mine.displayName, email: mine.email, role: "OCAS_ADMIN", language: "en" },
      }),
    ).toEqual({ ok: false, reason: "invalid", fieldErrors: { role: ["admin.users.errors.roleNotAllowed"] } });
    expect(await user("other.board")).toMatchObject({ displayName: other.displayName });
    expect(await user("demo.board.user")).toMatchObject({ role: mine.role, schoolId: mine.schoolId });
  });

  test("nobody changes their own role or placement; invalid fields and a stale form are refused; school users are refused", async () => {
    const admin = await actorFor("demo.admin");
    const me = await user("demo.admin");
    expect(
      await updateUser({
        actor: admin,
        username: "demo.admin",
        input: { displayName: me.displayName, email: me.email, role: "BOARD_USER", boardId: me.boardId ?? "", language: "en" },
      }),
    ).toMatchObject({
      ok: false,
    });
    expect(await user("demo.admin")).toMatchObject({ role: "OCAS_ADMIN" });
    expect(
      await updateUser({
        actor: admin,
        username: "demo.admin",
        input: { displayName: "Demo Admin Renamed", email: me.email, role: "OCAS_ADMIN", language: "en" },
      }),
    ).toMatchObject({
      ok: true,
      changed: true,
    });

    const target = await user("demo.school2");
    expect(
      await updateUser({ actor: admin, username: "demo.school2", input: { displayName: "", email: "nope", role: "SCHOOL_USER", language: "xx" } }),
    ).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { displayName: expect.any(Array), email: expect.any(Array), language: expect.any(Array) },
    });
    expect(
      await updateUser({
        actor: admin,
        username: "demo.school2",
        input: { displayName: "X", email: target.email, role: "SCHOOL_USER", schoolId: target.schoolId!, language: "en", version: new Date(0).toISOString() },
      }),
    ).toEqual({ ok: false, reason: "stale" });

    for (const username of ["demo.school", "demo.board.user"]) {
      const actor = await actorFor(username);
      expect(
        await updateUser({ actor, username: "demo.school2", input: { displayName: "X", email: target.email, role: "SCHOOL_USER", language: "en" } }),
        username,
      ).toEqual({
        ok: false,
        reason: "forbidden",
      });
      signInAs(actor);
      expect(
        await updateUserAction(initialActionResult, form({ username: "demo.school2", displayName: "X", role: "SCHOOL_USER", language: "en" })),
        username,
      ).toEqual({
        ok: false,
        messageKey: "errors.forbidden",
      });
    }
    expect(await user("demo.school2")).toMatchObject({ displayName: target.displayName });
  });
});

describe("audit rows and search", () => {
  test("create, deactivate, reactivate and a new temporary password each write one audit row; the password never", async () => {
    const admin = await actorFor("demo.admin");
    const created = await createUser({
      actor: admin,
      input: {
        username: "audit.person",
        displayName: "Audit Person",
        email: "audit.person@example.org",
        role: "SCHOOL_USER",
        schoolId: await schoolId("999999"),
        language: "en",
      },
    });
    expect(created.ok).toBe(true);
    const id = (await user("audit.person")).id;
    await setUserActive({ actor: admin, userId: id, active: false });
    await setUserActive({ actor: admin, userId: id, active: false });
    await setUserActive({ actor: admin, userId: id, active: true });
    await resendTemporaryPassword({ actor: admin, userId: id });
    const rows = await auditOf("audit.person");
    expect(rows.map((r) => r.action)).toEqual(["user.create", "user.deactivate", "user.reactivate", "user.resend"]);
    expect(JSON.parse(rows[0]!.after!)).toMatchObject({ role: "SCHOOL_USER", school: "999999", board: "99999", email: "audit.person@example.org" });
    const email = await db.emailOutbox.findFirstOrThrow({ where: { to: "audit.person@example.org" }, orderBy: { createdAt: "desc" } });
    const everything = rows.map((r) => `${r.before ?? ""}${r.after ?? ""}`).join("");
    expect(everything).not.toMatch(/password"\s*:\s*"(?!sent)/i);
    expect(everything).not.toContain(email.id);

    signInAs(admin);
    const duplicate = await createUserAction(
      initialActionResult,
      form({ username: "Audit.Person", displayName: "X", email: "x@example.org", role: "OCAS_ADMIN", language: "en" }),
    );
    expect(duplicate).toMatchObject({ ok: false, messageKey: "admin.users.errors.usernameTakenNamed", values: { username: "audit.person" } });
  });

  test("the list is searched by part of a username, name or email, in scope, and paged", async () => {
    const admin = await actorFor("demo.admin");
    const boardAdmin = await actorFor("demo.board");
    expect((await findUsersPage({ actor: admin, q: "AUDIT.PER", page: 1 })).users.map((u) => u.username)).toEqual(["audit.person"]);
    expect((await findUsersPage({ actor: admin, q: "Person", page: 1 })).users.map((u) => u.username)).toEqual(["audit.person"]);
    expect((await findUsersPage({ actor: admin, q: "audit.person@EXAMPLE", page: 1 })).users.map((u) => u.username)).toEqual(["audit.person"]);
    expect((await findUsersPage({ actor: boardAdmin, q: "other.board", page: 1 })).users).toEqual([]);
    for (let i = 0; i <= USERS_PAGE_SIZE; i++) {
      await db.user.create({
        data: { username: `zz.page.${String(i).padStart(2, "0")}`, email: `p${i}@example.org`, displayName: "Paged", passwordHash: "x", role: "BOARD_USER" },
      });
    }
    const first = await findUsersPage({ actor: admin, q: "zz.page", page: 1 });
    const second = await findUsersPage({ actor: admin, q: "zz.page", page: 2 });
    expect([first.total, first.pageCount, first.users.length, second.users.length]).toEqual([USERS_PAGE_SIZE + 1, 2, USERS_PAGE_SIZE, 1]);
    expect(second.users[0]!.username).toBe(`zz.page.${USERS_PAGE_SIZE}`);
    const all = await findUsersPage({ actor: admin, q: "", page: 2 });
    expect(all.page).toBe(2);
    expect(all.users.length).toBe(all.total - USERS_PAGE_SIZE);
  });
});
