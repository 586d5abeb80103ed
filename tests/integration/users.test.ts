// User administration (product §11): who may create, list, deactivate and reset whom, and the temporary password
// that reaches the new user by email (product §1).
import { beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { authenticate } from "@/lib/server/auth/authenticate";
import { loadActor } from "@/lib/server/auth/load-actor";
import { passwordProblems } from "@/lib/domain/password-policy";
import { createUser, findCreateUserChoices, grantableRoles, type CreateUserInput } from "@/lib/server/users/create-user";
import { listUsers } from "@/lib/server/users/list-users";
import { resendTemporaryPassword } from "@/lib/server/users/resend-temporary-password";
import { setUserActive } from "@/lib/server/users/set-user-active";
import { actorFor } from "./helpers/actors";
import { textToSend } from "./helpers/email";
import { seedDemo } from "./helpers/seeded";

const noDelay = async () => {};
let address = 0;
/** A fresh client address per sign-in, so the per-address throttle never interferes. */
const signIn = (username: string, password: string) => authenticate({ username, password, address: `10.9.0.${++address}`, delay: noDelay });

const boardId = async (number: string) => (await db.board.findUniqueOrThrow({ where: { number } })).id;
const schoolId = async (mident: string) => (await db.school.findUniqueOrThrow({ where: { mident } })).id;
const user = (username: string) => db.user.findUniqueOrThrow({ where: { username } });
const outboxCount = () => db.emailOutbox.count();

/** The latest email to an address and the temporary password it carries. */
async function temporaryPasswordEmail(to: string) {
  const email = await db.emailOutbox.findFirstOrThrow({ where: { to }, orderBy: { createdAt: "desc" } });
  const pattern = /(?:Temporary password|Mot de passe temporaire)\s*:\s*(\S+)/;
  const text = textToSend(email, pattern);
  const password = pattern.exec(text)?.[1];
  if (!password) throw new Error(`no temporary password in the email to ${to}`);
  return { email: { ...email, text }, password };
}

type Fields = { username: string; displayName: string; email: string; role: string; language: string; boardId?: string; schoolId?: string };
const input = (over: Partial<Fields>): Fields & CreateUserInput => ({
  username: "someone",
  displayName: "Some One",
  email: "someone@example.org",
  role: "SCHOOL_USER",
  language: "en",
  ...over,
});

beforeAll(async () => {
  await seedDemo();
});

describe("createUser", () => {
  test("an OCAS administrator creates a user of each role, placed by the role", async () => {
    const admin = await actorFor("demo.admin");
    const [b99998, b99999, aurora] = [await boardId("99998"), await boardId("99999"), await schoolId("999997")];
    const cases = [
      // The board offered with an OCAS role is ignored: OCAS staff belong to no board.
      { input: input({ username: "New.Ocas", email: "New.Ocas@Example.org", role: "OCAS_ADMIN", boardId: b99999 }), boardId: null, schoolId: null },
      { input: input({ username: "new.board.admin", email: "nba@example.org", role: "BOARD_ADMIN", boardId: b99998 }), boardId: b99998, schoolId: null },
      { input: input({ username: "new.board.user", email: "nbu@example.org", role: "BOARD_USER", boardId: b99999 }), boardId: b99999, schoolId: null },
      // A school user's board is the school's.
      { input: input({ username: "new_school-1", email: "nsu@example.org", role: "SCHOOL_USER", schoolId: aurora }), boardId: b99998, schoolId: aurora },
    ];
    for (const c of cases) {
      const result = await createUser({ actor: admin, input: c.input });
      expect(result, c.input.username).toMatchObject({ ok: true });
      const created = await user(c.input.username.toLowerCase());
      expect(created).toMatchObject({
        role: c.input.role,
        boardId: c.boardId,
        schoolId: c.schoolId,
        email: c.input.email.toLowerCase(),
        mustChangePassword: true,
        active: true,
      });
    }
    expect(await user("new.ocas")).toMatchObject({ email: "new.ocas@example.org", displayName: "Some One" });
  });

  test("the emailed temporary password, in the user's language, verifies against the stored bcrypt hash", async () => {
    const admin = await actorFor("demo.admin");
    const before = await outboxCount();
    const result = await createUser({
      actor: admin,
      input: input({
        username: "nouvelle.ecole",
        displayName: "Élise Tremblay",
        email: "elise@example.org",
        language: "fr",
        schoolId: await schoolId("999996"),
      }),
    });
    expect(result).toMatchObject({ ok: true });
    expect(await outboxCount()).toBe(before + 1);
    // Queued with the user, in one transaction, with the event that sends it.
    const queued = await db.emailOutbox.findFirstOrThrow({ where: { to: "elise@example.org" } });
    expect(queued.status).toBe("QUEUED");
    expect(await db.outboxEvent.count({ where: { id: `email-${queued.id}` } })).toBe(1);

    const { email, password } = await temporaryPasswordEmail("elise@example.org");
    expect(email).toMatchObject({ locale: "fr", template: "temporaryPassword", subject: "Votre compte SGéRN" });
    expect(email.text).toContain("Bonjour Élise Tremblay,");
    expect(email.text).toContain("Nom d'utilisateur : nouvelle.ecole");
    expect(email.text).toMatch(/https?:\/\/[^\s]+\/fr\/login/);
    expect(passwordProblems(password, "nouvelle.ecole")).toEqual([]);

    const stored = await user("nouvelle.ecole");
    expect(stored.passwordHash).toMatch(/^\$2[aby]\$12\$/);
    expect(stored.passwordHash).not.toContain(password);
    expect(await verifyPassword(password, stored.passwordHash)).toBe(true);
    expect(await verifyPassword(password.toLowerCase(), stored.passwordHash)).toBe(false);
    // The user can sign in with it, and is then made to choose a new one (mustChangePassword).
    expect(await signIn("nouvelle.ecole", password)).toMatchObject({ ok: true });
    expect(stored.mustChangePassword).toBe(true);

    // An English-speaking user gets the English email.
    await createUser({ actor: admin, input: input({ username: "english.user", email: "english@example.org", schoolId: await schoolId("999999") }) });
    const english = await temporaryPasswordEmail("english@example.org");
    expect(english.email).toMatchObject({ locale: "en", subject: "Your TRMS account" });
    expect(english.email.text).toMatch(/\/en\/login/);
    expect(await verifyPassword(english.password, (await user("english.user")).passwordHash)).toBe(true);
  });

  test("a board administrator creates users in their own board only, and cannot grant OCAS_ADMIN", async () => {
    const boardAdmin = await actorFor("demo.board");
    const [own, other] = [await boardId("99999"), await boardId("99998")];
    expect(grantableRoles(boardAdmin)).toEqual(["BOARD_ADMIN", "BOARD_USER", "SCHOOL_USER"]);

    expect(await createUser({ actor: boardAdmin, input: input({ username: "ba.made.user", email: "a@example.org", role: "BOARD_USER" }) })).toMatchObject({
      ok: true,
    });
    expect(await user("ba.made.user")).toMatchObject({ role: "BOARD_USER", boardId: own, schoolId: null });
    expect(
      await createUser({ actor: boardAdmin, input: input({ username: "ba.made.admin", email: "b@example.org", role: "BOARD_ADMIN", boardId: own }) }),
    ).toMatchObject({ ok: true });
    expect(await user("ba.made.admin")).toMatchObject({ role: "BOARD_ADMIN", boardId: own });
    const lakeview = await schoolId("999998");
    expect(await createUser({ actor: boardAdmin, input: input({ username: "ba.made.school", email: "c@example.org", schoolId: lakeview }) })).toMatchObject({
      ok: true,
    });
    expect(await user("ba.made.school")).toMatchObject({ role: "SCHOOL_USER", boardId: own, schoolId: lakeview });

    const users = await db.user.count();
    const emails = await outboxCount();
    expect(await createUser({ actor: boardAdmin, input: input({ username: "ba.ocas", role: "OCAS_ADMIN" }) })).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { role: ["admin.users.errors.roleNotAllowed"] },
    });
    expect(await createUser({ actor: boardAdmin, input: input({ username: "ba.other.board", role: "BOARD_USER", boardId: other }) })).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { boardId: ["admin.users.errors.boardNotAllowed"] },
    });
    expect(await createUser({ actor: boardAdmin, input: input({ username: "ba.other.school", schoolId: await schoolId("999997") }) })).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: { schoolId: ["admin.users.errors.schoolNotAllowed"] },
    });
    expect(await db.user.count()).toBe(users);
    expect(await outboxCount()).toBe(emails);

    // The form only offers the board's own schools.
    const choices = await findCreateUserChoices({ actor: boardAdmin });
    expect(choices.boards.map((b) => b.number)).toEqual(["99999"]);
    expect(choices.schools.map((s) => s.mident).sort()).toEqual(["999998", "999999"]);
  });

  test("school users and board users cannot create users", async () => {
    const users = await db.user.count();
    for (const username of ["demo.school", "other.board", "demo.board.user"]) {
      const actor = await actorFor(username);
      expect(grantableRoles(actor), username).toEqual([]);
      const result = await createUser({ actor, input: input({ username: `made.by.${username}`, schoolId: actor.schoolId ?? undefined }) });
      expect(result, username).toEqual({ ok: false, reason: "forbidden" });
      expect(await findCreateUserChoices({ actor })).toEqual({ roles: [], boards: [], schools: [] });
    }
    expect(await db.user.count()).toBe(users);
  });

  test("placement mistakes are field errors", async () => {
    const admin = await actorFor("demo.admin");
    const refuse = async (over: Partial<Fields>, field: string, key: string) =>
      expect(await createUser({ actor: admin, input: input({ username: "misplaced", ...over }) })).toEqual({
        ok: false,
        reason: "invalid",
        fieldErrors: { [field]: [`admin.users.errors.${key}`] },
      });
    await refuse({ role: "BOARD_USER" }, "boardId", "boardRequired");
    await refuse({ role: "BOARD_USER", boardId: "no-such-board" }, "boardId", "boardNotAllowed");
    await refuse({ role: "SCHOOL_USER" }, "schoolId", "schoolRequired");
    await refuse({ role: "SCHOOL_USER", schoolId: "no-such-school" }, "schoolId", "schoolNotAllowed");
    await refuse({ role: "SCHOOL_USER", schoolId: await schoolId("999999"), boardId: await boardId("99998") }, "schoolId", "schoolNotInBoard");
    expect(await db.user.findUnique({ where: { username: "misplaced" } })).toBeNull();
  });

  test("a taken username is a field error, whatever its case", async () => {
    const admin = await actorFor("demo.admin");
    const emails = await outboxCount();
    for (const username of ["demo.school", "Demo.School", "  demo.school "]) {
      expect(await createUser({ actor: admin, input: input({ username, schoolId: await schoolId("999999") }) })).toEqual({
        ok: false,
        reason: "invalid",
        fieldErrors: { username: ["admin.users.errors.usernameTaken"] },
      });
    }
    expect(await outboxCount()).toBe(emails);
    expect(await user("demo.school")).toMatchObject({ displayName: "Sample High School Clerk", mustChangePassword: false });
  });

  test("malformed fields are field errors", async () => {
    const admin = await actorFor("demo.admin");
    const result = await createUser({
      actor: admin,
      input: { username: "ab", displayName: "  ", email: "not-an-email", role: "SUPERUSER" as never, language: "de" as never },
    });
    expect(result).toEqual({
      ok: false,
      reason: "invalid",
      fieldErrors: {
        username: ["admin.users.errors.usernameLength"],
        displayName: ["admin.users.errors.displayNameRequired"],
        email: ["admin.users.errors.emailInvalid"],
        role: ["admin.users.errors.roleRequired"],
        language: ["admin.users.errors.languageRequired"],
      },
    });
    expect(await createUser({ actor: admin, input: input({ username: "bad name!", schoolId: await schoolId("999999") }) })).toMatchObject({
      fieldErrors: { username: ["admin.users.errors.usernameCharacters"] },
    });
    expect(await createUser({ actor: admin, input: input({ username: "x".repeat(51), schoolId: await schoolId("999999") }) })).toMatchObject({
      fieldErrors: { username: ["admin.users.errors.usernameLength"] },
    });
  });
});

describe("listUsers", () => {
  const names = (rows: { username: string }[]) => rows.map((r) => r.username);

  test("an OCAS administrator sees every account", async () => {
    const all = await db.user.findMany({ select: { username: true }, orderBy: { username: "asc" } });
    const rows = await listUsers({ actor: await actorFor("demo.admin") });
    expect(names(rows)).toEqual(names(all));
    expect(names(rows)).toEqual(expect.arrayContaining(["demo.admin", "demo.board", "other.board", "aurora.school", "new.ocas", "ba.made.school"]));
  });

  test("a board administrator sees exactly the users of their board and its schools", async () => {
    const rows = await listUsers({ actor: await actorFor("demo.board") });
    expect(names(rows)).toEqual(
      [
        "ba.made.admin",
        "ba.made.school",
        "ba.made.user",
        "demo.board",
        "demo.board.user",
        "demo.school",
        "demo.school2",
        "english.user",
        "new.board.user",
      ].sort(),
    );
    const schoolRow = rows.find((r) => r.username === "demo.school")!;
    expect(schoolRow).toMatchObject({ role: "SCHOOL_USER", language: "en", active: true, mustChangePassword: false });
    expect(schoolRow.school).toMatchObject({ mident: "999999", nameEn: "Sample High School" });
    expect(schoolRow.board).toMatchObject({ number: "99999" });

    const northern = await listUsers({ actor: await actorFor("other.board.admin") });
    expect(names(northern)).toEqual([
      "aurora.school",
      "boreale.school",
      "new.board.admin",
      "new_school-1",
      "nouvelle.ecole",
      "other.board",
      "other.board.admin",
    ]);
  });

  test("board users and school users see no one", async () => {
    for (const username of ["demo.school", "other.board", "demo.board.user"]) {
      expect(await listUsers({ actor: await actorFor(username) }), username).toEqual([]);
    }
  });
});

describe("setUserActive", () => {
  test("deactivating ends the user's sessions and sign-ins; reactivating restores them", async () => {
    const admin = await actorFor("demo.admin");
    const target = await user("demo.school2");
    expect(await setUserActive({ actor: admin, userId: target.id, active: false })).toEqual({ ok: true, username: "demo.school2", changed: true });
    const after = await user("demo.school2");
    expect(after).toMatchObject({ active: false, sessionVersion: target.sessionVersion + 1 });
    expect(await loadActor(target.id)).toBeNull();
    expect(await signIn("demo.school2", "Demo-School2-2026!")).toEqual({ ok: false, reason: "invalid" });
    expect((await listUsers({ actor: admin })).find((r) => r.username === "demo.school2")).toMatchObject({ active: false });

    // Again: nothing changes.
    expect(await setUserActive({ actor: admin, userId: target.id, active: false })).toEqual({ ok: true, username: "demo.school2", changed: false });
    expect((await user("demo.school2")).sessionVersion).toBe(target.sessionVersion + 1);

    const boardAdmin = await actorFor("demo.board");
    expect(await setUserActive({ actor: boardAdmin, userId: target.id, active: true })).toEqual({ ok: true, username: "demo.school2", changed: true });
    expect(await user("demo.school2")).toMatchObject({ active: true });
    expect(await signIn("demo.school2", "Demo-School2-2026!")).toMatchObject({ ok: true });
  });

  test("nobody deactivates themselves", async () => {
    for (const username of ["demo.admin", "demo.board"]) {
      const actor = await actorFor(username);
      expect(await setUserActive({ actor, userId: actor.id, active: false })).toEqual({ ok: false, reason: "self" });
      expect(await user(username)).toMatchObject({ active: true, sessionVersion: actor.sessionVersion });
    }
  });

  test("a board administrator cannot touch users outside the board; other roles touch no one", async () => {
    const boardAdmin = await actorFor("demo.board");
    for (const username of ["demo.admin", "other.board", "aurora.school"]) {
      const target = await user(username);
      expect(await setUserActive({ actor: boardAdmin, userId: target.id, active: false }), username).toEqual({ ok: false, reason: "notFound" });
      expect(await user(username)).toMatchObject({ active: true, sessionVersion: target.sessionVersion });
    }
    const victim = await user("demo.school2");
    for (const username of ["demo.school", "demo.board.user"]) {
      const actor = await actorFor(username);
      expect(await setUserActive({ actor, userId: victim.id, active: false }), username).toEqual({ ok: false, reason: "forbidden" });
    }
    expect(await user("demo.school2")).toMatchObject({ active: true });
  });
});

describe("resendTemporaryPassword", () => {
  test("sets and emails a new temporary password, ends the user's sessions and forces a change", async () => {
    const boardAdmin = await actorFor("demo.board");
    const before = await user("demo.school");
    const result = await resendTemporaryPassword({ actor: boardAdmin, userId: before.id });
    expect(result).toEqual({ ok: true, username: "demo.school", email: "demo.school@trms.example" });

    const after = await user("demo.school");
    expect(after).toMatchObject({ mustChangePassword: true, active: true, sessionVersion: before.sessionVersion + 1 });
    const { email, password } = await temporaryPasswordEmail("demo.school@trms.example");
    expect(email).toMatchObject({ locale: "en", template: "temporaryPassword" });
    expect(await verifyPassword(password, after.passwordHash)).toBe(true);
    expect(await signIn("demo.school", "Demo-School-2026!")).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn("demo.school", password)).toMatchObject({ ok: true, sessionVersion: before.sessionVersion + 1 });
  });

  test("a French-speaking user gets the email in French", async () => {
    const admin = await actorFor("demo.admin");
    const target = await user("boreale.school");
    expect(await resendTemporaryPassword({ actor: admin, userId: target.id })).toMatchObject({ ok: true });
    const { email, password } = await temporaryPasswordEmail("boreale.school@trms.example");
    expect(email).toMatchObject({ locale: "fr", subject: "Votre compte SGéRN" });
    expect(await verifyPassword(password, (await user("boreale.school")).passwordHash)).toBe(true);
  });

  test("is refused out of scope, for oneself, for a deactivated account and for non-administrators", async () => {
    const emails = await outboxCount();
    const boardAdmin = await actorFor("demo.board");
    const aurora = await user("aurora.school");
    expect(await resendTemporaryPassword({ actor: boardAdmin, userId: aurora.id })).toEqual({ ok: false, reason: "notFound" });
    expect(await resendTemporaryPassword({ actor: boardAdmin, userId: boardAdmin.id })).toEqual({ ok: false, reason: "self" });

    const admin = await actorFor("demo.admin");
    const deactivated = await user("demo.board.user");
    await setUserActive({ actor: admin, userId: deactivated.id, active: false });
    expect(await resendTemporaryPassword({ actor: admin, userId: deactivated.id })).toEqual({ ok: false, reason: "inactive" });

    const schoolUser = await actorFor("demo.school2");
    expect(await resendTemporaryPassword({ actor: schoolUser, userId: aurora.id })).toEqual({ ok: false, reason: "forbidden" });

    expect(await outboxCount()).toBe(emails);
    expect(await user("aurora.school")).toMatchObject({ passwordHash: aurora.passwordHash, sessionVersion: aurora.sessionVersion, mustChangePassword: false });
  });
});
