import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

// The Auto-TRMS functions (auto-match on transcript/request.created and .released; auto-match-rematch on
// auto-trms/rematch.requested), run by @inngest/test's engine and the embedded runtime against the real database and
// the SIS double over HTTP. Events the code under test writes stay in the outbox (no runtime takes them): the tests
// read them there and run the functions themselves.

import { AUTO_MATCH_ID, autoMatchFunction } from "@/inngest/functions/auto-match";
import { autoMatchRematchFunction } from "@/inngest/functions/auto-match-rematch";
import { functions } from "@/inngest/index";
import { db } from "@/lib/db";
import { sealSecret } from "@/lib/auth/secret-box";
import { startBackgroundRuntime } from "@/lib/inngest/runtime";
import { enqueueEvents } from "@/lib/server/jobs/outbox";
import { getRematchProgress, startRematch, STALLED_RUN_MS } from "@/lib/server/auto-trms/rematch";
import { rematchBatch, rematchWhere } from "@/lib/server/auto-trms/run-rematch";
import { DEFAULT_SIS_DOUBLE_SECRET, type SisDouble } from "@/tests/doubles/sis-server.mjs";
import { actorFor } from "./helpers/actors";
import { quietLogger } from "./helpers/background";
import { AUTO_BOARD, makeRequest, newIdentity, recordOf, requestState, startDouble, type Identity } from "./helpers/auto-trms";
import { seedDemo } from "./helpers/seeded";

const known: Identity[] = Array.from({ length: 6 }, () => newIdentity());
let double: SisDouble;
let boardId: string;

const createdEvent = (r: { id: string; referenceNumber: string; boardId: string }, name = "transcript/request.created") => ({
  name,
  data: { requestId: r.id, referenceNumber: r.referenceNumber, boardId: r.boardId },
});

beforeAll(async () => {
  await seedDemo();
  ({ double } = await startDouble(known.map((i) => recordOf(i))));
  boardId = (await db.board.findUniqueOrThrow({ where: { number: AUTO_BOARD } })).id;
});

afterAll(async () => {
  await double.close();
});

/** The events written to the outbox (by the code under test) since the last `beforeEach`. */
async function sentEvents() {
  const rows = await db.outboxEvent.findMany({ orderBy: { createdAt: "asc" } });
  return rows.map((r) => ({ name: r.name, data: JSON.parse(r.data) as Record<string, unknown>, id: r.id }));
}

beforeEach(async () => {
  await db.outboxEvent.deleteMany();
  await db.board.update({ where: { id: boardId }, data: { autoTrmsEnabled: true, autoTrmsSecret: sealSecret(DEFAULT_SIS_DOUBLE_SECRET) } });
});

describe("auto-match", () => {
  it("is one of the app's functions, on new and released requests", () => {
    expect(functions).toContain(autoMatchFunction);
    expect(functions).toContain(autoMatchRematchFunction);
  });

  it("matches a new request of an Auto-TRMS board; the same event again completes nothing more", async () => {
    const request = await makeRequest(known[0]!);
    const first = await new InngestTestEngine({ function: autoMatchFunction, events: [createdEvent(request)] }).execute();
    expect(first.error).toBeUndefined();
    expect(first.result).toMatchObject({ status: "done", outcome: "MATCHED" });
    const again = await new InngestTestEngine({ function: autoMatchFunction, events: [createdEvent(request)] }).execute();
    expect(again.result).toEqual({ status: "skipped", why: "notMatchable" });
    const state = await requestState(request.id);
    expect(state.status).toBe("E_TRANSCRIPT_SENT");
    expect(state.transcripts).toHaveLength(1);
    expect(state.autoMatches).toEqual([expect.objectContaining({ trigger: "created", outcome: "MATCHED" })]);
  });

  it("matches a Send-at-End-of-Semester request when it is released", async () => {
    const request = await makeRequest(known[1]!, { sendAfter: new Date(Date.now() - 60_000) });
    const run = await new InngestTestEngine({ function: autoMatchFunction, events: [createdEvent(request, "transcript/request.released")] }).execute();
    expect(run.result).toMatchObject({ outcome: "MATCHED" });
    expect((await requestState(request.id)).autoMatches).toEqual([expect.objectContaining({ trigger: "released" })]);
  });

  it("leaves requests of a board without Auto-TRMS waiting as Action Required", async () => {
    const request = await makeRequest(known[2]!, { mident: "999998" });
    const run = await new InngestTestEngine({ function: autoMatchFunction, events: [createdEvent(request)] }).execute();
    expect(run.result).toEqual({ status: "skipped", why: "notAutoTrms" });
    expect((await requestState(request.id)).status).toBe("ACTION_REQUIRED");
  });

  it("runs once per event id in the embedded runtime, even with two instances taking work from one database", async () => {
    const request = await makeRequest(known[3]!);
    const event = { ...createdEvent(request), id: `request-created-${request.id}`, subject: `request:${request.id}` };
    const options = { functions: [autoMatchFunction], schedule: false, dispatchPollMs: 20, runner: { pollMs: 20 }, logger: quietLogger() };
    const [one, two] = [startBackgroundRuntime(options), startBackgroundRuntime(options)];
    try {
      await enqueueEvents(db, [event]);
      await Promise.all([one.drain(), two.drain()]);
    } finally {
      await Promise.all([one.stop(), two.stop()]);
    }
    expect(await db.jobRun.findMany({ where: { runKey: event.id }, select: { functionId: true, status: true } })).toEqual([
      { functionId: AUTO_MATCH_ID, status: "SUCCEEDED" },
    ]);
    expect((await requestState(request.id)).transcripts).toHaveLength(1);
  });
});

describe("rematch", () => {
  it("is for the board's administrators and OCAS administrators", async () => {
    for (const username of ["demo.board", "other.board", "demo.school", "aurora.school"]) {
      const actor = await actorFor(username);
      expect(await startRematch({ actor, boardId }), username).toEqual({ ok: false, error: "forbidden" });
      expect(await getRematchProgress({ actor, boardId }), username).toBeNull();
    }
    expect(await sentEvents()).toEqual([]);
  });

  it("needs Auto-TRMS on with an address and a secret", async () => {
    const admin = await actorFor("other.board.admin");
    await db.board.update({ where: { id: boardId }, data: { autoTrmsSecret: null } });
    expect(await startRematch({ actor: admin, boardId })).toEqual({ ok: false, error: "notConfigured" });
    await db.board.update({ where: { id: boardId }, data: { autoTrmsSecret: sealSecret(DEFAULT_SIS_DOUBLE_SECRET), autoTrmsEnabled: false } });
    expect(await startRematch({ actor: admin, boardId })).toEqual({ ok: false, error: "notConfigured" });
    const firstBoard = await db.board.findUniqueOrThrow({ where: { number: "99999" } });
    expect(await startRematch({ actor: await actorFor("demo.admin"), boardId: firstBoard.id })).toEqual({ ok: false, error: "notConfigured" });
    expect(await db.autoMatchRun.count()).toBe(0);
  });

  it("goes through the board's To Do requests (not deferred), counting as it goes, one run at a time", async () => {
    const admin = await actorFor("other.board.admin");
    const matchable = [
      await makeRequest(known[4]!, { status: "AUTO_PROCESS_ERROR" }),
      await makeRequest(known[5]!),
      await makeRequest(newIdentity(), { status: "AUTO_PROCESS_ERROR" }),
    ];
    const deferred = await makeRequest(newIdentity(), { sendAfter: new Date(Date.now() + 30 * 86_400_000) });
    const elsewhere = await makeRequest(newIdentity(), { status: "FINANCIAL_HOLD" });
    const expected = await db.transcriptRequest.count({ where: rematchWhere(boardId, new Date()) });
    // The seeded board has To Do requests of its own (unknown to this double).
    expect(expected).toBeGreaterThan(matchable.length);

    const started = await startRematch({ actor: admin, boardId });
    expect(started).toEqual({ ok: true, runId: expect.any(String), total: expected });
    if (!started.ok) throw new Error("unreachable");
    const sent = await sentEvents();
    expect(sent).toEqual([{ name: "auto-trms/rematch.requested", data: { boardId, runId: started.runId }, id: `auto-trms-rematch-${started.runId}` }]);
    // A second click while it works.
    expect(await startRematch({ actor: await actorFor("demo.admin"), boardId })).toEqual({ ok: false, error: "alreadyRunning" });
    expect(await getRematchProgress({ actor: admin, boardId })).toMatchObject({ runId: started.runId, total: expected, done: 0, finishedAt: null });

    const run = await new InngestTestEngine({ function: autoMatchRematchFunction, events: [{ name: sent[0]!.name, data: sent[0]!.data }] }).execute();
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual({ runId: started.runId, batches: 1, processed: expected });

    const progress = await getRematchProgress({ actor: admin, boardId });
    expect(progress).toMatchObject({ runId: started.runId, total: expected, done: expected, matched: 2, errors: expected - 2 });
    expect(progress!.finishedAt).not.toBeNull();
    expect((await requestState(matchable[0]!.id)).status).toBe("E_TRANSCRIPT_SENT");
    expect((await requestState(matchable[1]!.id)).status).toBe("E_TRANSCRIPT_SENT");
    expect(JSON.parse((await requestState(matchable[2]!.id)).statusReason!)).toMatchObject({ key: "sisNotFound" });
    expect((await requestState(deferred.id)).autoMatches).toEqual([]);
    expect((await requestState(elsewhere.id)).autoMatches).toEqual([]);
    expect(await db.autoMatchAttempt.count({ where: { trigger: "rematch" } })).toBe(expected);

    // Finished: the board may run again (nothing left to match but the errors).
    const again = await startRematch({ actor: admin, boardId });
    expect(again).toEqual({ ok: true, runId: expect.any(String), total: expected - 2 });
    if (again.ok) await db.autoMatchRun.update({ where: { id: again.runId }, data: { activeBoardId: null, finishedAt: new Date() } });
  });

  it("works in keyset batches: every request once, whatever the batch size", async () => {
    const admin = await actorFor("demo.admin");
    const started = await startRematch({ actor: admin, boardId });
    if (!started.ok) throw new Error(`not started: ${started.error}`);
    let cursor = null;
    let batches = 0;
    for (;;) {
      const result = await rematchBatch({ runId: started.runId, cursor, batchSize: 4, concurrency: 3 });
      batches++;
      if (result.finished) break;
      cursor = result.cursor;
    }
    expect(batches).toBe(Math.floor(started.total / 4) + 1);
    const attempts = await db.autoMatchAttempt.groupBy({
      by: ["requestId"],
      where: { startedAt: { gte: (await db.autoMatchRun.findUniqueOrThrow({ where: { id: started.runId } })).startedAt } },
      _count: true,
    });
    expect(attempts).toHaveLength(started.total);
    expect(attempts.every((a) => a._count === 1)).toBe(true);
    expect(await db.autoMatchRun.findUniqueOrThrow({ where: { id: started.runId } })).toMatchObject({
      done: started.total,
      total: started.total,
      activeBoardId: null,
    });
  });

  it("stops when Auto-TRMS is turned off during the run, and a stalled run does not block the board", async () => {
    const admin = await actorFor("other.board.admin");
    const started = await startRematch({ actor: admin, boardId });
    if (!started.ok) throw new Error(`not started: ${started.error}`);
    await db.board.update({ where: { id: boardId }, data: { autoTrmsEnabled: false } });
    expect(await rematchBatch({ runId: started.runId, cursor: null })).toEqual({ cursor: null, processed: 0, finished: true });
    expect(await db.autoMatchRun.findUniqueOrThrow({ where: { id: started.runId } })).toMatchObject({ done: 0, activeBoardId: null });

    await db.board.update({ where: { id: boardId }, data: { autoTrmsEnabled: true } });
    const longAgo = new Date(Date.now() - 2 * STALLED_RUN_MS);
    const stalled = await db.autoMatchRun.create({ data: { boardId, activeBoardId: boardId, total: 5, startedAt: longAgo, updatedAt: longAgo } });
    expect((await db.autoMatchRun.findUniqueOrThrow({ where: { id: stalled.id } })).updatedAt).toEqual(longAgo);
    const next = await startRematch({ actor: admin, boardId });
    expect(next.ok).toBe(true);
    expect(await db.autoMatchRun.findUniqueOrThrow({ where: { id: stalled.id } })).toMatchObject({ activeBoardId: null, finishedAt: expect.any(Date) });
  });
});
