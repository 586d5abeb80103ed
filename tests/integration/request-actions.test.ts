// The no-upload actions and cancellation (product §5, quality.md safety): one rule set for status, tab, timeline and
// the applicant's email; stale forms, scope and role refused with nothing changed; emails sent once.
import { beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { NO_UPLOAD_ACTIONS, nextStatus, tabOfStatus, type NoUploadAction } from "@/lib/domain/statuses";
import { applyAction } from "@/lib/server/requests/apply-action";
import { cancelRequest } from "@/lib/server/requests/cancel-request";
import { actorFor } from "./helpers/actors";
import { testRuntime } from "./helpers/background";
import { seedDemo } from "./helpers/seeded";

const background = testRuntime();

const DAY_MS = 86_400_000;
let firstBoardId: string;
const used = new Set<string>();

const REQUEST_SELECT = {
  id: true,
  referenceNumber: true,
  status: true,
  tab: true,
  version: true,
  statusReason: true,
  statusChangedAt: true,
  completedAt: true,
  sendOption: true,
  sendAfter: true,
  applicant: { select: { email: true, preferredLanguage: true } },
  school: { select: { nameEn: true, nameFr: true } },
} as const;

/** A request not used by another test yet (tests share this file's database). */
async function pick(where: Prisma.TranscriptRequestWhereInput) {
  const request = await db.transcriptRequest.findFirstOrThrow({
    where: { AND: [where, { id: { notIn: [...used] } }, { referenceNumber: { not: "REF-45454545" } }] },
    orderBy: { referenceNumber: "asc" },
    select: REQUEST_SELECT,
  });
  used.add(request.id);
  return request;
}

const reload = (id: string) => db.transcriptRequest.findUniqueOrThrow({ where: { id }, select: REQUEST_SELECT });
const eventsOf = (requestId: string, type?: string) =>
  db.timelineEvent.findMany({ where: { requestId, ...(type ? { type } : {}) }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
const outboxOf = (requestId: string) => db.emailOutbox.findMany({ where: { requestId } });

/** Everything an action may touch, to prove a refusal changed nothing. */
async function snapshot(id: string) {
  return { request: await reload(id), events: (await eventsOf(id)).length, outbox: (await outboxOf(id)).length };
}

const EMAIL_TEMPLATES: Partial<Record<NoUploadAction, string>> = { STUDENT_NOT_FOUND: "studentNotFound", FINANCIAL_HOLD: "financialHold" };

beforeAll(async () => {
  await seedDemo();
  firstBoardId = (await db.board.findUniqueOrThrow({ where: { number: "99999" } })).id;
});

/** Applies `action` as the first board's administrator and checks every effect it must have. */
async function expectActionEffects(request: Awaited<ReturnType<typeof pick>>, action: NoUploadAction) {
  const actor = await actorFor("demo.board");
  const before = Date.now();
  const result = await applyAction({ actor, input: { referenceNumber: request.referenceNumber, action, expectedVersion: request.version } });
  const to = nextStatus(request.status, "NO_UPLOAD", action)!;
  expect(result).toMatchObject({ ok: true, from: request.status, to, version: request.version + 1, repeated: false });

  const after = await reload(request.id);
  expect(after.status).toBe(to);
  expect(after.tab).toBe(tabOfStatus(to));
  expect(after.version).toBe(request.version + 1);
  expect(after.statusReason).toBeNull();
  expect(after.statusChangedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
  if (action === "PAPER_SENT") expect(after.completedAt).not.toBeNull();
  else expect(after.completedAt).toBeNull();

  const [event] = await eventsOf(request.id, "action");
  expect(event).toBeDefined();
  expect(event!.actorId).toBe(actor.id);
  expect(JSON.parse(event!.data!)).toEqual({ action, from: request.status, to, version: request.version + 1 });

  const outbox = await outboxOf(request.id);
  const emails = await eventsOf(request.id, "email_queued");
  const template = EMAIL_TEMPLATES[action];
  if (!template) {
    expect(outbox).toEqual([]);
    expect(emails).toEqual([]);
    return;
  }
  expect(outbox).toHaveLength(1);
  const email = outbox[0]!;
  const locale = request.applicant.preferredLanguage === "fr" ? "fr" : "en";
  expect(email).toMatchObject({ template, locale, to: request.applicant.email, dedupeKey: `${request.id}:${action}:${request.version + 1}` });
  expect(email.subject).toContain(request.referenceNumber);
  expect(email.text).toContain(locale === "fr" ? request.school.nameFr : request.school.nameEn);
  expect(email.text).toMatch(locale === "fr" ? /Veuillez communiquer/ : /Please contact/);
  expect(emails).toHaveLength(1);
  const data = JSON.parse(emails[0]!.data!) as Record<string, unknown>;
  expect(data).toMatchObject({ template, outboxId: email.id });
  // The timeline shows the address masked, never whole.
  expect(emails[0]!.data).not.toContain(request.applicant.email);
  expect(String(data.to)).toMatch(/^.•••@/u);
  // Queued with the action, with the event that sends it; the delivery function sends it once.
  expect(await db.outboxEvent.count({ where: { id: `email-${email.id}` } })).toBe(1);
  await background.drain();
  expect(await db.emailOutbox.findUniqueOrThrow({ where: { id: email.id } })).toMatchObject({ status: "OUTBOX", attempts: 1 });
  const sent = await eventsOf(request.id, "email_sent");
  expect(sent).toHaveLength(1);
  expect(JSON.parse(sent[0]!.data!)).toMatchObject({ template, outboxId: email.id, status: "OUTBOX" });
}

describe("each no-upload action", () => {
  for (const action of NO_UPLOAD_ACTIONS) {
    test(`${action} from To Do (Action Required)`, async () => {
      // Emails: a French applicant from To Do, an English one from Incomplete, so both languages are covered.
      const language = action === "STUDENT_NOT_FOUND" || action === "FINANCIAL_HOLD" ? { applicant: { preferredLanguage: "fr" } } : {};
      const request = await pick({ boardId: firstBoardId, status: "ACTION_REQUIRED", sendOption: "SEND_NOW", ...language });
      await expectActionEffects(request, action);
    });

    test(`${action} from Incomplete`, async () => {
      const language = action === "STUDENT_NOT_FOUND" || action === "FINANCIAL_HOLD" ? { applicant: { preferredLanguage: "en" } } : {};
      const request = await pick({ boardId: firstBoardId, status: { in: ["INCOMPLETE_ACTION_REQUIRED", "FILE_UPLOAD_ERROR"] }, ...language });
      await expectActionEffects(request, action);
    });
  }

  test("clears the reason of a File Upload Error", async () => {
    const request = await pick({ boardId: firstBoardId, status: "FILE_UPLOAD_ERROR", statusReason: { not: null } });
    await expectActionEffects(request, "NO_ACADEMIC_DATA");
  });
});

describe("refusals change nothing", () => {
  test("an action on a Complete request", async () => {
    const actor = await actorFor("demo.board");
    for (const status of ["PAPER_TRANSCRIPT_SENT", "E_TRANSCRIPT_SENT", "REQUEST_CANCELLED"] as const) {
      const request = await pick({ boardId: firstBoardId, status });
      const before = await snapshot(request.id);
      const result = await applyAction({
        actor,
        input: { referenceNumber: request.referenceNumber, action: "STUDENT_NOT_FOUND", expectedVersion: request.version },
      });
      expect(result, status).toEqual({ ok: false, reason: "invalidTransition", status });
      expect(await snapshot(request.id)).toEqual(before);
    }
  });

  test("an action on a request In Progress", async () => {
    const actor = await actorFor("demo.board");
    const request = await pick({ boardId: firstBoardId, status: "TRANSCRIPT_UPLOADED" });
    const result = await applyAction({ actor, input: { referenceNumber: request.referenceNumber, action: "PAPER_SENT", expectedVersion: request.version } });
    expect(result).toEqual({ ok: false, reason: "invalidTransition", status: "TRANSCRIPT_UPLOADED" });
  });

  test("the status the request already has (Financial Hold twice)", async () => {
    const actor = await actorFor("demo.board");
    const request = await pick({ boardId: firstBoardId, status: "FINANCIAL_HOLD" });
    const before = await snapshot(request.id);
    const result = await applyAction({
      actor,
      input: { referenceNumber: request.referenceNumber, action: "FINANCIAL_HOLD", expectedVersion: request.version },
    });
    expect(result).toEqual({ ok: false, reason: "invalidTransition", status: "FINANCIAL_HOLD" });
    expect(await snapshot(request.id)).toEqual(before);
  });

  test("a stale form: the request changed since the page was loaded", async () => {
    const actor = await actorFor("demo.board");
    const request = await pick({ boardId: firstBoardId, status: "ACTION_REQUIRED", sendOption: "SEND_NOW" });
    // Someone else acted first (the version moved on).
    await db.transcriptRequest.update({ where: { id: request.id }, data: { version: { increment: 2 } } });
    const before = await snapshot(request.id);
    for (const expectedVersion of [request.version, request.version + 1, request.version + 5]) {
      const result = await applyAction({ actor, input: { referenceNumber: request.referenceNumber, action: "STUDENT_NOT_FOUND", expectedVersion } });
      expect(result, `version ${expectedVersion}`).toEqual({ ok: false, reason: "stale" });
    }
    expect(await snapshot(request.id)).toEqual(before);
  });

  test("a request of another school: not found, whatever the reference", async () => {
    const actor = await actorFor("demo.school2");
    const request = await db.transcriptRequest.findUniqueOrThrow({ where: { referenceNumber: "REF-45454545" }, select: REQUEST_SELECT });
    const before = await snapshot(request.id);
    for (const action of NO_UPLOAD_ACTIONS) {
      const result = await applyAction({ actor, input: { referenceNumber: "REF-45454545", action, expectedVersion: request.version } });
      expect(result).toEqual({ ok: false, reason: "notFound" });
    }
    expect(await snapshot(request.id)).toEqual(before);
    const other = await actorFor("other.board");
    expect(await applyAction({ actor: other, input: { referenceNumber: "REF-45454545", action: "PAPER_SENT", expectedVersion: request.version } })).toEqual({
      ok: false,
      reason: "notFound",
    });
    expect(await applyAction({ actor, input: { referenceNumber: "REF-00000000", action: "PAPER_SENT", expectedVersion: 0 } })).toEqual({
      ok: false,
      reason: "notFound",
    });
  });

  test("malformed input", async () => {
    const actor = await actorFor("demo.board");
    const bad = [
      { referenceNumber: "REF-1", action: "PAPER_SENT", expectedVersion: 0 },
      { referenceNumber: "REF-45454545", action: "DELETE", expectedVersion: 0 },
      { referenceNumber: "REF-45454545", action: "", expectedVersion: 0 },
      { referenceNumber: "REF-45454545", action: "PAPER_SENT", expectedVersion: -1 },
      { referenceNumber: "REF-45454545", action: "PAPER_SENT", expectedVersion: "1.5" },
      // A form without its version is not a form for version 0.
      { referenceNumber: "REF-45454545", action: "PAPER_SENT", expectedVersion: "" },
      { referenceNumber: "REF-45454545", action: "PAPER_SENT", expectedVersion: undefined },
    ];
    for (const input of bad) {
      const result = await applyAction({ actor, input: input as never });
      expect(result.ok, JSON.stringify(input)).toBe(false);
      expect(result, JSON.stringify(input)).toMatchObject({ reason: "invalid" });
    }
    const empty = await applyAction({ actor, input: { referenceNumber: "REF-45454545", action: "" as never, expectedVersion: 0 } });
    expect(empty).toMatchObject({ reason: "invalid", fieldErrors: { action: ["respond.errors.chooseResponse"] } });
  });
});

describe("retries and concurrent users", () => {
  test("the same action retried with the same version emails once and records once", async () => {
    const actor = await actorFor("demo.board");
    const request = await pick({ boardId: firstBoardId, status: "ACTION_REQUIRED", sendOption: "SEND_NOW" });
    const input = { referenceNumber: request.referenceNumber, action: "FINANCIAL_HOLD" as const, expectedVersion: request.version };
    const first = await applyAction({ actor, input });
    const second = await applyAction({ actor, input });
    expect(first).toMatchObject({ ok: true, repeated: false, to: "FINANCIAL_HOLD" });
    expect(second).toMatchObject({ ok: true, repeated: true, to: "FINANCIAL_HOLD", version: request.version + 1 });
    expect(await outboxOf(request.id)).toHaveLength(1);
    expect(await eventsOf(request.id, "action")).toHaveLength(1);
    expect(await eventsOf(request.id, "email_queued")).toHaveLength(1);
    expect((await reload(request.id)).version).toBe(request.version + 1);

    // Anyone else submitting the same old form is told it is stale.
    const other = await actorFor("demo.school2");
    const school = await db.transcriptRequest.findUniqueOrThrow({ where: { id: request.id }, select: { school: { select: { mident: true } } } });
    const colleague = school.school.mident === "999998" ? other : await actorFor("demo.school");
    expect(await applyAction({ actor: colleague, input })).toEqual({ ok: false, reason: "stale" });
    expect(await outboxOf(request.id)).toHaveLength(1);
  });

  test("the email is part of the action: none for a refused action, one delivery however often its event comes", async () => {
    const actor = await actorFor("demo.board");
    const request = await pick({ boardId: firstBoardId, status: "ACTION_REQUIRED", sendOption: "SEND_NOW" });
    const stale = { referenceNumber: request.referenceNumber, action: "STUDENT_NOT_FOUND" as const, expectedVersion: request.version + 7 };
    expect(await applyAction({ actor, input: stale })).toEqual({ ok: false, reason: "stale" });
    expect(await outboxOf(request.id)).toHaveLength(0);
    expect(await db.outboxEvent.count({ where: { name: "email/queued", data: { contains: request.id } } })).toBe(0);

    await applyAction({ actor, input: { ...stale, expectedVersion: request.version } });
    const [email] = await outboxOf(request.id);
    // The same email announced again (as the reconciler would, under another id): delivered once.
    await db.outboxEvent.create({
      data: { id: `email-${email!.id}:again`, name: "email/queued", data: JSON.stringify({ emailId: email!.id }), subject: `email:${email!.id}` },
    });
    await background.drain();
    expect(await db.jobRun.count({ where: { functionId: "deliver-email", runKey: { startsWith: `email-${email!.id}` } } })).toBe(2);
    expect(await db.emailOutbox.findUniqueOrThrow({ where: { id: email!.id } })).toMatchObject({ status: "OUTBOX", attempts: 1 });
    expect(await eventsOf(request.id, "email_sent")).toHaveLength(1);
  });

  test("two actions on one version at once: exactly one wins, the other is told", async () => {
    const [board, school] = [await actorFor("demo.board"), await actorFor("demo.school")];
    const request = await pick({ school: { mident: "999999" }, status: "ACTION_REQUIRED", sendOption: "SEND_NOW" });
    const results = await Promise.all([
      applyAction({ actor: board, input: { referenceNumber: request.referenceNumber, action: "STUDENT_NOT_FOUND", expectedVersion: request.version } }),
      applyAction({ actor: school, input: { referenceNumber: request.referenceNumber, action: "NO_ACADEMIC_DATA", expectedVersion: request.version } }),
    ]);
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "stale" }]);
    const after = await reload(request.id);
    expect(after.version).toBe(request.version + 1);
    expect(after.status).toBe(winners[0]!.ok ? winners[0]!.to : null);
    expect(await eventsOf(request.id, "action")).toHaveLength(1);
  });
});

describe("Send at End of Semester", () => {
  test("Paper Transcript Sent is refused before the send-after date, naming it, and allowed from then", async () => {
    const actor = await actorFor("demo.admin");
    const request = await pick({ status: "ACTION_REQUIRED", sendOption: "END_OF_SEMESTER", sendAfter: { gt: new Date(Date.now() + DAY_MS) } });
    const input = { referenceNumber: request.referenceNumber, action: "PAPER_SENT" as const, expectedVersion: request.version };
    const before = await snapshot(request.id);
    expect(await applyAction({ actor, input })).toEqual({ ok: false, reason: "notBeforeSendAfter", sendAfter: request.sendAfter });
    expect(await snapshot(request.id)).toEqual(before);
    const due = new Date(request.sendAfter!.getTime() + 60_000);
    expect(await applyAction({ actor, input, now: due })).toMatchObject({ ok: true, to: "PAPER_TRANSCRIPT_SENT" });
  });

  test("the exceptions that do not complete the request are allowed before it", async () => {
    const actor = await actorFor("demo.admin");
    const request = await pick({ status: "ACTION_REQUIRED", sendOption: "END_OF_SEMESTER", sendAfter: { gt: new Date(Date.now() + DAY_MS) } });
    const result = await applyAction({
      actor,
      input: { referenceNumber: request.referenceNumber, action: "NO_ACADEMIC_DATA", expectedVersion: request.version },
    });
    expect(result).toMatchObject({ ok: true, to: "NO_ACADEMIC_DATA" });
  });
});

describe("cancellation by OCAS", () => {
  test("an OCAS administrator cancels with a reason: Request Cancelled, in Complete, reason in the timeline", async () => {
    const actor = await actorFor("demo.admin");
    const request = await pick({ status: "STUDENT_NOT_FOUND" });
    const reason = "Applicant withdrew <b>the</b> application";
    const result = await cancelRequest({
      actor,
      input: { referenceNumber: request.referenceNumber, reason: `  ${reason} `, expectedVersion: request.version },
    });
    expect(result).toEqual({ ok: true, referenceNumber: request.referenceNumber, from: "STUDENT_NOT_FOUND", version: request.version + 1 });
    const after = await reload(request.id);
    expect(after).toMatchObject({ status: "REQUEST_CANCELLED", tab: "COMPLETE", version: request.version + 1 });
    expect(after.completedAt).not.toBeNull();
    const [event] = await eventsOf(request.id, "cancelled");
    expect(event!.actorId).toBe(actor.id);
    expect(JSON.parse(event!.data!)).toEqual({ note: reason, from: "STUDENT_NOT_FOUND", to: "REQUEST_CANCELLED", version: request.version + 1 });
    expect(await outboxOf(request.id)).toEqual([]);
  });

  test("board and school users are refused, whatever the request", async () => {
    const request = await pick({ boardId: firstBoardId, status: "ACTION_REQUIRED" });
    const before = await snapshot(request.id);
    for (const username of ["demo.board", "demo.school", "demo.school2", "other.board"]) {
      const actor = await actorFor(username);
      const result = await cancelRequest({ actor, input: { referenceNumber: request.referenceNumber, reason: "No", expectedVersion: request.version } });
      expect(result, username).toEqual({ ok: false, reason: "forbidden" });
    }
    expect(await snapshot(request.id)).toEqual(before);
  });

  test("a reason is required; a complete request and a stale form are refused", async () => {
    const actor = await actorFor("demo.admin");
    const open = await pick({ status: "ACTION_REQUIRED" });
    const before = await snapshot(open.id);
    for (const reason of ["", "   ", "x".repeat(501)]) {
      const result = await cancelRequest({ actor, input: { referenceNumber: open.referenceNumber, reason, expectedVersion: open.version } });
      expect(result).toMatchObject({ ok: false, reason: "invalid", fieldErrors: { reason: [expect.stringMatching(/^details\.cancel\.errors\./)] } });
    }
    expect(await cancelRequest({ actor, input: { referenceNumber: open.referenceNumber, reason: "Duplicate", expectedVersion: open.version + 1 } })).toEqual({
      ok: false,
      reason: "stale",
    });
    expect(await snapshot(open.id)).toEqual(before);

    const done = await pick({ status: "E_TRANSCRIPT_SENT" });
    expect(await cancelRequest({ actor, input: { referenceNumber: done.referenceNumber, reason: "Duplicate", expectedVersion: done.version } })).toEqual({
      ok: false,
      reason: "invalidTransition",
      status: "E_TRANSCRIPT_SENT",
    });
  });
});
