import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// Email delivery through the real Resend SDK to a local double of its API (contracts §8, ADR 0011): an email is queued
// with the change it announces and sent by the delivery function, retried on failure with the same idempotency key,
// left FAILED after its last attempt, and started again once by the reconciler.

vi.hoisted(() => {
  process.env.RESEND_API_KEY = "re_test_0123456789";
});

import { db } from "@/lib/db";
import { emailQueuedEvent } from "@/lib/domain/events";
import { applyAction } from "@/lib/server/requests/apply-action";
import { resendTemporaryPassword } from "@/lib/server/users/resend-temporary-password";
import { reconcileBackgroundWork, repairEmail, stuckEmails } from "@/lib/server/jobs/reconcile";
import { createEmailDouble, type EmailDouble } from "@/tests/doubles/email-server.mjs";
import { actorFor } from "./helpers/actors";
import { testRuntime } from "./helpers/background";
import { seedDemo } from "./helpers/seeded";

let double: EmailDouble;
const background = testRuntime();
const used = new Set<string>();

beforeAll(async () => {
  await seedDemo();
  double = createEmailDouble();
  // The SDK reads its base URL when it is constructed, for each delivery.
  process.env.RESEND_BASE_URL = await double.listen();
});

afterAll(async () => {
  await double.close();
  delete process.env.RESEND_BASE_URL;
});

beforeEach(() => {
  double.state.failNext = 0;
  double.state.requests.length = 0;
  double.state.delivered.length = 0;
});

/** Records Student Not Found on a To Do request of the first board: its applicant is emailed. */
async function actOnANewRequest() {
  const request = await db.transcriptRequest.findFirstOrThrow({
    where: {
      board: { number: "99999" },
      status: "ACTION_REQUIRED",
      sendOption: "SEND_NOW",
      referenceNumber: { not: "REF-45454545" },
      id: { notIn: [...used] },
    },
    orderBy: { referenceNumber: "asc" },
    include: { applicant: true },
  });
  used.add(request.id);
  const result = await applyAction({
    actor: await actorFor("demo.board"),
    input: { referenceNumber: request.referenceNumber, action: "STUDENT_NOT_FOUND", expectedVersion: request.version },
  });
  expect(result).toMatchObject({ ok: true });
  const email = await db.emailOutbox.findFirstOrThrow({ where: { requestId: request.id } });
  return { request, email };
}

const timelineOf = (requestId: string, type: string) => db.timelineEvent.findMany({ where: { requestId, type } });

describe("email delivery", () => {
  it("sends a queued email through Resend once, with its idempotency key, and records it on the request", async () => {
    const { request, email } = await actOnANewRequest();
    expect(email.status).toBe("QUEUED");
    await background.drain();
    expect(double.state.delivered).toHaveLength(1);
    const sent = double.state.delivered[0]!;
    expect(sent).toMatchObject({ key: email.dedupeKey, to: request.applicant.email, subject: email.subject, text: email.text });
    expect(double.state.requests[0]!.authorization).toBe("Bearer re_test_0123456789");
    const after = await db.emailOutbox.findUniqueOrThrow({ where: { id: email.id } });
    expect(after).toMatchObject({ status: "SENT", providerId: sent.id, attempts: 1, error: null });
    expect(after.sentAt).not.toBeNull();
    const rows = await timelineOf(request.id, "email_sent");
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.data!)).toMatchObject({ outboxId: email.id, status: "SENT" });
  });

  it("retries a failed send with the same idempotency key until it goes, and sends it once", async () => {
    double.state.failNext = 2;
    const { request, email } = await actOnANewRequest();
    await background.drain();
    expect(double.state.requests.map((r) => r.key)).toEqual([email.dedupeKey, email.dedupeKey, email.dedupeKey]);
    expect(double.state.delivered).toHaveLength(1);
    expect(await db.emailOutbox.findUniqueOrThrow({ where: { id: email.id } })).toMatchObject({ status: "SENT", attempts: 3 });
    expect(await db.jobRun.findUniqueOrThrow({ where: { functionId_runKey: { functionId: "deliver-email", runKey: `email-${email.id}` } } })).toMatchObject({
      status: "SUCCEEDED",
      attempts: 3,
    });
    expect(await timelineOf(request.id, "email_sent")).toHaveLength(1);
    expect(await timelineOf(request.id, "email_failed")).toHaveLength(0);
  });

  it("leaves an email FAILED after the last attempt, tells the request, and the reconciler sends it later, once", async () => {
    double.state.failNext = 5;
    const { request, email } = await actOnANewRequest();
    await background.drain();
    expect(double.state.delivered).toHaveLength(0);
    const failed = await db.emailOutbox.findUniqueOrThrow({ where: { id: email.id } });
    expect(failed).toMatchObject({ status: "FAILED", attempts: 5, error: "application_error" });
    expect(await timelineOf(request.id, "email_failed")).toHaveLength(1);
    expect((await db.jobRun.findFirstOrThrow({ where: { runKey: `email-${email.id}` } })).status).toBe("FAILED");

    // Not before its wait; then once, whichever reconciler runs first.
    expect((await reconcileBackgroundWork()).email).toBe(0);
    const later = new Date(Date.now() + 10 * 60_000);
    const [first, second] = await Promise.all([reconcileBackgroundWork({ now: later }), reconcileBackgroundWork({ now: later })]);
    expect(first.email + second.email).toBe(1);
    await background.drain();
    expect(double.state.delivered).toHaveLength(1);
    expect(await db.emailOutbox.findUniqueOrThrow({ where: { id: email.id } })).toMatchObject({ status: "SENT", attempts: 6 });
    const repaired = await timelineOf(request.id, "repaired");
    expect(repaired.map((r) => JSON.parse(r.data!))).toEqual([{ repair: "email", of: email.id, attempt: 1 }]);
    // Delivered: nothing more to repair.
    expect((await reconcileBackgroundWork({ now: new Date(Date.now() + 20 * 60_000) })).email).toBe(0);
  });

  it("does not repair again an email another reconciler repaired and sent after this one listed it", async () => {
    double.state.failNext = 5;
    const { request, email } = await actOnANewRequest();
    await background.drain();
    const later = new Date(Date.now() + 10 * 60_000);
    // This reconciler lists the failed email; before it acts, another one repairs it and the email goes.
    const listed = (await stuckEmails(later)).find((e) => e.id === email.id);
    expect(listed).toBeDefined();
    expect((await reconcileBackgroundWork({ now: later })).email).toBe(1);
    await background.drain();
    expect(await db.emailOutbox.findUniqueOrThrow({ where: { id: email.id } })).toMatchObject({ status: "SENT" });
    // Its list is stale: nothing in flight, but nothing to repair either.
    expect(await repairEmail(listed!, later)).toBe(false);
    expect(await db.outboxEvent.count({ where: { id: { startsWith: `${emailQueuedEvent(email.id).id}:repair-` } } })).toBe(1);
    expect(await timelineOf(request.id, "repaired")).toHaveLength(1);
    expect(double.state.delivered).toHaveLength(1);
  });

  it("never keeps a temporary password in the outbox in clear: sealed until sent, sent whole, then only the redacted copy rests", async () => {
    const target = await db.user.findUniqueOrThrow({ where: { username: "aurora.school" } });
    expect(await resendTemporaryPassword({ actor: await actorFor("demo.admin"), userId: target.id })).toMatchObject({ ok: true });
    const queued = await db.emailOutbox.findFirstOrThrow({ where: { to: target.email, template: "temporaryPassword" }, orderBy: { createdAt: "desc" } });
    const pattern = /(?:Temporary password|Mot de passe temporaire)\s*:\s*(\S+)/;
    expect(queued.text).toMatch(/(?:Temporary password|Mot de passe temporaire)\s*:\s*\[redacted\]/);
    expect(queued.html).toContain("[redacted]");
    expect(queued.sealed).not.toBeNull();
    expect(queued.sealed).not.toMatch(pattern);
    await background.drain();
    const sent = double.state.delivered.find((d) => d.key === queued.dedupeKey || d.to === target.email)!;
    const password = pattern.exec(String(sent.text))?.[1];
    expect(password).toMatch(/^\S{12,}$/);
    expect(password).not.toBe("[redacted]");
    const after = await db.emailOutbox.findUniqueOrThrow({ where: { id: queued.id } });
    expect(after).toMatchObject({ status: "SENT", sealed: null });
    expect(JSON.stringify(after)).not.toContain(password!);
  });
});
