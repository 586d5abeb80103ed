import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { sealSecret } from "@/lib/auth/secret-box";
import { autoMatchRequest, matchLoadedRequest, MATCHABLE_SELECT } from "@/lib/server/auto-trms/match-request";
import { loadSisSettings } from "@/lib/server/auto-trms/sis-settings";
import { createOutcomeWriter } from "@/lib/server/auto-trms/write-outcomes";
import { changeStatusesWithin } from "@/lib/server/requests/transition-request";
import { findCurrentTranscript } from "@/lib/server/transcripts/find-current-transcript";
import { readStoredFile } from "@/lib/server/uploads/storage";
import { testSisConnection } from "@/lib/sis/test-connection";
import { DEFAULT_SIS_DOUBLE_SECRET, type SisDouble } from "@/tests/doubles/sis-server.mjs";
import { AUTO_BOARD, FAST_SIS, makeRequest, newIdentity, recordOf, requestState, startDouble } from "./helpers/auto-trms";
import { seedDemo } from "./helpers/seeded";

// Auto-TRMS against the SIS double over real HTTP (contracts §2, product §6): every answer, retries, time limit,
// a refused secret, and that a request is completed at most once.

const clean = newIdentity();
const differs = newIdentity();
const unknown = newIdentity();
const twice = newIdentity({ oen: null });
const noData = newIdentity();
const hold = newIdentity();
const invalid = newIdentity();
const flaky = newIdentity();
const idem = newIdentity();
const race = newIdentity();
const reissue = newIdentity();
const sameGroup = newIdentity();

let double: SisDouble;
let url: string;

beforeAll(async () => {
  await seedDemo();
  ({ double, url } = await startDouble([
    recordOf(clean),
    recordOf(differs, { dateOfBirth: "2005-04-04" }),
    recordOf(twice),
    recordOf({ ...twice, oen: "123456782" }),
    recordOf(noData, { answer: "noAcademicData" }),
    recordOf(hold, { answer: "financialHold" }),
    recordOf(invalid, { answer: "invalidTranscript" }),
    recordOf(flaky),
    recordOf(idem),
    recordOf(race),
    recordOf(reissue),
    recordOf(sameGroup),
  ]));
});

afterAll(async () => {
  await double.close();
});

beforeEach(async () => {
  await fetch(url.replace(/\/sis$/, "/control"), { method: "POST", body: JSON.stringify({ reset: true }) });
  await db.board.update({
    where: { number: AUTO_BOARD },
    data: { autoTrmsEnabled: true, autoTrmsUrl: url, autoTrmsSecret: sealSecret(DEFAULT_SIS_DOUBLE_SECRET) },
  });
});

describe("a clean match", () => {
  it("stores the transcript, completes the request (E-Transcript Sent) and records the attempt and the timeline", async () => {
    const request = await makeRequest(clean);
    const result = await autoMatchRequest({ requestId: request.id, trigger: "created", sis: FAST_SIS });
    expect(result).toMatchObject({ status: "done", outcome: "MATCHED", httpStatus: 200 });

    const state = await requestState(request.id);
    expect(state).toMatchObject({ status: "E_TRANSCRIPT_SENT", tab: "COMPLETE", statusReason: null, version: request.version + 1 });
    expect(state.completedAt).not.toBeNull();
    // The request's current transcript: the nightly transmission sends it.
    expect(state.transcripts).toEqual([
      expect.objectContaining({ format: "XML", source: "AUTO_TRMS", isCurrent: true, isReissue: false, fileId: null, content: null }),
    ]);
    // Kept in a file under a generated name, exactly as the SIS sent it, with its digest.
    const stored = state.transcripts[0]!;
    expect(stored.storedName).toMatch(/^\d{4}\/[0-9a-f]{32}\.xml$/);
    const bytes = await readStoredFile(stored.storedName!);
    expect(new TextDecoder().decode(bytes)).toContain(`<RequestTrackingID>${request.referenceNumber}</RequestTrackingID>`);
    expect(stored.sha256).toBe(crypto.createHash("sha256").update(bytes).digest("hex"));
    // The details page's preview reads it back.
    const current = await findCurrentTranscript({ actor: { role: "OCAS_ADMIN", boardId: null, schoolId: null }, referenceNumber: request.referenceNumber });
    expect(current?.transcript.student).toMatchObject({ firstName: clean.firstName, lastName: clean.lastName });
    expect(state.autoMatches).toEqual([expect.objectContaining({ trigger: "created", outcome: "MATCHED", httpStatus: 200, reason: null })]);
    expect(state.autoMatches[0]!.finishedAt!.getTime()).toBeGreaterThanOrEqual(state.autoMatches[0]!.startedAt.getTime());
    const change = state.events.at(-1)!;
    expect(change).toMatchObject({ type: "status_changed", actorId: null, actorLabel: "auto-trms" });
    expect(JSON.parse(change.data!)).toMatchObject({
      from: "ACTION_REQUIRED",
      to: "E_TRANSCRIPT_SENT",
      trigger: "created",
      transcriptId: state.transcripts[0]!.id,
      comparison: { clean: true },
    });

    // The call carried the contract's body and the board's secret (the double refuses any other).
    expect(double.state.lastQuery).toEqual({
      referenceNumber: request.referenceNumber,
      requestType: "ORIGINAL",
      oen: clean.oen,
      firstName: clean.firstName,
      lastName: clean.lastName,
      middleName: null,
      formerLastName: null,
      dateOfBirth: clean.dateOfBirth,
      gender: "FEMALE",
      studentNumber: null,
      schoolMident: "999997",
      lastAttended: "2023-06",
    });
  });

  it("supersedes a transcript the request already had: the new one is a reissue", async () => {
    const request = await makeRequest(reissue, { status: "AUTO_PROCESS_ERROR" });
    const old = await db.storedTranscript.create({ data: { requestId: request.id, format: "XML", source: "MANUAL", sha256: "0".repeat(64), content: "<x/>" } });
    expect(await autoMatchRequest({ requestId: request.id, trigger: "rematch", sis: FAST_SIS })).toMatchObject({ outcome: "MATCHED" });
    const transcripts = await db.storedTranscript.findMany({ where: { requestId: request.id }, orderBy: { createdAt: "asc" } });
    expect(transcripts.map((t) => [t.id === old.id, t.isCurrent, t.isReissue, t.source])).toEqual([
      [true, false, false, "MANUAL"],
      [false, true, true, "AUTO_TRMS"],
    ]);
  });
});

describe("answers that leave the request in To Do as Auto-Process Error", () => {
  const cases = [
    {
      name: "differences (date of birth)",
      identity: differs,
      outcome: "DIFFERENCES",
      http: 200,
      reason: { key: "sisDifferences", fields: ["dateOfBirth"] },
      // The request keeps the value on each side (the details page shows them); the timeline and the attempt do not.
      stored: { key: "sisDifferences", fields: ["dateOfBirth"], values: [{ field: "dateOfBirth", request: "2005-04-03", sis: "2005-04-04" }] },
    },
    { name: "404 STUDENT_NOT_FOUND", identity: unknown, outcome: "NOT_FOUND", http: 404, reason: { key: "sisNotFound", oen: unknown.oen } },
    { name: "409 MULTIPLE_MATCHES", identity: twice, outcome: "MULTIPLE_MATCHES", http: 409, reason: { key: "sisMultipleMatches" } },
    { name: "422 NO_ACADEMIC_DATA", identity: noData, outcome: "NO_ACADEMIC_DATA", http: 422, reason: { key: "sisNoAcademicData" } },
    { name: "422 FINANCIAL_HOLD", identity: hold, outcome: "FINANCIAL_HOLD", http: 422, reason: { key: "sisFinancialHold" } },
    { name: "an invalid transcript", identity: invalid, outcome: "INVALID_TRANSCRIPT", http: 200, reason: { key: "sisInvalidTranscript" } },
  ] as const;

  for (const c of cases) {
    it(`${c.name}: ${c.reason.key}`, async () => {
      const request = await makeRequest(c.identity);
      expect(await autoMatchRequest({ requestId: request.id, trigger: "created", sis: FAST_SIS })).toMatchObject({ outcome: c.outcome, httpStatus: c.http });
      const state = await requestState(request.id);
      expect(state).toMatchObject({ status: "AUTO_PROCESS_ERROR", tab: "TODO", completedAt: null });
      expect(JSON.parse(state.statusReason!)).toEqual("stored" in c ? c.stored : c.reason);
      expect(state.transcripts).toEqual([]);
      expect(state.autoMatches).toEqual([expect.objectContaining({ outcome: c.outcome, httpStatus: c.http, reason: JSON.stringify(c.reason) })]);
      const change = JSON.parse(state.events.at(-1)!.data!);
      expect(change).toMatchObject({ from: "ACTION_REQUIRED", to: "AUTO_PROCESS_ERROR", reason: c.reason });
      expect(change.reason).toEqual(c.reason);
      // One call: every answer the contract names is final.
      expect(double.state.calls).toBe(1);
    });
  }

  it("says which fields differ when the SIS's student differs", async () => {
    const request = await makeRequest(differs);
    await autoMatchRequest({ requestId: request.id, trigger: "created", sis: FAST_SIS });
    const change = JSON.parse((await requestState(request.id)).events.at(-1)!.data!);
    expect(change.comparison).toEqual({ clean: false, fields: expect.objectContaining({ dateOfBirth: "different", firstName: "same", lastName: "same" }) });
  });
});

describe("retries (contracts §2)", () => {
  it("retries a 5xx and then completes with the answer that follows", async () => {
    await fetch(url.replace(/\/sis$/, "/control"), { method: "POST", body: JSON.stringify({ failNext: 2, failStatus: 503 }) });
    const request = await makeRequest(flaky);
    expect(await autoMatchRequest({ requestId: request.id, trigger: "created", sis: FAST_SIS })).toMatchObject({ outcome: "MATCHED", httpStatus: 200 });
    expect(double.state.calls).toBe(3);
    expect(JSON.parse((await requestState(request.id)).events.at(-1)!.data!)).toMatchObject({ sisAttempts: 3 });
  });

  it("records SIS unavailable after the last retry of an answer the contract does not name", async () => {
    await fetch(url.replace(/\/sis$/, "/control"), { method: "POST", body: JSON.stringify({ failNext: 10, failStatus: 500 }) });
    const request = await makeRequest(newIdentity());
    expect(await autoMatchRequest({ requestId: request.id, trigger: "created", sis: { ...FAST_SIS, retries: 2 } })).toMatchObject({
      outcome: "UNAVAILABLE",
      httpStatus: 500,
    });
    expect(double.state.calls).toBe(3);
    const state = await requestState(request.id);
    expect(state.status).toBe("AUTO_PROCESS_ERROR");
    expect(JSON.parse(state.statusReason!)).toEqual({ key: "sisUnavailable" });
  });

  it("gives up on a SIS slower than the time limit, and on one that is not there", async () => {
    await fetch(url.replace(/\/sis$/, "/control"), { method: "POST", body: JSON.stringify({ latencyMs: 1_000 }) });
    const slow = await makeRequest(newIdentity());
    const started = Date.now();
    expect(await autoMatchRequest({ requestId: slow.id, trigger: "created", sis: { ...FAST_SIS, timeoutMs: 100, retries: 1 } })).toMatchObject({
      outcome: "UNAVAILABLE",
      httpStatus: null,
    });
    expect(Date.now() - started).toBeLessThan(900);
    expect(double.state.calls).toBe(2);

    // A port where nothing listens: a network error, retried, then unavailable.
    const closed = await closedPortUrl();
    await db.board.update({ where: { number: AUTO_BOARD }, data: { autoTrmsUrl: closed } });
    const gone = await makeRequest(newIdentity());
    expect(await autoMatchRequest({ requestId: gone.id, trigger: "created", sis: { ...FAST_SIS, retries: 1 } })).toMatchObject({
      outcome: "UNAVAILABLE",
      httpStatus: null,
    });
    expect(JSON.parse((await requestState(gone.id)).statusReason!)).toEqual({ key: "sisUnavailable" });
  });

  it("records SIS unavailable when the SIS refuses the board's secret", async () => {
    await db.board.update({ where: { number: AUTO_BOARD }, data: { autoTrmsSecret: sealSecret("not-the-right-secret") } });
    const request = await makeRequest(newIdentity());
    expect(await autoMatchRequest({ requestId: request.id, trigger: "created", sis: { ...FAST_SIS, retries: 1 } })).toMatchObject({
      outcome: "UNAVAILABLE",
      httpStatus: 401,
    });
  });
});

describe("what Auto-TRMS leaves alone", () => {
  it("skips boards without Auto-TRMS or without an address or a usable secret: the request stays Action Required", async () => {
    const firstBoard = await makeRequest(newIdentity(), { mident: "999999" });
    expect(await autoMatchRequest({ requestId: firstBoard.id, trigger: "created" })).toEqual({ status: "skipped", why: "notAutoTrms" });

    const request = await makeRequest(newIdentity());
    await db.board.update({ where: { number: AUTO_BOARD }, data: { autoTrmsSecret: null } });
    expect(await autoMatchRequest({ requestId: request.id, trigger: "created" })).toEqual({ status: "skipped", why: "notConfigured" });
    // Sealed with another AUTH_SECRET: cannot be opened.
    await db.board.update({
      where: { number: AUTO_BOARD },
      data: { autoTrmsSecret: sealSecret(DEFAULT_SIS_DOUBLE_SECRET, "another-auth-secret-0123456789abcdef") },
    });
    expect(await autoMatchRequest({ requestId: request.id, trigger: "created" })).toEqual({ status: "skipped", why: "notConfigured" });
    await db.board.update({ where: { number: AUTO_BOARD }, data: { autoTrmsEnabled: false, autoTrmsSecret: sealSecret(DEFAULT_SIS_DOUBLE_SECRET) } });
    expect(await autoMatchRequest({ requestId: request.id, trigger: "created" })).toEqual({ status: "skipped", why: "notAutoTrms" });

    expect((await requestState(request.id)).status).toBe("ACTION_REQUIRED");
    expect(await db.autoMatchAttempt.count({ where: { requestId: { in: [request.id, firstBoard.id] } } })).toBe(0);
    expect(double.state.calls).toBe(0);
  });

  it("skips requests not in To Do, and deferred requests before their send-after date", async () => {
    const paper = await makeRequest(clean, { status: "PAPER_TRANSCRIPT_SENT" });
    expect(await autoMatchRequest({ requestId: paper.id, trigger: "created" })).toEqual({ status: "skipped", why: "notMatchable" });
    const incomplete = await makeRequest(clean, { status: "STUDENT_NOT_FOUND" });
    expect(await autoMatchRequest({ requestId: incomplete.id, trigger: "rematch" })).toEqual({ status: "skipped", why: "notMatchable" });

    const now = new Date();
    const deferred = await makeRequest(clean, { sendAfter: new Date(now.getTime() + 7 * 86_400_000) });
    expect(await autoMatchRequest({ requestId: deferred.id, trigger: "created", now })).toEqual({ status: "skipped", why: "deferred" });
    expect(double.state.calls).toBe(0);
    // Once due, it is matched.
    expect(await autoMatchRequest({ requestId: deferred.id, trigger: "released", now: new Date(now.getTime() + 8 * 86_400_000), sis: FAST_SIS })).toMatchObject(
      {
        outcome: "MATCHED",
      },
    );
    expect(await autoMatchRequest({ requestId: "no-such-request", trigger: "created" })).toEqual({ status: "skipped", why: "unknownRequest" });
  });
});

describe("idempotency", () => {
  it("completes a request once, whatever repeats: a second run finds it complete", async () => {
    const request = await makeRequest(idem);
    expect(await autoMatchRequest({ requestId: request.id, trigger: "created", sis: FAST_SIS })).toMatchObject({ outcome: "MATCHED" });
    expect(await autoMatchRequest({ requestId: request.id, trigger: "created", sis: FAST_SIS })).toEqual({ status: "skipped", why: "notMatchable" });
    const state = await requestState(request.id);
    expect(state.transcripts).toHaveLength(1);
    expect(state.events.filter((e) => e.type === "status_changed")).toHaveLength(1);
  });

  it("lets exactly one of two concurrent runs from the same version complete the request", async () => {
    const created = await makeRequest(race);
    const request = await db.transcriptRequest.findUniqueOrThrow({ where: { id: created.id }, select: MATCHABLE_SELECT });
    const settings = await loadSisSettings(request.boardId);
    if (!settings.ok) throw new Error("board not configured");
    const filesBefore = storedFiles();
    const runs = await Promise.all([1, 2].map(() => matchLoadedRequest({ request, settings: settings.settings, trigger: "rematch", sis: FAST_SIS })));
    expect(runs.map((r) => r.outcome).sort()).toEqual(["MATCHED", "STALE"]);
    const state = await requestState(created.id);
    expect(state.status).toBe("E_TRANSCRIPT_SENT");
    expect(state.version).toBe(request.version + 1);
    expect(state.transcripts).toHaveLength(1);
    // Both runs kept the transcript they received; the loser's file, named by no row, is gone.
    expect(storedFiles().filter((f) => !filesBefore.includes(f))).toEqual([state.transcripts[0]!.storedName]);
    expect(state.autoMatches.map((a) => a.outcome).sort()).toEqual(["MATCHED", "STALE"]);
  });

  it("commits grouped outcomes with the same checks: of two outcomes for one request, one applies", async () => {
    const identity = newIdentity();
    await db.board.update({ where: { number: AUTO_BOARD }, data: { autoTrmsUrl: url } });
    const created = await makeRequest(identity);
    const other = await makeRequest(newIdentity());
    const load = (id: string) => db.transcriptRequest.findUniqueOrThrow({ where: { id }, select: MATCHABLE_SELECT });
    const [request, second] = [await load(created.id), await load(other.id)];
    const decided = (r: typeof request, outcome: "NOT_FOUND" | "MULTIPLE_MATCHES") => ({
      request: r,
      trigger: "rematch" as const,
      decision: { outcome, reason: outcome === "NOT_FOUND" ? { key: "sisNotFound" as const } : { key: "sisMultipleMatches" as const } },
      httpStatus: outcome === "NOT_FOUND" ? 404 : 409,
      sisAttempts: 1,
      startedAt: new Date(),
      finishedAt: new Date(),
    });
    const writer = createOutcomeWriter();
    const results = await Promise.all([
      writer.write(decided(request, "NOT_FOUND")),
      writer.write(decided(request, "MULTIPLE_MATCHES")),
      writer.write(decided(second, "NOT_FOUND")),
    ]);
    expect(results.map((r) => r.outcome)).toEqual(["NOT_FOUND", "STALE", "NOT_FOUND"]);
    expect(JSON.parse((await requestState(created.id)).statusReason!)).toEqual({ key: "sisNotFound" });
    expect((await requestState(created.id)).autoMatches.map((a) => a.outcome).sort()).toEqual(["NOT_FOUND", "STALE"]);
    expect((await requestState(other.id)).status).toBe("AUTO_PROCESS_ERROR");
  });

  it("changes a group of requests in one statement, each only from the version and status it was read with", async () => {
    const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => makeRequest(newIdentity())));
    const elsewhere = await db.school.findFirstOrThrow({ where: { board: { number: { not: AUTO_BOARD } } } });
    const now = new Date();
    const changed = await db.$transaction((tx) =>
      changeStatusesWithin(tx, {
        requests: [
          { id: a!.id, status: a!.status, expectedVersion: a!.version },
          // The same entry twice: at most one applies.
          { id: a!.id, status: a!.status, expectedVersion: a!.version },
          { id: b!.id, status: b!.status, expectedVersion: b!.version + 1 },
          { id: c!.id, status: "AUTO_PROCESS_ERROR", expectedVersion: c!.version },
          { id: d!.id, status: d!.status, expectedVersion: d!.version },
        ],
        to: "AUTO_PROCESS_ERROR",
        now,
        // d is outside this scope.
        scope: { id: { not: d!.id }, schoolId: { not: elsewhere.id } },
        statusReason: JSON.stringify({ key: "sisNotFound" }),
      }),
    );
    expect(changed).toEqual([true, false, false, false, false]);
    const after = await db.transcriptRequest.findMany({
      where: { id: { in: [a!.id, b!.id, c!.id, d!.id] } },
      select: { id: true, status: true, version: true, statusChangedAt: true },
    });
    const byId = new Map(after.map((r) => [r.id, r]));
    expect(byId.get(a!.id)).toMatchObject({ status: "AUTO_PROCESS_ERROR", version: a!.version + 1, statusChangedAt: now });
    for (const r of [b!, c!, d!]) expect(byId.get(r.id)).toMatchObject({ status: r.status, version: r.version });
  });

  it("writes one of two matches for one request committed in the same group, and keeps only its file", async () => {
    const created = await makeRequest(sameGroup);
    const request = await db.transcriptRequest.findUniqueOrThrow({ where: { id: created.id }, select: MATCHABLE_SELECT });
    const loaded = await loadSisSettings(request.boardId);
    if (!loaded.ok) throw new Error("board not configured");
    const filesBefore = storedFiles();
    // A writer that gathers for long enough that both outcomes go in one group.
    const writer = createOutcomeWriter(32, 2_000);
    const runs = await Promise.all([1, 2].map(() => matchLoadedRequest({ request, settings: loaded.settings, trigger: "rematch", sis: FAST_SIS, writer })));
    expect(runs.map((r) => r.outcome).sort()).toEqual(["MATCHED", "STALE"]);
    const state = await requestState(created.id);
    expect(state).toMatchObject({ status: "E_TRANSCRIPT_SENT", version: request.version + 1 });
    expect(state.transcripts).toHaveLength(1);
    expect(state.events.filter((e) => e.type === "status_changed")).toHaveLength(1);
    expect(storedFiles().filter((f) => !filesBefore.includes(f))).toEqual([state.transcripts[0]!.storedName]);
  });

  it("does not overwrite a person's action taken while the SIS was answering", async () => {
    const created = await makeRequest(newIdentity());
    const request = await db.transcriptRequest.findUniqueOrThrow({ where: { id: created.id }, select: MATCHABLE_SELECT });
    const settings = await loadSisSettings(request.boardId);
    if (!settings.ok) throw new Error("board not configured");
    await db.transcriptRequest.update({ where: { id: created.id }, data: { status: "PAPER_TRANSCRIPT_SENT", tab: "COMPLETE", version: { increment: 1 } } });
    expect(await matchLoadedRequest({ request, settings: settings.settings, trigger: "created", sis: FAST_SIS })).toMatchObject({ outcome: "STALE" });
    expect((await requestState(created.id)).status).toBe("PAPER_TRANSCRIPT_SENT");
  });
});

describe("testSisConnection", () => {
  it("is ok when the SIS answers as the contract says (the probe matches no one: 404)", async () => {
    expect(await testSisConnection({ url, secret: DEFAULT_SIS_DOUBLE_SECRET })).toEqual({ ok: true, httpStatus: 404 });
    expect(double.state.lastQuery).toMatchObject({ referenceNumber: "REF-00000000" });
  });

  it("names the problem otherwise, with one attempt only", async () => {
    expect(await testSisConnection({ url, secret: "wrong-secret-value" })).toEqual({ ok: false, problem: "unauthorized", httpStatus: 401 });
    await fetch(url.replace(/\/sis$/, "/control"), { method: "POST", body: JSON.stringify({ failNext: 1, failStatus: 502 }) });
    expect(await testSisConnection({ url, secret: DEFAULT_SIS_DOUBLE_SECRET })).toEqual({ ok: false, problem: "badAnswer", httpStatus: 502 });
    expect(double.state.calls).toBe(2);
    expect(await testSisConnection({ url: url.replace(/\/sis$/, "/elsewhere"), secret: DEFAULT_SIS_DOUBLE_SECRET })).toEqual({
      ok: false,
      problem: "badAnswer",
      httpStatus: 404,
    });
    expect(await testSisConnection({ url: await closedPortUrl(), secret: DEFAULT_SIS_DOUBLE_SECRET })).toEqual({ ok: false, problem: "unreachable" });
    await fetch(url.replace(/\/sis$/, "/control"), { method: "POST", body: JSON.stringify({ latencyMs: 1_000 }) });
    expect(await testSisConnection({ url, secret: DEFAULT_SIS_DOUBLE_SECRET, timeoutMs: 100 })).toEqual({ ok: false, problem: "timeout" });
  });
});

/** The files under the storage directory, as generated names (`<yyyy>/<name>.xml`). */
function storedFiles(): string[] {
  const root = path.resolve(env().FILE_STORAGE_DIR);
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".xml"))
    .map((f) => f.split(path.sep).join("/"));
}

/** A loopback URL on a port that was free a moment ago. */
async function closedPortUrl(): Promise<string> {
  const net = await import("node:net");
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/sis`;
}
