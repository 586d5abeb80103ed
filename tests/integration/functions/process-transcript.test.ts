import fs from "node:fs";
import path from "node:path";
import { InngestTestEngine } from "@inngest/test";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// The transcript-processing function (`transcript/uploaded`), run by @inngest/test's engine and by the in-process
// runner against the real database. Saving an upload here only records the event: the tests run the function.

const sent = vi.hoisted(() => [] as { name: string; data: Record<string, unknown>; id?: string }[]);
vi.mock("@/lib/inngest/send-event", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/inngest/send-event")>();
  return {
    ...original,
    sendEvent: async (events: Parameters<typeof original.sendEvent>[0]) => {
      const list = Array.isArray(events) ? events : [events];
      sent.push(...list);
      return { ids: list.map((e) => e.id ?? "x"), delivered: Promise.resolve([]) };
    },
  };
});

import { PROCESS_TRANSCRIPT_ID, processTranscriptFunction } from "@/inngest/functions/process-transcript";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { createInProcessRunner } from "@/lib/inngest/in-process-runner";
import { saveUpload } from "@/lib/server/uploads/save-upload";
import { stageUpload } from "@/lib/server/uploads/stage-upload";
import { actorFor } from "../helpers/actors";
import { seedDemo } from "../helpers/seeded";

const PESC_XML = fs.readFileSync(path.resolve("tests/fixtures/pesc/ontario-highschool-transcript.xml"));
type Actor = Awaited<ReturnType<typeof actorFor>>;
let school: Actor;

/** Saves the real PESC file on a request of demo.school's school; returns the event the save sent. */
async function savedUpload(referenceNumber: string) {
  const request = await db.transcriptRequest.findUniqueOrThrow({ where: { referenceNumber } });
  const file = { name: "t.xml", size: PESC_XML.byteLength, arrayBuffer: async () => new Uint8Array(PESC_XML).buffer };
  const staged = await stageUpload({ actor: school, input: { referenceNumber, expectedVersion: request.version }, file });
  if (!staged.ok) throw new Error(`stage failed: ${JSON.stringify(staged)}`);
  const saved = await saveUpload({ actor: school, pendingId: staged.pendingId });
  if (!saved.ok) throw new Error(`save failed: ${saved.reason}`);
  const event = sent.find((e) => e.data.uploadedFileId === saved.uploadedFileId);
  if (!event) throw new Error("no transcript/uploaded event");
  return { request, event, fileId: saved.uploadedFileId };
}

const statusOf = async (id: string) => (await db.transcriptRequest.findUniqueOrThrow({ where: { id } })).status;

beforeAll(async () => {
  await seedDemo();
  school = await actorFor("demo.school");
});

beforeEach(() => {
  sent.length = 0;
});

describe("process-transcript", () => {
  it("is sent once per saved XML upload, with a deduplicating id", async () => {
    const { event, request, fileId } = await savedUpload("REF-45454545");
    expect(event).toEqual({ name: "transcript/uploaded", data: { requestId: request.id, uploadedFileId: fileId, source: "MANUAL" }, id: `transcript-uploaded-${fileId}` });
    expect(await statusOf(request.id)).toBe("TRANSCRIPT_UPLOADED");

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

  it("runs through the in-process runner once per event id, and fails a File Upload Error when the file is gone", async () => {
    const candidate = await db.transcriptRequest.findFirstOrThrow({
      where: { schoolId: school.schoolId!, status: "ACTION_REQUIRED", referenceNumber: { not: "REF-45454545" } },
      orderBy: { referenceNumber: "asc" },
    });
    const { event, request, fileId } = await savedUpload(candidate.referenceNumber);
    const file = await db.uploadedFile.findUniqueOrThrow({ where: { id: fileId } });
    fs.rmSync(path.join(path.resolve(env().FILE_STORAGE_DIR), file.storedName));

    const runner = createInProcessRunner({ functions: [processTranscriptFunction], backoffMs: () => 0 });
    const runnable = { name: event.name, data: event.data, id: event.id! };
    const [outcome] = await runner.deliver([runnable]);
    expect(outcome).toMatchObject({ functionId: PROCESS_TRANSCRIPT_ID, status: "SUCCEEDED", output: { outcome: "failed", error: "fileUnreadable" } });
    const after = await db.transcriptRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(after).toMatchObject({ status: "FILE_UPLOAD_ERROR", tab: "INCOMPLETE", statusReason: JSON.stringify({ key: "processingFailed" }) });
    expect(await db.timelineEvent.count({ where: { requestId: request.id, type: "processing_failed" } })).toBe(1);

    const [again] = await runner.deliver([runnable]);
    expect(again).toMatchObject({ status: "DUPLICATE" });
    expect(await db.timelineEvent.count({ where: { requestId: request.id, type: "processing_failed" } })).toBe(1);
  });

  it("refuses a malformed event without running", async () => {
    // The SDK logs the refused payload: expected here.
    vi.mocked(console.error).mockImplementation(() => {});
    const runner = createInProcessRunner({ functions: [processTranscriptFunction], backoffMs: () => 0, logger: { warn: () => {}, error: () => {} } });
    const [outcome] = await runner.deliver([{ name: "transcript/uploaded", data: { requestId: "" }, id: "bad-event" }]);
    expect(outcome).toMatchObject({ status: "FAILED", attempts: 1, error: expect.stringMatching(/^EventValidationError/) });
  });
});
