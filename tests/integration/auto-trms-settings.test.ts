// The Auto-TRMS settings page (product §6, §11): who may read and change a board's settings, the secret kept
// encrypted and never given back, the validation, "Test connection" against a real local HTTP server standing in
// for a board's SIS (contracts §2), and "Re-run matching" with its progress.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";

// Server actions and the progress endpoint ask the session for the actor; here each test says who is signed in.
vi.mock("@/lib/auth/auth", () => import("./helpers/session"));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { GET as progressGet } from "@/app/api/admin/auto-trms/progress/route";
import { startRematchAction, saveAutoTrmsSettingsAction, testAutoTrmsConnectionAction } from "@/lib/actions/auto-trms";
import { initialActionResult } from "@/lib/actions/result";
import { openSecret, sealSecret } from "@/lib/auth/secret-box";
import { db } from "@/lib/db";
import { getAutoTrmsSettings, listManageableBoards } from "@/lib/server/auto-trms/get-settings";
import { findRematchProgress, requestRematch } from "@/lib/server/auto-trms/rematch";
import { endpointUrlProblem } from "@/lib/server/auto-trms/settings-schema";
import { connectionTestMessage, testAutoTrmsConnection } from "@/lib/server/auto-trms/test-settings";
import { updateAutoTrmsSettings, type UpdateAutoTrmsResult } from "@/lib/server/auto-trms/update-settings";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";
import { actorFor } from "./helpers/actors";
import { testRuntime } from "./helpers/background";
import { seedDemo } from "./helpers/seeded";
import { signInAs } from "./helpers/session";

// "Re-run matching" writes its event to the outbox; this runtime works through the run as the app's would.
testRuntime();

const FIRST = "99999"; // demo.board's board, not on Auto-TRMS
const SECOND = "99998"; // other.board.admin's board, on Auto-TRMS (no secret in the seed)
const SECRET = "sis-shared-secret-0123456789";
const E = "admin.autoTrms.errors";

const boardRow = (number: string) => db.board.findUniqueOrThrow({ where: { number } });
const input = (over: Partial<Record<"enabled" | "url" | "secret" | "removeSecret", string>> = {}) => ({
  enabled: "on",
  url: "https://sis.example.org/trms",
  secret: "",
  removeSecret: "",
  ...over,
});
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

/** Every log line written by the settings functions, so that a test can check what they say and never say. */
let logged: string[] = [];
const log = (line: string) => logged.push(line);

// A board's SIS as contracts §2 describes it: a known bearer secret gets 404 STUDENT_NOT_FOUND (the probe and every
// demo applicant are unknown to it); anything else 401. /broken answers 500.
const received: { path: string; authorization: string | undefined; body: string }[] = [];
let sis: http.Server;
let sisUrl = "";
let closedPortUrl = "";

beforeAll(async () => {
  await seedDemo();
  sis = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ path: req.url ?? "", authorization: req.headers.authorization, body });
      if (req.url === "/broken") {
        res.writeHead(500, { "Content-Type": "text/plain" }).end("oops");
      } else if (req.headers.authorization !== `Bearer ${SECRET}`) {
        res.writeHead(401, { "Content-Type": "application/json" }).end(JSON.stringify({ code: "UNAUTHORIZED" }));
      } else {
        res.writeHead(404, { "Content-Type": "application/json" }).end(JSON.stringify({ code: "STUDENT_NOT_FOUND" }));
      }
    });
  });
  await new Promise<void>((resolve) => sis.listen(0, "127.0.0.1", resolve));
  sisUrl = `http://127.0.0.1:${(sis.address() as AddressInfo).port}/sis`;
  // A port that was just free and is closed again: nothing answers there.
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  closedPortUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/sis`;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});

afterAll(async () => {
  await new Promise<void>((resolve) => sis.close(() => resolve()));
});

beforeEach(() => {
  logged = [];
  signInAs(null);
});

/** A message key exists in both languages (the keys the server functions return are what the page shows). */
function messageExists(key: string) {
  const lookup = (messages: unknown) => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
  return typeof lookup(en) === "string" && typeof lookup(fr) === "string";
}

function expectInvalid(result: UpdateAutoTrmsResult, fieldErrors: Record<string, string[]>) {
  expect(result).toMatchObject({ ok: false, reason: "invalid" });
  if (result.ok || result.reason !== "invalid") return;
  expect(result.fieldErrors).toEqual(fieldErrors);
  for (const keys of Object.values(result.fieldErrors)) for (const key of keys) expect(messageExists(key), key).toBe(true);
}

describe("reading the settings", () => {
  test("a board administrator reaches their own board only, with or without its number", async () => {
    const boardAdmin = await actorFor("demo.board");
    expect((await getAutoTrmsSettings({ actor: boardAdmin }))?.board.number).toBe(FIRST);
    expect((await getAutoTrmsSettings({ actor: boardAdmin, boardNumber: FIRST }))?.board.number).toBe(FIRST);
    expect(await getAutoTrmsSettings({ actor: boardAdmin, boardNumber: SECOND })).toBeNull();
    expect(await getAutoTrmsSettings({ actor: boardAdmin, boardNumber: "not-a-number" })).toBeNull();
    expect(await listManageableBoards({ actor: boardAdmin })).toEqual([]);

    const otherAdmin = await actorFor("other.board.admin");
    expect(await getAutoTrmsSettings({ actor: otherAdmin })).toMatchObject({
      board: { number: SECOND },
      enabled: true,
      url: process.env.SIS_DOUBLE_URL || "http://127.0.0.1:4010/sis",
    });
    expect(await getAutoTrmsSettings({ actor: otherAdmin, boardNumber: FIRST })).toBeNull();
  });

  test("an OCAS administrator reaches every board; board and school users none", async () => {
    const admin = await actorFor("demo.admin");
    expect((await getAutoTrmsSettings({ actor: admin, boardNumber: FIRST }))?.board.number).toBe(FIRST);
    expect((await getAutoTrmsSettings({ actor: admin, boardNumber: SECOND }))?.board.number).toBe(SECOND);
    expect(await getAutoTrmsSettings({ actor: admin, boardNumber: "12345" })).toBeNull();
    expect((await listManageableBoards({ actor: admin })).map((b) => b.number)).toEqual([SECOND, FIRST]);

    for (const username of ["other.board", "demo.school"]) {
      const actor = await actorFor(username);
      expect(await getAutoTrmsSettings({ actor }), username).toBeNull();
      expect(await getAutoTrmsSettings({ actor, boardNumber: SECOND }), username).toBeNull();
    }
  });
});

describe("saving the settings", () => {
  test("a new secret is stored sealed, never returned, and the log line carries no secret", async () => {
    const otherAdmin = await actorFor("other.board.admin");
    const before = await boardRow(SECOND);
    const result = await updateAutoTrmsSettings({ actor: otherAdmin, input: input({ url: "https://sis.example.org/trms?token=abc", secret: SECRET }), log });
    expect(result).toMatchObject({ ok: true, secret: "replaced", settings: { enabled: true, hasSecret: true, configured: true } });

    const stored = await boardRow(SECOND);
    expect(stored.autoTrmsSecret).toMatch(/^v1\./);
    expect(stored.autoTrmsSecret).not.toContain(SECRET);
    expect(openSecret(stored.autoTrmsSecret!)).toBe(SECRET);
    expect(stored.autoTrmsUrl).toBe("https://sis.example.org/trms?token=abc");
    expect(stored.updatedAt.getTime()).toBeGreaterThanOrEqual(before.updatedAt.getTime());

    // Neither the plain secret nor the sealed one leaves the server, by the result or by the reading function.
    const read = await getAutoTrmsSettings({ actor: otherAdmin });
    for (const shown of [JSON.stringify(result), JSON.stringify(read)]) {
      expect(shown).not.toContain(SECRET);
      expect(shown).not.toContain(stored.autoTrmsSecret!);
    }
    expect(Object.keys(read!)).not.toContain("secret");

    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(`board ${SECOND}`);
    expect(logged[0]).toContain("other.board.admin");
    expect(logged[0]).toContain("secret replaced");
    expect(logged[0]).toContain("https://sis.example.org");
    expect(logged[0]).not.toContain(SECRET);
    expect(logged[0]).not.toContain(stored.autoTrmsSecret!);
    // The address's path and query could carry something private: only its origin is logged.
    expect(logged[0]).not.toContain("token=abc");
  });

  test("an empty secret keeps the stored one; “Remove the secret” clears it", async () => {
    const otherAdmin = await actorFor("other.board.admin");
    expect(await updateAutoTrmsSettings({ actor: otherAdmin, input: input({ secret: SECRET }), log })).toMatchObject({ ok: true });
    const sealed = (await boardRow(SECOND)).autoTrmsSecret;

    expect(await updateAutoTrmsSettings({ actor: otherAdmin, input: input({ url: "https://sis2.example.org/trms" }), log })).toMatchObject({
      ok: true,
      secret: "kept",
    });
    expect(await boardRow(SECOND)).toMatchObject({ autoTrmsSecret: sealed, autoTrmsUrl: "https://sis2.example.org/trms" });

    // Typing a secret and ticking "remove" is contradictory: refused, nothing changes.
    expectInvalid(await updateAutoTrmsSettings({ actor: otherAdmin, input: input({ secret: SECRET, removeSecret: "on" }), log }), {
      secret: [`${E}.secretOrRemove`],
    });
    expect((await boardRow(SECOND)).autoTrmsSecret).toBe(sealed);

    // Removing the secret of a board that stays on is refused (it would no longer work)...
    expectInvalid(await updateAutoTrmsSettings({ actor: otherAdmin, input: input({ removeSecret: "on" }), log }), {
      secret: [`${E}.secretRequiredToEnable`],
    });
    expect((await boardRow(SECOND)).autoTrmsSecret).toBe(sealed);
    // ...and done when it is turned off.
    const removed = await updateAutoTrmsSettings({ actor: otherAdmin, input: input({ enabled: "off", removeSecret: "on" }), log });
    expect(removed).toMatchObject({ ok: true, secret: "removed", settings: { enabled: false, hasSecret: false, configured: false } });
    expect(await boardRow(SECOND)).toMatchObject({ autoTrmsEnabled: false, autoTrmsSecret: null });
    expect(logged.at(-1)).toContain("secret removed");
  });

  test("a board administrator cannot change another board, whatever board number the form carries", async () => {
    const boardAdmin = await actorFor("demo.board");
    const before = await boardRow(SECOND);
    const result = await updateAutoTrmsSettings({ actor: boardAdmin, boardNumber: SECOND, input: input({ secret: SECRET }), log });
    expect(result).toEqual({ ok: false, reason: "notFound" });
    expect(await boardRow(SECOND)).toEqual(before);
    expect(logged).toEqual([]);

    for (const username of ["other.board", "demo.school"]) {
      const actor = await actorFor(username);
      expect(await updateAutoTrmsSettings({ actor, boardNumber: SECOND, input: input({ secret: SECRET }), log }), username).toEqual({
        ok: false,
        reason: "forbidden",
      });
    }
    expect(await boardRow(SECOND)).toEqual(before);
  });

  test("an OCAS administrator changes any board, chosen by its number", async () => {
    const admin = await actorFor("demo.admin");
    const result = await updateAutoTrmsSettings({ actor: admin, boardNumber: FIRST, input: input({ secret: SECRET }), log });
    expect(result).toMatchObject({ ok: true, settings: { board: { number: FIRST }, enabled: true } });
    expect(await boardRow(FIRST)).toMatchObject({ autoTrmsEnabled: true, autoTrmsUrl: "https://sis.example.org/trms" });
    expect(logged[0]).toContain("demo.admin");

    expect(
      await updateAutoTrmsSettings({ actor: admin, boardNumber: FIRST, input: input({ enabled: "off", url: "", removeSecret: "on" }), log }),
    ).toMatchObject({
      ok: true,
    });
    expect(await boardRow(FIRST)).toMatchObject({ autoTrmsEnabled: false, autoTrmsUrl: null, autoTrmsSecret: null });
  });

  test("turning Auto-TRMS on needs an endpoint URL and a secret", async () => {
    const boardAdmin = await actorFor("demo.board");
    const before = await boardRow(FIRST);
    expect(before).toMatchObject({ autoTrmsEnabled: false, autoTrmsUrl: null, autoTrmsSecret: null });

    const nothing = await updateAutoTrmsSettings({ actor: boardAdmin, input: input({ url: "" }), log });
    expectInvalid(nothing, { url: [`${E}.urlRequiredToEnable`], secret: [`${E}.secretRequiredToEnable`] });
    expect(nothing).toMatchObject({ messageKey: `${E}.incompleteToEnable` });
    expectInvalid(await updateAutoTrmsSettings({ actor: boardAdmin, input: input(), log }), { secret: [`${E}.secretRequiredToEnable`] });
    expectInvalid(await updateAutoTrmsSettings({ actor: boardAdmin, input: input({ url: "", secret: SECRET }), log }), {
      url: [`${E}.urlRequiredToEnable`],
    });
    expect(await boardRow(FIRST)).toEqual(before);
    expect(logged).toEqual([]);

    // Off, an address alone may be saved.
    expect(await updateAutoTrmsSettings({ actor: boardAdmin, input: input({ enabled: "off" }), log })).toMatchObject({ ok: true });
    expect(await boardRow(FIRST)).toMatchObject({ autoTrmsEnabled: false, autoTrmsUrl: "https://sis.example.org/trms", autoTrmsSecret: null });
  });

  test("the address and the secret are validated, with messages in both languages", async () => {
    const boardAdmin = await actorFor("demo.board");
    const before = await boardRow(FIRST);
    const cases: [Record<string, string>, Record<string, string[]>, boolean?][] = [
      [{ url: "http://sis.example.org/trms" }, { url: [`${E}.urlHttpsOrLocal`] }],
      [{ url: "http://sis.example.org/trms" }, { url: [`${E}.urlHttps`] }, true],
      [{ url: "http://127.0.0.1:4010/sis" }, { url: [`${E}.urlHttps`] }, true],
      [{ url: "ftp://sis.example.org/trms" }, { url: [`${E}.urlHttpsOrLocal`] }],
      [{ url: "sis.example.org" }, { url: [`${E}.urlInvalid`] }],
      [{ url: "https://user:pass@sis.example.org/" }, { url: [`${E}.urlCredentials`] }],
      [{ url: `https://sis.example.org/${"a".repeat(2000)}` }, { url: [`${E}.urlTooLong`] }],
      [{ secret: "short" }, { secret: [`${E}.secretLength`] }],
      [{ secret: "with a space inside it" }, { secret: [`${E}.secretCharacters`] }],
      [{ secret: "accentué-0123456789" }, { secret: [`${E}.secretCharacters`] }],
      [{ enabled: "maybe" }, { enabled: [`${E}.enabledRequired`] }],
    ];
    for (const [over, errors, production] of cases) {
      const result = await updateAutoTrmsSettings({ actor: boardAdmin, input: input({ secret: SECRET, ...over }), production: production ?? false, log });
      expectInvalid(result, errors);
    }
    expect(await boardRow(FIRST)).toEqual(before);

    // Plain HTTP to the machine itself outside production: the demo's and the tests' SIS double.
    for (const url of ["http://127.0.0.1:4010/sis", "http://localhost:4010/sis"]) {
      expect(endpointUrlProblem(url, { production: false }), url).toBeNull();
      expect(endpointUrlProblem(url, { production: true }), url).toBe(`${E}.urlHttps`);
    }
    expect(endpointUrlProblem("http://127.0.0.2/sis", { production: false })).toBe(`${E}.urlHttpsOrLocal`);
  });

  test("an address already stored is kept as it is, even plain HTTP in production", async () => {
    const otherAdmin = await actorFor("other.board.admin");
    const { autoTrmsUrl } = await boardRow(SECOND);
    const result = await updateAutoTrmsSettings({ actor: otherAdmin, input: input({ url: sisUrl, secret: SECRET }), production: false, log });
    expect(result).toMatchObject({ ok: true });
    // The same address saved again in production (e.g. turning Auto-TRMS off and on) is not refused...
    expect(await updateAutoTrmsSettings({ actor: otherAdmin, input: input({ url: sisUrl }), production: true, log })).toMatchObject({ ok: true });
    // ...a new plain-HTTP one is.
    expectInvalid(await updateAutoTrmsSettings({ actor: otherAdmin, input: input({ url: `${sisUrl}/other` }), production: true, log }), {
      url: [`${E}.urlHttps`],
    });
    expect((await boardRow(SECOND)).autoTrmsUrl).toBe(sisUrl);
    await updateAutoTrmsSettings({ actor: otherAdmin, input: input({ url: autoTrmsUrl ?? "", secret: SECRET }), production: false, log });
  });
});

describe("testing the connection", () => {
  /** Stores the local SIS and the secret as the second board's settings. */
  async function configureSecondBoard() {
    const otherAdmin = await actorFor("other.board.admin");
    expect(await updateAutoTrmsSettings({ actor: otherAdmin, input: input({ url: sisUrl, secret: SECRET }), log })).toMatchObject({ ok: true });
    return otherAdmin;
  }

  test("with the stored settings: the SIS's 404 STUDENT_NOT_FOUND means connected, with the secret as bearer", async () => {
    const otherAdmin = await configureSecondBoard();
    received.length = 0;
    const result = await testAutoTrmsConnection({ actor: otherAdmin, log });
    expect(result).toEqual({ ok: true, outcome: { ok: true, httpStatus: 404 }, source: "stored" });
    expect(received).toHaveLength(1);
    expect(received[0]!.authorization).toBe(`Bearer ${SECRET}`);
    expect(JSON.parse(received[0]!.body)).toMatchObject({ referenceNumber: expect.any(String) });
    expect(logged.at(-1)).toContain("connected (HTTP 404)");
    expect(logged.at(-1)).not.toContain(SECRET);
  });

  test("through the action, in the user's language: connected, secret refused, unreachable, unexpected answer", async () => {
    const otherAdmin = await configureSecondBoard();
    signInAs(otherAdmin);
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    const run = (fields: Record<string, string>) => testAutoTrmsConnectionAction(initialActionResult, form({ board: SECOND, ...fields }));

    // The form as the page sends it: the stored address in the field, the secret field empty.
    expect(await run({ url: sisUrl, secret: "" })).toEqual({ ok: true, messageKey: "admin.autoTrms.test.connected", values: { status: 404 } });
    expect(await run({ url: sisUrl, secret: "a-wrong-secret-0123456789" })).toEqual({ ok: false, messageKey: "admin.autoTrms.test.unauthorized" });
    expect(await run({ url: closedPortUrl, secret: SECRET })).toEqual({ ok: false, messageKey: "admin.autoTrms.test.unreachable" });
    const broken = sisUrl.replace(/\/sis$/, "/broken");
    expect(await run({ url: broken, secret: SECRET })).toEqual({ ok: false, messageKey: "admin.autoTrms.test.badAnswerStatus", values: { status: 500 } });
    for (const key of ["connected", "unauthorized", "unreachable", "badAnswerStatus", "badAnswer", "timeout", "missing", "secretUnreadable"]) {
      expect(messageExists(`admin.autoTrms.test.${key}`), key).toBe(true);
    }
    expect(connectionTestMessage({ ok: false, problem: "timeout" })).toEqual({ ok: false, messageKey: "admin.autoTrms.test.timeout" });
    expect(connectionTestMessage({ ok: false, problem: "badAnswer" })).toEqual({ ok: false, messageKey: "admin.autoTrms.test.badAnswer" });
    // Each test is in the server log, without the secret.
    const lines = info.mock.calls.map((c) => String(c[0]));
    expect(lines).toHaveLength(4);
    expect(lines.join("\n")).not.toContain(SECRET);
    info.mockRestore();
  });

  test("the stored secret is only sent to the stored address", async () => {
    const otherAdmin = await configureSecondBoard();
    received.length = 0;
    const elsewhere = `${sisUrl}/elsewhere`;
    const result = await testAutoTrmsConnection({ actor: otherAdmin, url: elsewhere, secret: "", log });
    expect(result).toEqual({ ok: false, reason: "invalid", fieldErrors: { secret: [`${E}.secretRequiredForNewUrl`] } });
    expect(received).toEqual([]);
    // With its secret typed, a new address is tested (and nothing is saved).
    expect(await testAutoTrmsConnection({ actor: otherAdmin, url: elsewhere, secret: SECRET, log })).toMatchObject({ ok: true, source: "typed" });
    expect(received.map((r) => r.path)).toEqual(["/sis/elsewhere"]);
    expect((await boardRow(SECOND)).autoTrmsUrl).toBe(sisUrl);
  });

  test("refused for another board, with nothing to test, or with a secret sealed under another key", async () => {
    await configureSecondBoard();
    received.length = 0;
    const boardAdmin = await actorFor("demo.board");
    expect(await testAutoTrmsConnection({ actor: boardAdmin, boardNumber: SECOND, log })).toEqual({ ok: false, reason: "notFound" });
    signInAs(boardAdmin);
    expect(await testAutoTrmsConnectionAction(initialActionResult, form({ board: SECOND, url: "", secret: "" }))).toEqual({
      ok: false,
      messageKey: "errors.forbidden",
    });
    signInAs(await actorFor("demo.school"));
    expect(await testAutoTrmsConnectionAction(initialActionResult, form({ board: SECOND, url: "", secret: "" }))).toEqual({
      ok: false,
      messageKey: "errors.forbidden",
    });
    expect(received).toEqual([]);

    // The first board has no address and no secret.
    await db.board.update({ where: { number: FIRST }, data: { autoTrmsEnabled: false, autoTrmsUrl: null, autoTrmsSecret: null } });
    expect(await testAutoTrmsConnection({ actor: boardAdmin, log })).toEqual({ ok: false, reason: "notConfigured" });

    await db.board.update({
      where: { number: FIRST },
      data: { autoTrmsUrl: sisUrl, autoTrmsSecret: sealSecret(SECRET, "another-auth-secret-0123456789-abcdef") },
    });
    expect(await testAutoTrmsConnection({ actor: boardAdmin, log })).toEqual({ ok: false, reason: "secretUnreadable" });
    await db.board.update({ where: { number: FIRST }, data: { autoTrmsUrl: null, autoTrmsSecret: null } });
    expect(received).toEqual([]);
  });
});

describe("saving through the action", () => {
  test("the form's fields come back after a refusal, never the secret", async () => {
    signInAs(await actorFor("demo.board"));
    const refused = await saveAutoTrmsSettingsAction(initialActionResult, form({ board: FIRST, enabled: "on", url: "http://sis.example.org", secret: SECRET }));
    expect(refused).toMatchObject({ ok: false, fieldErrors: { url: [`${E}.urlHttpsOrLocal`] }, messageKey: `${E}.fixErrors` });
    expect(refused.fields).toEqual({ enabled: "on", url: "http://sis.example.org", removeSecret: "" });
    expect(JSON.stringify(refused)).not.toContain(SECRET);

    const incomplete = await saveAutoTrmsSettingsAction(initialActionResult, form({ board: FIRST, enabled: "on", url: "" }));
    expect(incomplete).toMatchObject({ ok: false, messageKey: `${E}.incompleteToEnable` });

    // A board administrator's hidden board field pointing elsewhere changes nothing.
    const before = await boardRow(SECOND);
    expect(await saveAutoTrmsSettingsAction(initialActionResult, form({ board: SECOND, enabled: "off", url: "" }))).toEqual({
      ok: false,
      messageKey: "errors.forbidden",
    });
    expect(await boardRow(SECOND)).toEqual(before);

    // Saved: confirmed in the user's language, and the change is in the server log.
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    const saved = await saveAutoTrmsSettingsAction(
      initialActionResult,
      form({ board: FIRST, enabled: "off", url: "https://sis.example.org/x", secret: SECRET }),
    );
    expect(saved).toEqual({ ok: true, messageKey: "admin.autoTrms.savedOff", values: { secret: "replaced" } });
    expect(messageExists("admin.autoTrms.savedOff") && messageExists("admin.autoTrms.savedOn")).toBe(true);
    expect(info.mock.calls.map((c) => String(c[0]))).toEqual([
      expect.stringMatching(/^\[auto-trms\] board 99999 settings saved by demo\.board .*secret replaced$/),
    ]);
    info.mockRestore();
    await db.board.update({ where: { number: FIRST }, data: { autoTrmsEnabled: false, autoTrmsUrl: null, autoTrmsSecret: null } });
  });
});

describe("re-running matching", () => {
  test("refused while Auto-TRMS is off or incomplete, and for another board", async () => {
    const boardAdmin = await actorFor("demo.board");
    await db.board.update({ where: { number: FIRST }, data: { autoTrmsEnabled: false, autoTrmsUrl: null, autoTrmsSecret: null } });
    expect(await requestRematch({ actor: boardAdmin })).toEqual({ ok: false, reason: "notEnabled" });
    await db.board.update({ where: { number: FIRST }, data: { autoTrmsEnabled: true, autoTrmsUrl: sisUrl } });
    expect(await requestRematch({ actor: boardAdmin })).toEqual({ ok: false, reason: "notConfigured" });
    await db.board.update({ where: { number: FIRST }, data: { autoTrmsEnabled: false, autoTrmsUrl: null } });
    expect(await requestRematch({ actor: boardAdmin, boardNumber: SECOND })).toEqual({ ok: false, reason: "notFound" });
    expect(await db.autoMatchRun.count()).toBe(0);

    signInAs(boardAdmin);
    expect(await startRematchAction(initialActionResult, form({ board: FIRST }))).toEqual({
      ok: false,
      messageKey: "admin.autoTrms.rematch.errors.notEnabled",
    });
    expect(messageExists("admin.autoTrms.rematch.errors.notConfigured")).toBe(true);
    expect(messageExists("admin.autoTrms.rematch.errors.alreadyRunning")).toBe(true);
  });

  test("a board administrator re-runs matching and follows the progress to the end", async () => {
    const otherAdmin = await actorFor("other.board.admin");
    expect(await updateAutoTrmsSettings({ actor: otherAdmin, input: input({ url: sisUrl, secret: SECRET }), log })).toMatchObject({ ok: true });
    signInAs(otherAdmin);
    expect(await (await progressGet(new Request(`http://localhost/api/admin/auto-trms/progress?board=${SECOND}`))).json()).toEqual({ progress: null });

    const started = await startRematchAction(initialActionResult, form({ board: SECOND }));
    expect(started).toMatchObject({ ok: true, messageKey: "admin.autoTrms.rematch.started", values: { runId: expect.any(String), total: expect.any(Number) } });
    const { runId, total } = started.values as { runId: string; total: number };
    expect(total).toBeGreaterThan(0);

    // What the page polls, until the run is over.
    let progress: Record<string, unknown> | null = null;
    for (let i = 0; i < 300; i++) {
      const response = await progressGet(new Request(`http://localhost/api/admin/auto-trms/progress?board=${SECOND}`));
      expect(response.status).toBe(200);
      progress = ((await response.json()) as { progress: Record<string, unknown> | null }).progress;
      if (progress?.finishedAt) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // The local SIS knows none of the applicants: every request was tried and none matched.
    expect(progress).toMatchObject({ runId, total, done: total, matched: 0, errors: total, finishedAt: expect.any(String) });
    expect(await findRematchProgress({ actor: otherAdmin })).toMatchObject({ found: true, progress: { runId, done: total } });
  });

  test("the progress endpoint answers only to those who manage the board", async () => {
    const url = `http://localhost/api/admin/auto-trms/progress?board=${SECOND}`;
    signInAs(null);
    expect((await progressGet(new Request(url))).status).toBe(401);
    for (const username of ["demo.board", "other.board", "demo.school"]) {
      signInAs(await actorFor(username));
      expect((await progressGet(new Request(url))).status, username).toBe(404);
    }
    signInAs(await actorFor("demo.admin"));
    const response = await progressGet(new Request(url));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { progress: { finishedAt: string | null } | null }).progress).not.toBeNull();
  });
});
