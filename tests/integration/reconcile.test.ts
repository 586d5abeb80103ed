import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { deliverEmailFunction } from "@/inngest/functions/deliver-email";
import { processTranscriptFunction } from "@/inngest/functions/process-transcript";
import { db } from "@/lib/db";
import { tabOfStatus } from "@/lib/domain/statuses";
import { startBackgroundRuntime } from "@/lib/inngest/runtime";
import { MAX_REPAIRS, reconcileBackgroundWork } from "@/lib/server/jobs/reconcile";
import { saveUpload } from "@/lib/server/uploads/save-upload";
import { stageUpload } from "@/lib/server/uploads/stage-upload";
import { resendTemporaryPassword } from "@/lib/server/users/resend-temporary-password";
import { actorFor } from "./helpers/actors";
import { quietLogger } from "./helpers/background";
import { seedDemo } from "./helpers/seeded";

// The reconciler (contracts §6, product §10): work that should have happened and did not is announced again, once per
// repair, with a "repaired" row on the request; work in flight is left alone; nothing is repaired more than
// MAX_REPAIRS times. Its clock is moved past the waiting time instead of waiting.

const PESC_XML = fs.readFileSync(path.resolve("tests/fixtures/pesc/ontario-highschool-transcript.xml"));
const LATER = () => new Date(Date.now() + 10 * 60_000);
const DAY = 86_400_000;

type Actor = Awaited<ReturnType<typeof actorFor>>;
let school: Actor;
const used = new Set<string>();

beforeAll(async () => {
  await seedDemo();
  school = await actorFor("demo.school");
});

/** Saves the real PESC file as an upload on a To Do request of demo.school (the file names REF-45454545 first). */
async function savedUpload() {
  const request = await db.transcriptRequest.findFirstOrThrow({
    where: { school: { mident: "999999" }, status: "ACTION_REQUIRED", sendOption: "SEND_NOW", id: { notIn: [...used] } },
    orderBy: [{ referenceNumber: "desc" }],
  });
  used.add(request.id);
  const file = { name: "t.xml", size: PESC_XML.byteLength, arrayBuffer: async () => new Uint8Array(PESC_XML).buffer };
  const staged = await stageUpload({ actor: school, input: { referenceNumber: request.referenceNumber, expectedVersion: request.version }, file });
  if (!staged.ok) throw new Error(`stage failed: ${JSON.stringify(staged)}`);
  const saved = await saveUpload({ actor: school, pendingId: staged.pendingId });
  if (!saved.ok) throw new Error(`save failed: ${saved.reason}`);
  return { request, fileId: saved.uploadedFileId };
}

const repairsOf = async (requestId: string) =>
  (await db.timelineEvent.findMany({ where: { requestId, type: "repaired" }, orderBy: { createdAt: "asc" } })).map(
    (e) => JSON.parse(e.data!) as Record<string, unknown>,
  );

describe("an upload that was never processed", () => {
  it("is left alone while its event waits, then processed again once its event is gone", async () => {
    const { request, fileId } = await savedUpload();
    // Its event waits in the outbox (no runtime yet): in flight.
    expect(await reconcileBackgroundWork({ now: LATER() })).toMatchObject({ processTranscript: 0 });
    // As if the event had been lost: nothing would ever process the upload.
    await db.outboxEvent.deleteMany({ where: { subject: `file:${fileId}` } });
    expect(await reconcileBackgroundWork()).toMatchObject({ processTranscript: 0 });
    expect(await reconcileBackgroundWork({ now: LATER() })).toMatchObject({ processTranscript: 1 });
    expect(await repairsOf(request.id)).toEqual([{ repair: "processTranscript", of: fileId, attempt: 1 }]);
    const event = await db.outboxEvent.findUniqueOrThrow({ where: { id: `transcript-uploaded-${fileId}:repair-1` } });
    expect(JSON.parse(event.data)).toEqual({ requestId: request.id, uploadedFileId: fileId, source: "MANUAL" });

    const runtime = startBackgroundRuntime({
      functions: [processTranscriptFunction],
      schedule: false,
      dispatchPollMs: 20,
      runner: { pollMs: 20 },
      logger: quietLogger(),
    });
    try {
      await runtime.drain();
    } finally {
      await runtime.stop();
    }
    expect((await db.transcriptRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("E_TRANSCRIPT_SENT");
    expect(await db.storedTranscript.count({ where: { fileId } })).toBe(1);
    // Done: nothing more to repair.
    expect(await reconcileBackgroundWork({ now: LATER() })).toMatchObject({ processTranscript: 0 });
  });

  it(`is repaired at most ${MAX_REPAIRS} times when nothing can process it`, async () => {
    const { request, fileId } = await savedUpload();
    // A runtime that runs nothing for this event: it is dispatched, and the upload stays unprocessed.
    const runtime = startBackgroundRuntime({ functions: [], schedule: false, dispatchPollMs: 20, logger: quietLogger() });
    try {
      for (let i = 0; i < MAX_REPAIRS + 2; i++) {
        await runtime.drain();
        await reconcileBackgroundWork({ now: LATER() });
      }
    } finally {
      await runtime.stop();
    }
    expect((await repairsOf(request.id)).map((r) => r.attempt)).toEqual([1, 2, 3]);
    expect(await db.outboxEvent.count({ where: { subject: `file:${fileId}` } })).toBe(1 + MAX_REPAIRS);
    expect((await db.transcriptRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("TRANSCRIPT_UPLOADED");
  });
});

describe("a due request that was never released", () => {
  it("is released once the daily release is overdue, with its event", async () => {
    const base = await db.transcriptRequest.findFirstOrThrow({
      where: { school: { mident: "999998" }, status: "ACTION_REQUIRED", sendOption: "SEND_NOW", id: { notIn: [...used] } },
    });
    used.add(base.id);
    const sendAfter = new Date(Date.now() - 2 * DAY);
    await db.transcriptRequest.update({ where: { id: base.id }, data: { sendOption: "END_OF_SEMESTER", sendAfter } });
    const soon = await db.transcriptRequest.findFirstOrThrow({
      where: { school: { mident: "999998" }, status: "ACTION_REQUIRED", sendOption: "SEND_NOW", id: { notIn: [...used] } },
    });
    used.add(soon.id);
    // Due only since this morning: the daily release will take it; not the reconciler's.
    await db.transcriptRequest.update({ where: { id: soon.id }, data: { sendOption: "END_OF_SEMESTER", sendAfter: new Date(Date.now() - 60_000) } });

    expect(await reconcileBackgroundWork()).toMatchObject({ release: 1 });
    expect(await db.timelineEvent.count({ where: { requestId: base.id, type: "released" } })).toBe(1);
    expect(await repairsOf(base.id)).toEqual([{ repair: "release" }]);
    expect(await db.outboxEvent.count({ where: { id: `request-released-${base.id}` } })).toBe(1);
    expect(await db.timelineEvent.count({ where: { requestId: soon.id, type: "released" } })).toBe(0);
    expect(await reconcileBackgroundWork()).toMatchObject({ release: 0 });
  });
});

describe("a request of an Auto-TRMS board that was never tried", () => {
  it("is announced again to Auto-TRMS; a request of another board, or a recent one, is not", async () => {
    const auto = await db.school.findUniqueOrThrow({ where: { mident: "999997" } });
    const template = await db.transcriptRequest.findFirstOrThrow({ where: { schoolId: auto.id } });
    const make = async (n: number, createdAt: Date) =>
      db.transcriptRequest.create({
        data: {
          referenceNumber: `REF-7700000${n}`,
          requestNumber: `77000000${n}`,
          accountNumber: template.accountNumber,
          applicantId: template.applicantId,
          schoolId: auto.id,
          boardId: auto.boardId,
          requestType: "ORIGINAL",
          paidAt: createdAt,
          sendOption: "SEND_NOW",
          lastAttended: "2022-06",
          status: "ACTION_REQUIRED",
          tab: tabOfStatus("ACTION_REQUIRED"),
          firstName: template.firstName,
          lastName: template.lastName,
          firstNameFolded: template.firstNameFolded,
          lastNameFolded: template.lastNameFolded,
          createdAt,
        },
      });
    const stuck = await make(1, new Date(Date.now() - 20 * 60_000));
    const fresh = await make(2, new Date());
    expect(await reconcileBackgroundWork()).toMatchObject({ autoMatch: 1 });
    expect(await repairsOf(stuck.id)).toEqual([{ repair: "autoMatch", of: stuck.id, attempt: 1 }]);
    expect(await db.outboxEvent.count({ where: { id: `request-created-${stuck.id}:repair-1` } })).toBe(1);
    expect(await repairsOf(fresh.id)).toEqual([]);
    // Its repair is in flight (not dispatched: no runtime here): not again.
    expect(await reconcileBackgroundWork({ now: LATER() })).toMatchObject({ autoMatch: 1 });
    expect(await repairsOf(stuck.id)).toHaveLength(1);
    expect(await repairsOf(fresh.id)).toHaveLength(1);
  });
});

describe("an email whose delivery never ran", () => {
  it("is sent again once its event is gone", async () => {
    const admin = await actorFor("demo.admin");
    const target = await db.user.findUniqueOrThrow({ where: { username: "aurora.school" } });
    expect(await resendTemporaryPassword({ actor: admin, userId: target.id })).toMatchObject({ ok: true });
    const email = await db.emailOutbox.findFirstOrThrow({ where: { to: target.email, template: "temporaryPassword" }, orderBy: { createdAt: "desc" } });
    await db.outboxEvent.delete({ where: { id: `email-${email.id}` } });
    expect(await reconcileBackgroundWork({ now: LATER() })).toMatchObject({ email: 1 });
    const runtime = startBackgroundRuntime({
      functions: [deliverEmailFunction],
      schedule: false,
      dispatchPollMs: 20,
      runner: { pollMs: 20 },
      logger: quietLogger(),
    });
    try {
      await runtime.drain();
    } finally {
      await runtime.stop();
    }
    expect(await db.emailOutbox.findUniqueOrThrow({ where: { id: email.id } })).toMatchObject({ status: "OUTBOX", attempts: 1 });
    expect(await reconcileBackgroundWork({ now: LATER() })).toMatchObject({ email: 0 });
  });
});
