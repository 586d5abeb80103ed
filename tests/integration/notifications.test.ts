import { beforeAll, beforeEach, describe, expect, it } from "vitest";

// Notifications (contracts §8) on the demo data: the settings as the page saves them, then each kind of email from
// its verb (with the instant given) and from its function (through the durable runtime): once per key, in the
// recipient's language and scope, never twice when run again.

import { db } from "@/lib/db";
import { requestScope } from "@/lib/auth/scope";
import { parseIntakeRequest } from "@/lib/server/intake/intake-schema";
import { createRequest } from "@/lib/server/intake/create-request";
import { findDueDigests, sendDigests } from "@/lib/server/notifications/digests";
import { findPendingAlertUsers, sendPendingAlerts } from "@/lib/server/notifications/pending-alerts";
import { getNotificationSettings, saveNotificationSettings } from "@/lib/server/notifications/settings";
import { sendSlaAlerts } from "@/lib/server/notifications/sla-alerts";
import { runJobNow } from "@/lib/server/jobs/run-job-now";
import { NOTIFICATION_DIGESTS_ID } from "@/inngest/functions/notification-digests";
import { slaCutoff } from "@/lib/domain/notifications/schedule";
import { actorFor } from "./helpers/actors";
import { testRuntime } from "./helpers/background";
import { seedDemo } from "./helpers/seeded";

const background = testRuntime();
type Actor = Awaited<ReturnType<typeof actorFor>>;
let school: Actor;
let board: Actor;
let autoBoardUser: Actor;

beforeAll(async () => {
  await seedDemo();
  school = await actorFor("demo.school");
  board = await actorFor("demo.board");
  autoBoardUser = await actorFor("other.board");
});

beforeEach(async () => {
  await background.drain();
  await db.notificationSetting.deleteMany();
});

const ON = "on";
const form = (over: Record<string, unknown> = {}) => ({
  summaryEnabled: "",
  completedEnabled: "",
  days: [] as string[],
  time: "",
  emails: "",
  pendingHours: "",
  eachRequest: "",
  ...over,
});
const emailsTo = (to: string, template?: string) =>
  db.emailOutbox.findMany({ where: { to, ...(template ? { template } : {}) }, orderBy: { createdAt: "asc" } });

describe("the settings", () => {
  it("saves what the form says and reads it back; defaults to everything off and the user's own address", async () => {
    expect(await getNotificationSettings(school)).toEqual({
      summaryEnabled: false,
      completedEnabled: false,
      days: [],
      hour: null,
      emails: school.email,
      pendingHours: null,
      eachRequest: false,
      showCompleted: false,
    });
    const now = new Date("2026-12-02T15:00:00Z");
    const saved = await saveNotificationSettings({
      actor: school,
      now,
      input: form({ summaryEnabled: ON, days: ["5", "1"], time: "07:00", emails: " a@example.org ;B@Example.org", pendingHours: "24", eachRequest: ON }),
    });
    expect(saved).toEqual({ ok: true });
    expect(await getNotificationSettings(school)).toMatchObject({
      summaryEnabled: true,
      days: [1, 5],
      hour: 7,
      emails: "a@example.org; b@example.org",
      pendingHours: 24,
      eachRequest: true,
    });
    // The digests start from the moment they were turned on.
    expect((await db.notificationSetting.findUniqueOrThrow({ where: { userId: school.id } })).digestSince).toEqual(now);
  });

  it("refuses bad input field by field and saves nothing", async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ summaryEnabled: ON, time: "07:00", emails: "a@example.org" }, "days", "notifications.errors.daysRequired"],
      [{ summaryEnabled: ON, days: ["1"], emails: "a@example.org" }, "time", "notifications.errors.timeRequired"],
      [{ summaryEnabled: ON, days: ["8"], time: "07:00", emails: "a@example.org" }, "days", "notifications.errors.dayInvalid"],
      [{ summaryEnabled: ON, days: ["1"], time: "07:30", emails: "a@example.org" }, "time", "notifications.errors.timeInvalid"],
      [{ eachRequest: ON, emails: "a@example.org; not-an-address" }, "emails", "notifications.errors.emailInvalid"],
      [{ eachRequest: ON, emails: Array.from({ length: 11 }, (_, i) => `u${i}@example.org`).join(";") }, "emails", "notifications.errors.emailsTooMany"],
      [{ eachRequest: ON, emails: " ; " }, "emails", "notifications.errors.emailsRequired"],
      [{ pendingHours: "0", emails: "a@example.org" }, "pendingHours", "notifications.errors.pendingHoursInvalid"],
      [{ pendingHours: "401", emails: "a@example.org" }, "pendingHours", "notifications.errors.pendingHoursInvalid"],
      [{ pendingHours: "1.5", emails: "a@example.org" }, "pendingHours", "notifications.errors.pendingHoursInvalid"],
      [{ pendingHours: "<b>", emails: "a@example.org" }, "pendingHours", "notifications.errors.pendingHoursInvalid"],
    ];
    for (const [input, field, key] of cases) {
      const result = await saveNotificationSettings({ actor: school, input: form(input) });
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, fieldErrors: { [field]: [key] } });
    }
    expect(await db.notificationSetting.count()).toBe(0);
    // Everything off with no address is fine (Clear, then Submit).
    expect(await saveNotificationSettings({ actor: school, input: form() })).toEqual({ ok: true });
  });

  it("keeps Completed Requests Notification for users of an Auto-TRMS board only", async () => {
    const input = form({ summaryEnabled: ON, completedEnabled: ON, days: ["1"], time: "08:00", emails: "x@example.org" });
    await saveNotificationSettings({ actor: school, input });
    await saveNotificationSettings({ actor: autoBoardUser, input });
    expect((await getNotificationSettings(school)).completedEnabled).toBe(false);
    expect(await getNotificationSettings(autoBoardUser)).toMatchObject({ completedEnabled: true, showCompleted: true });
  });
});

describe("the summary digest", () => {
  it("sends the due slot once, with the counts of the user's scope, and a catch-up once however many were missed", async () => {
    await saveNotificationSettings({
      actor: school,
      now: new Date("2026-11-20T12:00:00Z"),
      input: form({ summaryEnabled: ON, days: ["1", "2", "3", "4", "5"], time: "08:00", emails: "digest.school@example.org" }),
    });
    // Wednesday 2026-12-02 at 10:00 Toronto: eight weekday slots were missed; one digest, Wednesday 08:00's.
    const now = new Date("2026-12-02T15:00:00Z");
    const due = await findDueDigests(now);
    expect(due).toEqual([{ userId: school.id, slot: "2026-12-02T13:00:00.000Z" }]);
    expect(await sendDigests(due, now)).toEqual({ users: 1, emails: 1 });
    expect(await sendDigests(due, now)).toEqual({ users: 0, emails: 0 });
    expect(await findDueDigests(now)).toEqual([]);

    const [email] = await emailsTo("digest.school@example.org", "digest");
    expect(email).toBeDefined();
    const scope = requestScope(school);
    const todo = await db.transcriptRequest.count({ where: { AND: [scope, { tab: "TODO" }] } });
    const complete = await db.transcriptRequest.count({ where: { AND: [scope, { tab: "COMPLETE" }] } });
    expect(email!.locale).toBe("en");
    expect(email!.subject).toContain(`${todo} to do`);
    expect(email!.text).toContain(`To Do: ${todo} — http://localhost:3000/en/requests?tab=todo`);
    expect(email!.text).toContain(`Complete: ${complete}`);
    // Only the school's requests: none of the other school's references appear among the oldest.
    const otherRefs = (await db.transcriptRequest.findMany({ where: { school: { mident: "999998" } }, select: { referenceNumber: true } })).map(
      (r) => r.referenceNumber,
    );
    expect(otherRefs.some((ref) => email!.text.includes(ref))).toBe(false);
    expect(email!.html).toContain('href="http://localhost:3000/en/requests/REF-');
    // At or past the SLA, as the dashboard ages them.
    const late = await db.transcriptRequest.count({ where: { AND: [scope, { tab: { not: "COMPLETE" } }, { paidAt: { lt: slaCutoff(now, 5) } }] } });
    expect(email!.text).toContain(`Open at or past the SLA (5 business days): ${late}`);

    // The next morning, the next slot.
    const tomorrow = new Date("2026-12-03T13:05:00Z");
    expect(await findDueDigests(tomorrow)).toEqual([{ userId: school.id, slot: "2026-12-03T13:00:00.000Z" }]);
  });

  it("is written in the user's language, to each of their addresses, and counts Auto-TRMS completions when asked", async () => {
    await saveNotificationSettings({
      actor: autoBoardUser,
      now: new Date("2026-11-30T12:00:00Z"),
      input: form({ summaryEnabled: ON, completedEnabled: ON, days: ["3"], time: "09:00", emails: "un@example.org; deux@example.org" }),
    });
    const now = new Date("2026-12-02T15:00:00Z");
    await sendDigests(await findDueDigests(now), now);
    const [un] = await emailsTo("un@example.org", "digest");
    const [deux] = await emailsTo("deux@example.org", "digest");
    expect(un!.locale).toBe("fr");
    expect(un!.subject).toMatch(/^Sommaire SGéRN : \d+ à traiter/);
    expect(un!.text).toContain("Complétées par Auto-SGéRN depuis le dernier sommaire");
    expect(un!.text).toContain("http://localhost:3000/fr/requests?tab=todo");
    expect(deux!.text).toBe(un!.text);
  });

  it("runs as the Notification Digests function and sends through the outbox once, even run twice", async () => {
    await saveNotificationSettings({
      actor: board,
      now: new Date(Date.now() - 8 * 24 * 3_600_000),
      input: form({ summaryEnabled: ON, days: ["1", "2", "3", "4", "5", "6", "7"], time: "00:00", emails: "digest.board@example.org" }),
    });
    const admin = await actorFor("demo.admin");
    expect(await runJobNow({ actor: admin, functionId: NOTIFICATION_DIGESTS_ID })).toEqual({ ok: true, outcome: "succeeded" });
    expect(await runJobNow({ actor: admin, functionId: NOTIFICATION_DIGESTS_ID })).toEqual({ ok: true, outcome: "succeeded" });
    await background.drain();
    const emails = await emailsTo("digest.board@example.org", "digest");
    expect(emails).toHaveLength(1);
    expect(emails[0]!.status).toBe("OUTBOX");
  });
});

describe("pending N business hours", () => {
  it("names each waiting request once per threshold, during business hours only", async () => {
    await saveNotificationSettings({ actor: board, input: form({ pendingHours: "8", emails: "pending.board@example.org" }) });
    const night = new Date("2026-12-02T03:00:00Z");
    expect(await findPendingAlertUsers(night)).toEqual([]);
    const now = new Date("2026-12-02T15:00:00Z");
    expect(await findPendingAlertUsers(now)).toEqual([board.id]);
    const first = await sendPendingAlerts([board.id], now);
    expect(first.emails).toBe(1);
    expect(first.requests).toBeGreaterThan(0);
    const marks = await db.notificationMark.findMany({ where: { userId: board.id }, include: { request: { select: { boardId: true, tab: true } } } });
    expect(marks).toHaveLength(first.requests);
    expect(marks.every((m) => m.request.boardId === board.boardId && ["TODO", "INCOMPLETE"].includes(m.request.tab))).toBe(true);
    // Run again (a retried step, another instance): nothing new to name.
    expect(await sendPendingAlerts([board.id], now)).toEqual({ emails: 0, requests: 0 });
    // A quarter hour later, only requests that crossed the threshold meanwhile; none named twice.
    const later = await sendPendingAlerts([board.id], new Date(now.getTime() + 15 * 60_000));
    const marked = await db.notificationMark.findMany({ where: { userId: board.id, threshold: 8 } });
    expect(marked).toHaveLength(first.requests + later.requests);
    expect(new Set(marked.map((m) => m.requestId)).size).toBe(marked.length);
    // Another threshold names them again, once.
    await saveNotificationSettings({ actor: board, input: form({ pendingHours: "16", emails: "pending.board@example.org" }) });
    expect((await sendPendingAlerts([board.id], now)).emails).toBe(1);
    // One email per threshold (both written at the same instant here: no order between them to rely on).
    const subjects = (await emailsTo("pending.board@example.org", "pendingAlert")).map((e) => e.subject);
    // The first 8-hour alert, and the quarter hour later's if requests of the seed (paid relative to the real clock)
    // crossed the threshold meanwhile.
    expect(subjects.filter((s) => /waiting 8 business hours or more$/.test(s))).toHaveLength(1 + later.emails);
    expect(subjects.filter((s) => /waiting 16 business hours or more$/.test(s))).toHaveLength(1);
  });
});

describe("each request to process", () => {
  it("emails a new request of the school once to those who asked, and nobody outside its scope", async () => {
    await saveNotificationSettings({ actor: school, input: form({ eachRequest: ON, emails: "each.school@example.org" }) });
    const other = await actorFor("demo.school2");
    await saveNotificationSettings({ actor: other, input: form({ eachRequest: ON, emails: "each.other@example.org" }) });
    const parsed = parseIntakeRequest({
      requestNumber: "777000001",
      accountNumber: "9777000001",
      requestType: "ORIGINAL",
      paidAt: new Date().toISOString(),
      sendOption: "SEND_NOW",
      sendAfter: null,
      schoolMident: "999999",
      lastAttended: "2022-06",
      applicant: {
        firstName: "Zoé",
        lastName: "Avis-Test",
        middleName: null,
        formerLastName: null,
        dateOfBirth: "2004-05-17",
        gender: "FEMALE",
        oen: null,
        studentNumber: null,
        email: "zoe@example.org",
        phone: null,
        preferredLanguage: "fr",
      },
      destinations: ["SENE"],
    });
    if (!parsed.ok) throw new Error("bad intake body");
    const created = await createRequest(parsed.data);
    if (created.kind !== "created") throw new Error(created.kind);
    await background.drain();
    const emails = await emailsTo("each.school@example.org", "requestToProcess");
    expect(emails).toHaveLength(1);
    expect(emails[0]!.subject).toBe(`New transcript request to process: ${created.referenceNumber}`);
    expect(emails[0]!.text).toContain(`http://localhost:3000/en/requests/${created.referenceNumber}`);
    expect(emails[0]!.text).toContain("Zoé Avis-Test");
    expect(await emailsTo("each.other@example.org")).toEqual([]);
    // The same request again (a replayed intake call, a repeated event): nothing more.
    await createRequest(parsed.data);
    await background.drain();
    expect(await emailsTo("each.school@example.org", "requestToProcess")).toHaveLength(1);
  });
});

describe("SLA ageing alerts", () => {
  it("names what reached the SLA since the last alert, once a business day, to users and the board's escalation address", async () => {
    await saveNotificationSettings({
      actor: board,
      input: form({ summaryEnabled: ON, days: ["1"], time: "08:00", emails: "sla.board@example.org" }),
    });
    // The last alert a week ago: everything that reached the SLA since is named.
    const now = new Date("2026-12-02T12:00:00Z");
    await db.notificationSetting.update({ where: { userId: board.id }, data: { slaAlertedAt: new Date("2026-11-25T12:00:00Z") } });
    await db.board.update({ where: { id: board.boardId! }, data: { escalationEmail: "escalade@example.org", slaAlertedAt: new Date("2026-11-25T12:00:00Z") } });
    const result = await sendSlaAlerts(now);
    const window = {
      AND: [
        { boardId: board.boardId! },
        { tab: { not: "COMPLETE" as const } },
        { paidAt: { lt: slaCutoff(now, 5), gte: slaCutoff(new Date("2026-11-25T12:00:00Z"), 5) } },
      ],
    };
    const reached = await db.transcriptRequest.count({ where: window });
    expect(reached).toBeGreaterThan(0);
    expect(result).toEqual({ emails: 2 });
    const [user] = await emailsTo("sla.board@example.org", "slaAlert");
    const [escalation] = await emailsTo("escalade@example.org", "slaAlert");
    expect(user!.subject).toMatch(new RegExp(`^${reached} requests? reached the SLA of 5 business days$`));
    expect(escalation!.subject).toBe(user!.subject);
    // Again the same day: nothing; on a holiday: nothing either.
    expect(await sendSlaAlerts(new Date("2026-12-02T14:00:00Z"))).toEqual({ emails: 0 });
    expect(await sendSlaAlerts(new Date("2026-12-25T12:00:00Z"))).toEqual({ skipped: "notBusinessDay" });
  });
});
