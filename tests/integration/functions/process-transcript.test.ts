import fs from "node:fs";
import path from "node:path";
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The transcript-processing function (`transcript/uploaded`), run by @inngest/test's engine and by the embedded
// runtime against the real database. Saving an upload writes its event to the outbox; the tests run the function.

import { PROCESS_TRANSCRIPT_ID, processTranscriptFunction } from "@/inngest/functions/process-transcript";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { startBackgroundRuntime, type BackgroundRuntime } from "@/lib/inngest/runtime";
import { enqueueEvents } from "@/lib/server/jobs/outbox";
import { saveUpload } from "@/lib/server/uploads/save-upload";
import { stageUpload } from "@/lib/server/uploads/stage-upload";
import { actorFor } from "../helpers/actors";
import { quietLogger } from "../helpers/background";
import { seedDemo } from "../helpers/seeded";

const PESC_XML = fs.readFileSync(path.resolve("tests/fixtures/pesc/ontario-highschool-transcript.xml"));
type Actor = Awaited<ReturnType<typeof actorFor>>;
let school: Actor;

const logger = quietLogger();
// Started by the tests that run the function through it (the first test drives the function itself).
let background: BackgroundRuntime;
const startRuntime = () => {
  background = startBackgroundRuntime({
    functions: [processTranscriptFunction],
    schedule: false,
    dispatchPollMs: 20,
    runner: { pollMs: 20, backoffMs: () => 10 },
    logger,
  });
};
afterAll(() => background?.stop());

/** Saves the real PESC file on a request of demo.school's school; returns the event the save wrote to the outbox. */
async function savedUpload(referenceNumber: string) {
  const request = await db.transcriptRequest.findUniqueOrThrow({ where: { referenceNumber } });
  const file = { name: "t.xml", size: PESC_XML.byteLength, arrayBuffer: async () => new Uint8Array(PESC_XML).buffer };
  const staged = await stageUpload({ actor: school, input: { referenceNumber, expectedVersion: request.version }, file });
  if (!staged.ok) throw new Error(`stage failed: ${JSON.stringify(staged)}`);
  const saved = await saveUpload({ actor: school, pendingId: staged.pendingId });
  if (!saved.ok) throw new Error(`save failed: ${saved.reason}`);
  const row = await db.outboxEvent.findUniqueOrThrow({ where: { id: `transcript-uploaded-${saved.uploadedFileId}` } });
  const event = { name: row.name, data: JSON.parse(row.data) as Record<string, unknown>, id: row.id };
  return { request, event, fileId: saved.uploadedFileId };
}

const statusOf = async (id: string) => (await db.transcriptRequest.findUniqueOrThrow({ where: { id } })).status;

beforeAll(async () => {
  await seedDemo();
  school = await actorFor("demo.school");
});

describe("process-transcript", () => {
  it("is written once per saved XML upload, with a deduplicating id", async () => {
    const { event, request, fileId } = await savedUpload("REF-45454545");
    expect(event).toEqual({
      name: "transcript/uploaded",
      data: { requestId: request.id, uploadedFileId: fileId, source: "MANUAL" },
      id: `transcript-uploaded-${fileId}`,
    });
    expect(await statusOf(request.id)).toBe("TRANSCRIPT_UPLOADED");
    // This test drives the function itself; the event stays in the outbox, so the runtime started later finds nothing to do.

    const engine = new InngestTestEngine({ function: processTranscriptFunction, events: [{ name: event.name, data: event.data }] });
    const first = await engine.execute();
    expect(first.error).toBeUndefined();
    expect(first.result).toMatchObject({ outcome: "stored", isReissue: false });
    expect(await statusOf(request.id)).toBe("E_TRANSCRIPT_SENT");
    const transcripts = await db.storedTranscript.findMany({ where: { requestId: request.id } });
    expect(transcripts).toEqual([expect.objectContaining({ fileId, isCurrent: true, source: "MANUAL", format: "XML" })]);

    // The same event again (a redelivery): nothing more.
    const second = await new InngestTestEngine({ function: processTranscriptFunction, events: [{ name: event.name, data: event.data }] }).execute();
    expect(second.result).toEqual({ outcome: "skipped", why: "alreadyProcessed" });
    expect(await db.storedTranscript.count({ where: { requestId: request.id } })).toBe(1);
  });

  it("runs through the embedded runtime once per event id, and fails a File Upload Error when the file is gone", async () => {
    const candidate = await db.transcriptRequest.findFirstOrThrow({
      where: { schoolId: school.schoolId!, status: "ACTION_REQUIRED", referenceNumber: { not: "REF-45454545" } },
      orderBy: { referenceNumber: "asc" },
    });
    const { event, request, fileId } = await savedUpload(candidate.referenceNumber);
    const file = await db.uploadedFile.findUniqueOrThrow({ where: { id: fileId } });
    fs.rmSync(path.join(path.resolve(env().FILE_STORAGE_DIR), file.storedName));
    startRuntime();

    await background.drain();
    const run = await db.jobRun.findUniqueOrThrow({ where: { functionId_runKey: { functionId: PROCESS_TRANSCRIPT_ID, runKey: event.id } } });
    expect(run).toMatchObject({ status: "SUCCEEDED", attempts: 1 });
    expect(JSON.parse(run.output!)).toEqual({ outcome: "failed", error: "fileUnreadable" });
    const after = await db.transcriptRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(after).toMatchObject({ status: "FILE_UPLOAD_ERROR", tab: "INCOMPLETE", statusReason: JSON.stringify({ key: "processingFailed" }) });
    expect(await db.timelineEvent.count({ where: { requestId: request.id, type: "processing_failed" } })).toBe(1);

    // The same event id cannot be written again; announced again under another id, the function finds nothing to do.
    await expect(enqueueEvents(db, [{ ...event, subject: null }])).rejects.toMatchObject({ code: "P2002" });
    await enqueueEvents(db, [{ ...event, id: `${event.id}:again`, subject: null }]);
    await background.drain();
    const again = await db.jobRun.findUniqueOrThrow({ where: { functionId_runKey: { functionId: PROCESS_TRANSCRIPT_ID, runKey: `${event.id}:again` } } });
    expect(JSON.parse(again.output!)).toEqual({ outcome: "skipped", why: "notInProgress" });
    expect(await db.timelineEvent.count({ where: { requestId: request.id, type: "processing_failed" } })).toBe(1);
  });

  it("refuses a malformed event without running", async () => {
    // The SDK logs the refused payload: expected here.
    vi.mocked(console.error).mockImplementation(() => {});
    await enqueueEvents(db, [{ name: "transcript/uploaded", data: { requestId: "" }, id: "bad-event", subject: null }]);
    await background.drain();
    const run = await db.jobRun.findUniqueOrThrow({ where: { functionId_runKey: { functionId: PROCESS_TRANSCRIPT_ID, runKey: "bad-event" } } });
    expect(run).toMatchObject({ status: "FAILED", attempts: 1, error: expect.stringMatching(/^EventValidationError/) });
  });
});
