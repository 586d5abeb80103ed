// Retry Auto-TRMS on the details page: for a request Auto-TRMS left as "SIS unavailable", anyone who may see the request
// asks again; one transaction writes who asked (timeline) and the event that runs the auto-match function again, and
// the run, against the SIS double, completes the request when the SIS answers.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/auth", () => import("./helpers/session"));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { retryAutoTrmsAction } from "@/lib/actions/requests";
import { initialActionResult } from "@/lib/actions/result";
import { sealSecret } from "@/lib/auth/secret-box";
import { db } from "@/lib/db";
import { EVENT_NAMES } from "@/lib/domain/events";
import { offersAutoTrmsRetry } from "@/lib/server/auto-trms/retry-request";
import { DEFAULT_SIS_DOUBLE_SECRET, type SisDouble } from "@/tests/doubles/sis-server.mjs";
import { actorFor } from "./helpers/actors";
import { AUTO_BOARD, makeRequest, newIdentity, recordOf, requestState, startDouble, type Identity } from "./helpers/auto-trms";
import { testRuntime } from "./helpers/background";
import { seedDemo } from "./helpers/seeded";
import { signInAs } from "./helpers/session";

const runtime = testRuntime();

const UNAVAILABLE = JSON.stringify({ key: "sisUnavailable" });
const known: Identity[] = Array.from({ length: 40 }, () => newIdentity());
let next = 0;
let double: SisDouble;
let boardId: string;

beforeAll(async () => {
  await seedDemo();
  ({ double } = await startDouble(known.map((i) => recordOf(i))));
  boardId = (await db.board.findUniqueOrThrow({ where: { number: AUTO_BOARD } })).id;
});

afterAll(async () => {
  signInAs(null);
  await double.close();
});

beforeEach(async () => {
  await db.board.update({ where: { id: boardId }, data: { autoTrmsEnabled: true, autoTrmsSecret: sealSecret(DEFAULT_SIS_DOUBLE_SECRET) } });
});

/** A request Auto-TRMS left as "SIS unavailable" (a student the double knows, unless told). */
async function unavailable(
  options: { identity?: Identity; mident?: string; statusReason?: string | null; status?: "AUTO_PROCESS_ERROR" | "ACTION_REQUIRED"; sendAfter?: Date } = {},
) {
  const request = await makeRequest(options.identity ?? known[next++]!, {
    status: options.status ?? "AUTO_PROCESS_ERROR",
    mident: options.mident,
    sendAfter: options.sendAfter,
  });
  return db.transcriptRequest.update({
    where: { id: request.id },
    data: { statusReason: options.statusReason === undefined ? UNAVAILABLE : options.statusReason },
  });
}

function form(fields: Record<string, string | number>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, String(v));
  return data;
}

const retry = (request: { referenceNumber: string; version: number }, locale = "en") =>
  retryAutoTrmsAction(initialActionResult, form({ referenceNumber: request.referenceNumber, expectedVersion: request.version, locale }));

/** What a refusal must leave as it was. */
async function snapshot(id: string) {
  const request = await db.transcriptRequest.findUniqueOrThrow({ where: { id }, select: { status: true, version: true, statusReason: true } });
  return {
    request,
    timeline: await db.timelineEvent.count({ where: { requestId: id } }),
    outbox: await db.outboxEvent.count({ where: { subject: `request:${id}` } }),
  };
}

const retryRows = (requestId: string) => db.timelineEvent.findMany({ where: { requestId, type: "auto_trms_retry" }, orderBy: { createdAt: "asc" } });
const retryEvents = (requestId: string) =>
  db.outboxEvent.findMany({ where: { subject: `request:${requestId}`, name: EVENT_NAMES.autoMatchRetryRequested }, orderBy: { createdAt: "asc" } });

describe("who may retry", () => {
  it.each(["demo.admin", "other.board", "other.board.admin", "aurora.school"])("%s: a request in their scope", async (username) => {
    const request = await unavailable();
    const actor = await actorFor(username);
    signInAs(actor);
    expect(await retry(request)).toEqual({ ok: true, messageKey: "details.retryAutoTrms.done", values: { reference: request.referenceNumber } });
    // Who asked, and the event named after that row, written together.
    const [row] = await retryRows(request.id);
    expect(row).toMatchObject({ actorId: actor.id, actorLabel: null });
    expect(JSON.parse(row!.data!)).toEqual({ retry: "autoMatch", version: request.version + 1 });
    const events = await retryEvents(request.id);
    expect(events.map((e) => e.id)).toEqual([`auto-trms-retry-${request.id}-${row!.id}`]);
    expect(JSON.parse(events[0]!.data)).toEqual({ requestId: request.id, referenceNumber: request.referenceNumber, boardId: request.boardId });
    expect(events[0]!.createdAt.getTime()).toBe(row!.createdAt.getTime());
    await runtime.drain();
  });

  it.each(["boreale.school", "demo.school", "demo.school2", "demo.board", "demo.board.user"])(
    "%s: out of scope, the same answer as an unknown request",
    async (username) => {
      const request = await unavailable();
      const before = await snapshot(request.id);
      signInAs(await actorFor(username));
      expect(await retry(request)).toEqual({ ok: false, messageKey: "respond.errors.notFound" });
      expect(await snapshot(request.id)).toEqual(before);
    },
  );

  it("an unknown reference is not found; no session is asked to sign in again", async () => {
    signInAs(await actorFor("demo.admin"));
    expect(await retry({ referenceNumber: "REF-00000001", version: 0 })).toEqual({ ok: false, messageKey: "respond.errors.notFound" });
    const request = await unavailable();
    const before = await snapshot(request.id);
    signInAs(null);
    expect(await retry(request)).toEqual({ ok: false, messageKey: "auth.sessionExpired" });
    expect(await snapshot(request.id)).toEqual(before);
  });
});

describe("refusals", () => {
  beforeEach(async () => signInAs(await actorFor("other.board")));

  it("a stale page (the request changed since it was shown) gets the stale answer, and so does a second click", async () => {
    const request = await unavailable();
    const before = await snapshot(request.id);
    expect(await retry({ ...request, version: request.version + 1 })).toEqual({ ok: false, messageKey: "errors.staleForm" });
    expect(await retry({ ...request, version: request.version + 7 })).toEqual({ ok: false, messageKey: "errors.staleForm" });
    expect(await snapshot(request.id)).toEqual(before);

    expect((await retry(request)).ok).toBe(true);
    expect(await retry(request)).toEqual({ ok: false, messageKey: "errors.staleForm" });
    expect(await retryEvents(request.id)).toHaveLength(1);
    await runtime.drain();
  });

  it("is only for an Auto-Process Error whose SIS could not be reached, due to be matched", async () => {
    const cases = [
      await unavailable({ statusReason: JSON.stringify({ key: "sisNotFound", oen: "123456782" }) }),
      await unavailable({ statusReason: JSON.stringify({ key: "sisDifferences", fields: ["gender"] }) }),
      await unavailable({ statusReason: null }),
      await unavailable({ status: "ACTION_REQUIRED" }),
      await unavailable({ sendAfter: new Date(Date.now() + 30 * 86_400_000) }),
    ];
    for (const request of cases) {
      const before = await snapshot(request.id);
      expect(await retry(request), request.statusReason ?? request.status).toEqual({ ok: false, messageKey: "details.retryAutoTrms.errors.notRetryable" });
      expect(await snapshot(request.id)).toEqual(before);
    }
    // In French too (the page's language).
    expect(await retry(cases[0]!, "fr")).toEqual({ ok: false, messageKey: "details.retryAutoTrms.errors.notRetryable" });
  });

  it("a completed request is not retried", async () => {
    const request = await unavailable();
    const done = await db.transcriptRequest.update({
      where: { id: request.id },
      data: { status: "E_TRANSCRIPT_SENT", tab: "COMPLETE", statusReason: null, version: { increment: 1 } },
    });
    expect(await retry(done)).toEqual({ ok: false, messageKey: "details.retryAutoTrms.errors.notRetryable" });
    expect(await retryEvents(request.id)).toEqual([]);
  });

  it("not while the board has Auto-TRMS off or not set up", async () => {
    const request = await unavailable();
    const before = await snapshot(request.id);
    await db.board.update({ where: { id: boardId }, data: { autoTrmsEnabled: false } });
    expect(await retry(request)).toEqual({ ok: false, messageKey: "details.retryAutoTrms.errors.notAutoTrms" });
    await db.board.update({ where: { id: boardId }, data: { autoTrmsEnabled: true, autoTrmsSecret: null } });
    expect(await retry(request)).toEqual({ ok: false, messageKey: "details.retryAutoTrms.errors.notAutoTrms" });
    expect(await snapshot(request.id)).toEqual(before);
  });

  it("not while Auto-TRMS already has work about the request", async () => {
    const request = await unavailable();
    // An announcement not yet taken (due later, so that the runtime leaves it alone).
    await db.outboxEvent.create({
      data: {
        id: `pending-${request.id}`,
        name: "test/nobody.listens",
        data: "{}",
        subject: `request:${request.id}`,
        availableAt: new Date(Date.now() + 3_600_000),
      },
    });
    const before = await snapshot(request.id);
    expect(await retry(request)).toEqual({ ok: false, messageKey: "details.retryAutoTrms.errors.inProgress" });
    expect(await snapshot(request.id)).toEqual(before);
    await db.outboxEvent.delete({ where: { id: `pending-${request.id}` } });
    expect((await retry(request)).ok).toBe(true);
    await runtime.drain();
  });
});

describe("the retry runs Auto-TRMS again", () => {
  beforeEach(async () => signInAs(await actorFor("aurora.school")));

  it("completes the request when the SIS answers", async () => {
    const request = await unavailable();
    const calls = double.state.calls;
    expect((await retry(request)).ok).toBe(true);
    await runtime.drain();
    const state = await requestState(request.id);
    expect(state).toMatchObject({ status: "E_TRANSCRIPT_SENT", tab: "COMPLETE", statusReason: null, version: request.version + 2 });
    expect(state.transcripts).toEqual([expect.objectContaining({ source: "AUTO_TRMS", isCurrent: true })]);
    expect(state.autoMatches).toEqual([expect.objectContaining({ trigger: "retry", outcome: "MATCHED" })]);
    expect(double.state.calls).toBe(calls + 1);
    // Who asked, then what Auto-TRMS did.
    expect(state.events.map((e) => [e.type, e.actorLabel])).toEqual([
      ["auto_trms_retry", null],
      ["status_changed", "auto-trms"],
    ]);
    expect(JSON.parse(state.events[1]!.data!)).toMatchObject({ trigger: "retry", from: "AUTO_PROCESS_ERROR", to: "E_TRANSCRIPT_SENT" });
  });

  it("leaves the request as Auto-Process Error with the SIS's new answer when it still cannot match", async () => {
    const stranger = newIdentity();
    const request = await unavailable({ identity: stranger });
    expect((await retry(request)).ok).toBe(true);
    await runtime.drain();
    const state = await requestState(request.id);
    expect(state.status).toBe("AUTO_PROCESS_ERROR");
    expect(JSON.parse(state.statusReason!)).toEqual({ key: "sisNotFound", oen: stranger.oen });
    expect(state.autoMatches).toEqual([expect.objectContaining({ trigger: "retry", outcome: "NOT_FOUND" })]);
    // No longer "SIS unavailable": nothing more to retry.
    expect(offersAutoTrmsRetry(state as never, true)).toBe(false);
  });

  it("each retry is its own event, so that a later retry runs Auto-TRMS again", async () => {
    const request = await unavailable();
    expect((await retry(request)).ok).toBe(true);
    await runtime.drain();
    // As if the SIS had been unreachable again on that run: the request is back to "SIS unavailable".
    const again = await db.transcriptRequest.update({
      where: { id: request.id },
      data: { status: "AUTO_PROCESS_ERROR", tab: "TODO", statusReason: UNAVAILABLE, completedAt: null, version: { increment: 1 } },
    });
    expect((await retry(again)).ok).toBe(true);
    await runtime.drain();
    const events = await retryEvents(request.id);
    expect(events).toHaveLength(2);
    expect(new Set(events.map((e) => e.id)).size).toBe(2);
    expect(events.every((e) => e.dispatchedAt !== null)).toBe(true);
    expect((await requestState(request.id)).autoMatches.map((a) => [a.trigger, a.outcome])).toEqual([
      ["retry", "MATCHED"],
      ["retry", "MATCHED"],
    ]);
  });
});

describe("what the details page offers", () => {
  it("only an Auto-Process Error for SIS unavailable, on an Auto-TRMS board, due to be matched", () => {
    const base = { status: "AUTO_PROCESS_ERROR", statusReason: UNAVAILABLE, sendAfter: null };
    expect(offersAutoTrmsRetry(base, true)).toBe(true);
    expect(offersAutoTrmsRetry(base, false)).toBe(false);
    expect(offersAutoTrmsRetry({ ...base, status: "ACTION_REQUIRED" }, true)).toBe(false);
    expect(offersAutoTrmsRetry({ ...base, statusReason: JSON.stringify({ key: "sisMultipleMatches" }) }, true)).toBe(false);
    expect(offersAutoTrmsRetry({ ...base, statusReason: "not json" }, true)).toBe(false);
    expect(offersAutoTrmsRetry({ ...base, sendAfter: new Date(Date.now() + 86_400_000) }, true)).toBe(false);
  });
});
