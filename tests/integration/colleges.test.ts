// College settings (contracts §4, §10): OCAS administrators read the colleges and change a college's Delivery URL and
// Active; saving turns an endpoint switched off by a 410 back on; "Generate New Secret" answers a whsec_ secret once,
// stores it sealed, and never gives it back nor writes it to an audit row or a log. Every change is one transaction
// with its audit row. Board administrators and school users are refused everything.
import { afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";

// The actions ask the session for the actor; here each test says who is signed in.
vi.mock("@/lib/auth/auth", () => import("./helpers/session"));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { generateCollegeSecretAction, saveCollegeAction, type GenerateSecretState } from "@/lib/actions/colleges";
import { initialActionResult } from "@/lib/actions/result";
import { openSecret } from "@/lib/auth/secret-box";
import { db } from "@/lib/db";
import { webhookKey } from "@/lib/domain/transmission/signature";
import { generateCollegeSecret } from "@/lib/server/colleges/generate-secret";
import { getCollege, listCollegeChoices, listColleges } from "@/lib/server/colleges/get-colleges";
import { updateCollege, type UpdateCollegeResult } from "@/lib/server/colleges/update-college";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";
import { COLLEGES } from "@/prisma/seed/reference-data";
import { actorFor } from "./helpers/actors";
import { seedDemo } from "./helpers/seeded";
import { signInAs } from "./helpers/session";

const E = "colleges.errors";
const CODE = "SENE";
const OTHER = "FLEM";

const collegeRow = (code: string) => db.college.findUniqueOrThrow({ where: { code } });
const auditRows = (code: string) => db.auditEvent.findMany({ where: { entity: "college", entityId: code }, orderBy: { createdAt: "asc" } });
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

/** A message key exists, as a string, in both languages. */
function messageExists(key: string) {
  const lookup = (messages: unknown) => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
  return typeof lookup(en) === "string" && typeof lookup(fr) === "string";
}

function expectInvalid(result: UpdateCollegeResult, fieldErrors: Record<string, string[]>) {
  expect(result).toEqual({ ok: false, reason: "invalid", fieldErrors });
  for (const keys of Object.values(fieldErrors)) for (const key of keys) expect(messageExists(key), key).toBe(true);
}

/** Everything written to the console during a test (the secret must never be in it). */
let consoleLines: string[] = [];

beforeAll(async () => {
  await seedDemo();
});

beforeEach(async () => {
  signInAs(null);
  consoleLines = [];
  for (const level of ["log", "info", "warn", "debug"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      consoleLines.push(args.map(String).join(" "));
    });
  }
  // Each test starts from the seeded state of the two colleges it changes.
  await db.college.updateMany({
    where: { code: { in: [CODE, OTHER] } },
    data: { deliveryUrl: null, deliverySecret: null, secretSetAt: null, deliveryDisabledAt: null, active: true },
  });
  await db.auditEvent.deleteMany({});
});

afterEach(() => {
  for (const level of ["log", "info", "warn", "debug"] as const) vi.mocked(console[level]).mockRestore();
});

describe("reading the colleges", () => {
  test("an OCAS administrator gets every college by code, without any secret", async () => {
    const admin = await actorFor("demo.admin");
    const colleges = await listColleges({ actor: admin });
    expect(colleges?.map((c) => c.code)).toEqual([...COLLEGES.map((c) => c.code)].sort());
    const seneca = colleges!.find((c) => c.code === CODE)!;
    expect(seneca).toMatchObject({ nameEn: "Seneca Polytechnic", nameFr: "Polytechnique Seneca", deliveryUrl: null, hasSecret: false, endpoint: "noUrl" });
    expect(seneca).not.toHaveProperty("deliverySecret");
    expect(await getCollege({ actor: admin, code: CODE })).toEqual(seneca);
    expect((await listCollegeChoices({ actor: admin })).map((c) => c.code)).toEqual(colleges!.map((c) => c.code));
  });

  test("an unknown, empty, too long or differently written code is not found", async () => {
    const admin = await actorFor("demo.admin");
    for (const code of ["ZZZZ", "", "sene", "SENECA-POLYTECHNIC", "SENE%"]) expect(await getCollege({ actor: admin, code }), code).toBeNull();
  });

  test("board administrators, board users and school users read nothing", async () => {
    for (const username of ["demo.board", "other.board", "demo.school"]) {
      const actor = await actorFor(username);
      expect(await listColleges({ actor }), username).toBeNull();
      expect(await getCollege({ actor, code: CODE }), username).toBeNull();
      expect(await listCollegeChoices({ actor }), username).toEqual([]);
    }
  });
});

describe("saving a college", () => {
  test("a Delivery URL and Active are saved with one audit row of the changed fields", async () => {
    const admin = await actorFor("demo.admin");
    const before = await collegeRow(CODE);
    const result = await updateCollege({ actor: admin, code: CODE, input: { deliveryUrl: "  https://seneca.example.org/trms  ", active: "" } });
    expect(result).toMatchObject({ ok: true, changed: true, reenabled: false, college: { deliveryUrl: "https://seneca.example.org/trms", active: false } });
    expect(await collegeRow(CODE)).toMatchObject({ deliveryUrl: "https://seneca.example.org/trms", active: false, deliveryDisabledAt: null });

    const audit = await auditRows(CODE);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: admin.id, action: "college.update", entity: "college", entityId: CODE });
    expect(JSON.parse(audit[0]!.before!)).toEqual({ deliveryUrl: null, active: true });
    expect(JSON.parse(audit[0]!.after!)).toEqual({ deliveryUrl: "https://seneca.example.org/trms", active: false });
    expect((await collegeRow(CODE)).updatedAt.getTime()).toBeGreaterThanOrEqual(before.updatedAt.getTime());

    // An empty URL means none; only what changed is in the audit row.
    const cleared = await updateCollege({ actor: admin, code: CODE, input: { deliveryUrl: "", active: "on" } });
    expect(cleared).toMatchObject({ ok: true, changed: true, college: { deliveryUrl: null, active: true, endpoint: "noUrl" } });
    const second = (await auditRows(CODE))[1]!;
    expect(JSON.parse(second.before!)).toEqual({ deliveryUrl: "https://seneca.example.org/trms", active: false });
    expect(JSON.parse(second.after!)).toEqual({ deliveryUrl: null, active: true });
  });

  test("a form that changes nothing saves nothing and writes no audit row", async () => {
    const admin = await actorFor("demo.admin");
    const before = await collegeRow(CODE);
    expect(await updateCollege({ actor: admin, code: CODE, input: { deliveryUrl: "", active: "on" } })).toMatchObject({ ok: true, changed: false });
    expect(await collegeRow(CODE)).toEqual(before);
    expect(await auditRows(CODE)).toEqual([]);
  });

  test("saving turns an endpoint switched off by a 410 back on, and says so", async () => {
    const admin = await actorFor("demo.admin");
    const disabledAt = new Date("2026-11-30T07:00:04.000Z");
    await db.college.update({ where: { code: CODE }, data: { deliveryUrl: "https://seneca.example.org/trms", deliveryDisabledAt: disabledAt } });
    expect(await getCollege({ actor: admin, code: CODE })).toMatchObject({ endpoint: "disabled", deliveryDisabledAt: disabledAt });

    signInAs(admin);
    const version = (await collegeRow(CODE)).updatedAt.toISOString();
    const answer = await saveCollegeAction(
      initialActionResult,
      form({ code: CODE, deliveryUrl: "https://seneca.example.org/trms", active: "on", version, locale: "fr" }),
    );
    expect(answer).toEqual({
      ok: true,
      messageKey: "colleges.form.savedReenabled",
      values: { code: CODE, college: "Polytechnique Seneca" },
    });
    expect(messageExists(answer.messageKey!)).toBe(true);
    expect(await collegeRow(CODE)).toMatchObject({ deliveryUrl: "https://seneca.example.org/trms", deliveryDisabledAt: null });
    const [audit] = await auditRows(CODE);
    expect(JSON.parse(audit!.before!)).toEqual({ deliveryDisabledAt: disabledAt.toISOString() });
    expect(JSON.parse(audit!.after!)).toEqual({ deliveryDisabledAt: null });
    // No secret yet: the endpoint is no longer off, but not working either.
    expect(await getCollege({ actor: admin, code: CODE })).toMatchObject({ endpoint: "noSecret" });
  });

  test("the action answers in the form's language, and says when the college has no Delivery URL", async () => {
    signInAs(await actorFor("demo.admin"));
    await db.college.update({ where: { code: CODE }, data: { deliveryUrl: "https://seneca.example.org/trms" } });
    const cleared = await saveCollegeAction(initialActionResult, form({ code: CODE, deliveryUrl: "", active: "on", locale: "en" }));
    expect(cleared).toEqual({ ok: true, messageKey: "colleges.form.savedNoUrl", values: { code: CODE, college: "Seneca Polytechnic" } });
    const saved = await saveCollegeAction(initialActionResult, form({ code: CODE, deliveryUrl: "https://seneca.example.org/b", active: "on" }));
    expect(saved).toMatchObject({ ok: true, messageKey: "colleges.form.saved" });
    const same = await saveCollegeAction(initialActionResult, form({ code: CODE, deliveryUrl: "https://seneca.example.org/b", active: "on" }));
    expect(same).toMatchObject({ ok: true, messageKey: "colleges.form.unchanged" });
  });

  test("the Delivery URL is validated, with messages in both languages; nothing is saved", async () => {
    const admin = await actorFor("demo.admin");
    const before = await collegeRow(CODE);
    const cases: [string, string, boolean][] = [
      ["http://seneca.example.org/trms", `${E}.urlHttpsOrLocal`, false],
      ["http://seneca.example.org/trms", `${E}.urlHttps`, true],
      ["http://127.0.0.1:4020/receive", `${E}.urlHttps`, true],
      ["http://127.0.0.2/receive", `${E}.urlHttpsOrLocal`, false],
      ["ftp://seneca.example.org/trms", `${E}.urlHttpsOrLocal`, false],
      ["seneca.example.org", `${E}.urlInvalid`, false],
      ["https://user:pass@seneca.example.org/", `${E}.urlCredentials`, false],
      [`https://seneca.example.org/${"a".repeat(2000)}`, `${E}.urlTooLong`, false],
    ];
    for (const [deliveryUrl, key, production] of cases) {
      expectInvalid(await updateCollege({ actor: admin, code: CODE, input: { deliveryUrl, active: "on" }, production }), { deliveryUrl: [key] });
    }
    expect(await collegeRow(CODE)).toEqual(before);
    expect(await auditRows(CODE)).toEqual([]);

    // Plain HTTP to the machine itself outside production: the demo's and the tests' college double.
    for (const deliveryUrl of ["http://127.0.0.1:4020/receive", "http://localhost:4020/receive"]) {
      expect(await updateCollege({ actor: admin, code: CODE, input: { deliveryUrl, active: "on" }, production: false }), deliveryUrl).toMatchObject({
        ok: true,
      });
    }
    // An address already stored is kept as it is, even plain HTTP in production; a new one is checked.
    expect(
      await updateCollege({ actor: admin, code: CODE, input: { deliveryUrl: "http://localhost:4020/receive", active: "" }, production: true }),
    ).toMatchObject({
      ok: true,
      changed: true,
    });
    expectInvalid(await updateCollege({ actor: admin, code: CODE, input: { deliveryUrl: "http://localhost:4020/other", active: "" }, production: true }), {
      deliveryUrl: [`${E}.urlHttps`],
    });

    // Through the action: the field errors, the form's values given back.
    signInAs(admin);
    const refused = await saveCollegeAction(initialActionResult, form({ code: CODE, deliveryUrl: "seneca", active: "on" }));
    expect(refused).toEqual({
      ok: false,
      messageKey: `${E}.fixErrors`,
      fieldErrors: { deliveryUrl: [`${E}.urlInvalid`] },
      fields: { deliveryUrl: "seneca", active: "on" },
    });
    expect(messageExists(`${E}.fixErrors`)).toBe(true);
  });

  test("a save over a change made since the page was shown is refused", async () => {
    const admin = await actorFor("demo.admin");
    const shown = (await collegeRow(CODE)).updatedAt.toISOString();
    expect(await updateCollege({ actor: admin, code: CODE, input: { deliveryUrl: "https://a.example.org/", active: "on", version: shown } })).toMatchObject({
      ok: true,
    });
    const after = await collegeRow(CODE);
    expect(after.updatedAt.toISOString()).not.toBe(shown);
    expect(await updateCollege({ actor: admin, code: CODE, input: { deliveryUrl: "https://b.example.org/", active: "on", version: shown } })).toEqual({
      ok: false,
      reason: "stale",
    });
    expect(await updateCollege({ actor: admin, code: CODE, input: { deliveryUrl: "https://b.example.org/", active: "on", version: "not a date" } })).toEqual({
      ok: false,
      reason: "stale",
    });
    expect(await collegeRow(CODE)).toEqual(after);
    expect(await auditRows(CODE)).toHaveLength(1);

    signInAs(admin);
    expect(
      await saveCollegeAction(initialActionResult, form({ code: CODE, deliveryUrl: "https://b.example.org/", active: "on", version: shown })),
    ).toMatchObject({
      ok: false,
      messageKey: `${E}.stale`,
    });
    expect(messageExists(`${E}.stale`)).toBe(true);
  });

  test("an unknown college is not found; other roles are refused and nothing changes", async () => {
    const admin = await actorFor("demo.admin");
    expect(await updateCollege({ actor: admin, code: "ZZZZ", input: { deliveryUrl: "", active: "on" } })).toEqual({ ok: false, reason: "notFound" });
    signInAs(admin);
    expect(await saveCollegeAction(initialActionResult, form({ code: "ZZZZ", deliveryUrl: "", active: "on" }))).toMatchObject({
      ok: false,
      messageKey: `${E}.notFound`,
    });

    const before = await collegeRow(CODE);
    for (const username of ["demo.board", "other.board.admin", "other.board", "demo.school"]) {
      const actor = await actorFor(username);
      expect(await updateCollege({ actor, code: CODE, input: { deliveryUrl: "https://evil.example.org/", active: "on" } }), username).toEqual({
        ok: false,
        reason: "forbidden",
      });
      signInAs(actor);
      expect(await saveCollegeAction(initialActionResult, form({ code: CODE, deliveryUrl: "https://evil.example.org/", active: "on" })), username).toEqual({
        ok: false,
        messageKey: "errors.forbidden",
      });
    }
    signInAs(null);
    expect(await saveCollegeAction(initialActionResult, form({ code: CODE, deliveryUrl: "https://evil.example.org/", active: "on" }))).toEqual({
      ok: false,
      messageKey: "auth.sessionExpired",
    });
    expect(await collegeRow(CODE)).toEqual(before);
    expect(await auditRows(CODE)).toEqual([]);
  });
});

describe("the signing secret", () => {
  test("is shown once by the action, stored sealed, and opens to the shown value", async () => {
    const admin = await actorFor("demo.admin");
    signInAs(admin);
    const answer: GenerateSecretState = await generateCollegeSecretAction({ ok: false }, form({ code: CODE, locale: "en" }));
    expect(answer).toMatchObject({ ok: true, messageKey: "colleges.secret.generated", values: { code: CODE, college: "Seneca Polytechnic" } });
    expect(messageExists(answer.messageKey!)).toBe(true);
    const secret = answer.secret!;
    // Standard Webhooks: whsec_ and the base64 of 32 random bytes, usable as a signing key.
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(webhookKey(secret)?.length).toBe(32);

    const row = await collegeRow(CODE);
    expect(row.deliverySecret).toMatch(/^v1\./);
    expect(row.deliverySecret).not.toContain(secret.slice("whsec_".length));
    expect(openSecret(row.deliverySecret!)).toBe(secret);
    expect(row.secretSetAt).toBeInstanceOf(Date);

    // The page's readers say that a secret is set, and since when — never the secret, plain or sealed.
    const read = [await getCollege({ actor: admin, code: CODE }), await listColleges({ actor: admin })];
    expect(read[0]).toMatchObject({ hasSecret: true, secretSetAt: row.secretSetAt, endpoint: "noUrl" });
    for (const shown of read.map((r) => JSON.stringify(r))) {
      expect(shown).not.toContain(secret);
      expect(shown).not.toContain(row.deliverySecret!);
    }

    // One audit row that says only that the secret changed.
    const audit = await auditRows(CODE);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: admin.id, action: "college.secret", entity: "college", entityId: CODE, before: null });
    expect(JSON.parse(audit[0]!.after!)).toEqual({ secret: "changed" });
    // Nowhere in the audit log, nor in anything written to the console.
    const everyAuditRow = JSON.stringify(await db.auditEvent.findMany());
    expect(everyAuditRow).not.toContain(secret);
    expect(everyAuditRow).not.toContain(row.deliverySecret!);
    expect(consoleLines.join("\n")).not.toContain(secret.slice("whsec_".length));
  });

  test("a new secret replaces the current one at once; a URL and a secret make the endpoint work", async () => {
    const admin = await actorFor("demo.admin");
    const first = await generateCollegeSecret({ actor: admin, code: OTHER });
    const second = await generateCollegeSecret({ actor: admin, code: OTHER });
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.secret).not.toBe(first.secret);
    expect(openSecret((await collegeRow(OTHER)).deliverySecret!)).toBe(second.secret);
    expect(second.college).not.toHaveProperty("deliverySecret");
    expect(JSON.stringify(second.college)).not.toContain(second.secret);
    expect((await auditRows(OTHER)).map((a) => a.action)).toEqual(["college.secret", "college.secret"]);

    expect(await updateCollege({ actor: admin, code: OTHER, input: { deliveryUrl: "https://fleming.example.org/trms", active: "on" } })).toMatchObject({
      ok: true,
      college: { endpoint: "working", hasSecret: true },
    });
    // The secret is kept by a save of the URL; an inactive college's endpoint is not in use.
    expect(openSecret((await collegeRow(OTHER)).deliverySecret!)).toBe(second.secret);
    expect(await updateCollege({ actor: admin, code: OTHER, input: { deliveryUrl: "https://fleming.example.org/trms", active: "" } })).toMatchObject({
      ok: true,
      college: { endpoint: "inactive" },
    });
  });

  test("board administrators and school users cannot generate one; an unknown college has none", async () => {
    const before = await collegeRow(CODE);
    for (const username of ["demo.board", "other.board.admin", "demo.school"]) {
      const actor = await actorFor(username);
      expect(await generateCollegeSecret({ actor, code: CODE }), username).toEqual({ ok: false, reason: "forbidden" });
      signInAs(actor);
      expect(await generateCollegeSecretAction({ ok: false }, form({ code: CODE })), username).toEqual({ ok: false, messageKey: "errors.forbidden" });
    }
    signInAs(null);
    expect(await generateCollegeSecretAction({ ok: false }, form({ code: CODE }))).toEqual({ ok: false, messageKey: "auth.sessionExpired" });
    const admin = await actorFor("demo.admin");
    expect(await generateCollegeSecret({ actor: admin, code: "ZZZZ" })).toEqual({ ok: false, reason: "notFound" });
    signInAs(admin);
    expect(await generateCollegeSecretAction({ ok: false }, form({ code: "" }))).toEqual({ ok: false, messageKey: `${E}.notFound` });
    expect(await collegeRow(CODE)).toEqual(before);
    expect(await db.auditEvent.count()).toBe(0);
  });
});
