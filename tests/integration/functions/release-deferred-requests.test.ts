import { InngestTestEngine } from "@inngest/test";
import { beforeEach, describe, expect, it, vi } from "vitest";

// The daily Send-at-End-of-Semester release, run by @inngest/test's engine against the real database. No runtime
// runs here: the events the release writes stay in the outbox, where the tests read them.

import { RELEASE_DEFERRED_REQUESTS_CRON, releaseDeferredRequestsFunction } from "@/inngest/functions/release-deferred-requests";
import { db } from "@/lib/db";
import type { RequestStatus } from "@/lib/domain/statuses";
import { tabOfStatus } from "@/lib/domain/statuses";

const DAY = 86_400_000;
let counter = 0;

async function placement() {
  const board = await db.board.upsert({
    where: { number: "11111" },
    create: { number: "11111", nameEn: "Test Board", nameFr: "Conseil test", autoTrmsEnabled: true },
    update: {},
  });
  const school = await db.school.upsert({
    where: { mident: "111111" },
    create: { mident: "111111", nameEn: "Test School", nameFr: "École test", boardId: board.id },
    update: {},
  });
  return { board, school };
}

async function makeRequest(options: { sendAfter: Date | null; status?: RequestStatus }) {
  const n = ++counter;
  const { board, school } = await placement();
  const status = options.status ?? "ACTION_REQUIRED";
  const applicant = await db.applicant.create({
    data: { accountNumber: `55${n}`, firstName: "Ada", lastName: "Lovelace", dateOfBirth: "2005-01-02", gender: "FEMALE", email: "ada@example.org" },
  });
  return db.transcriptRequest.create({
    data: {
      referenceNumber: `REF-${String(10_000_000 + n)}`,
      requestNumber: `88${n}`,
      accountNumber: applicant.accountNumber,
      applicantId: applicant.id,
      schoolId: school.id,
      boardId: board.id,
      requestType: "ORIGINAL",
      paidAt: new Date(Date.now() - 30 * DAY),
      sendOption: options.sendAfter ? "END_OF_SEMESTER" : "SEND_NOW",
      sendAfter: options.sendAfter,
      lastAttended: "2024-06",
      status,
      tab: tabOfStatus(status),
      firstName: "Ada",
      lastName: "Lovelace",
      firstNameFolded: "ada",
      lastNameFolded: "lovelace",
    },
  });
}

const cronEvent = { name: "inngest/scheduled.timer", data: { cron: RELEASE_DEFERRED_REQUESTS_CRON } };

async function releasedRows(requestId: string) {
  return db.timelineEvent.findMany({ where: { requestId, type: "released" } });
}

/** The events written to the outbox since the last `beforeEach`. */
async function sentEvents() {
  const rows = await db.outboxEvent.findMany({ where: { name: "transcript/request.released" } });
  return rows.map((r) => ({ name: r.name, data: JSON.parse(r.data) as Record<string, unknown>, id: r.id }));
}

beforeEach(async () => {
  await db.outboxEvent.deleteMany();
});

describe("release-deferred-requests", () => {
  it("releases each due request once: an event and a timeline entry; not-due and complete requests stay as they are", async () => {
    const due = await makeRequest({ sendAfter: new Date(Date.now() - DAY) });
    const dueError = await makeRequest({ sendAfter: new Date(Date.now() - 2 * DAY), status: "AUTO_PROCESS_ERROR" });
    const notDue = await makeRequest({ sendAfter: new Date(Date.now() + DAY) });
    const complete = await makeRequest({ sendAfter: new Date(Date.now() - DAY), status: "E_TRANSCRIPT_SENT" });
    const sendNow = await makeRequest({ sendAfter: null });

    const engine = new InngestTestEngine({ function: releaseDeferredRequestsFunction, events: [cronEvent] });
    const first = await engine.execute();
    expect(first.error).toBeUndefined();
    expect(first.result).toEqual({ released: 2 });

    for (const r of [due, dueError]) {
      const rows = await releasedRows(r.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actorLabel: "system", actorId: null });
      expect(JSON.parse(rows[0]!.data!)).toEqual({ sendAfter: r.sendAfter!.toISOString() });
      expect(await sentEvents()).toContainEqual({
        name: "transcript/request.released",
        data: { requestId: r.id, referenceNumber: r.referenceNumber, boardId: r.boardId },
        id: `request-released-${r.id}`,
      });
    }
    for (const r of [notDue, complete, sendNow]) expect(await releasedRows(r.id)).toHaveLength(0);
    expect((await sentEvents()).map((e) => e.data.requestId).sort()).toEqual([due.id, dueError.id].sort());
    // Releasing changes nothing else about the request.
    const after = await db.transcriptRequest.findUniqueOrThrow({ where: { id: due.id } });
    expect(after).toMatchObject({ status: "ACTION_REQUIRED", version: due.version, updatedAt: due.updatedAt });

    // The next morning: nothing new is due, nothing is released again.
    await db.outboxEvent.deleteMany();
    const second = await new InngestTestEngine({ function: releaseDeferredRequestsFunction, events: [cronEvent] }).execute();
    expect(second.result).toEqual({ released: 0 });
    expect(await sentEvents()).toEqual([]);
    expect(await releasedRows(due.id)).toHaveLength(1);
  });

  it("releases a request once its date comes, and runs from “Run now” as from the schedule", async () => {
    const soon = await makeRequest({ sendAfter: new Date(Date.now() + 1_500) });
    const run = () =>
      new InngestTestEngine({
        function: releaseDeferredRequestsFunction,
        events: [{ name: "jobs/release-deferred-requests.run", data: { requestedBy: "demo.admin" } }],
      }).execute();

    expect((await run()).result).toEqual({ released: 0 });
    expect(await releasedRows(soon.id)).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    expect((await run()).result).toEqual({ released: 1 });
    expect(await releasedRows(soon.id)).toHaveLength(1);
  });

  it("is safe when two runs overlap: each request is released once", async () => {
    const requests = [];
    for (let i = 0; i < 5; i++) requests.push(await makeRequest({ sendAfter: new Date(Date.now() - DAY) }));
    const [a, b] = await Promise.all([
      new InngestTestEngine({ function: releaseDeferredRequestsFunction, events: [cronEvent] }).execute(),
      new InngestTestEngine({ function: releaseDeferredRequestsFunction, events: [cronEvent] }).execute(),
    ]);
    expect((a.result as { released: number }).released + (b.result as { released: number }).released).toBe(5);
    for (const r of requests) expect(await releasedRows(r.id)).toHaveLength(1);
  });

  it("refuses a Run-now event without its data (the event schema), without running", async () => {
    const due = await makeRequest({ sendAfter: new Date(Date.now() - DAY) });
    // The SDK logs the refused event (a warning: inngest/client.ts): expected here.
    const logged = vi.spyOn(console, "warn").mockImplementation(() => {});
    const bad = await new InngestTestEngine({
      function: releaseDeferredRequestsFunction,
      events: [{ name: "jobs/release-deferred-requests.run", data: {} }],
    }).execute();
    expect(bad.error).toMatchObject({ name: "EventValidationError" });
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/^\[inngest\] EventValidationError: .*Inngest function error$/));
    logged.mockRestore();
    expect(await releasedRows(due.id)).toHaveLength(0);
  });
});
