// Uploads (product §4, quality.md Uploads safety): staging with the real PESC file, the validation screen's "No"
// and "Yes", pending uploads kept per user and expiring, scope, hostile and oversized files, type by content,
// background processing to Complete (idempotent), failure to File Upload Error, re-upload as a reissue, PDF; what real
// SIS exports send (issue 16): UTF-16 files and PESC batches of one, a batch of several refused for Bulk Upload.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { cancelUpload } from "@/lib/server/uploads/cancel-upload";
import { compareUpload } from "@/lib/server/uploads/compare-upload";
import { completePdf } from "@/lib/server/uploads/complete-pdf";
import { listPdfQueue } from "@/lib/server/uploads/list-pdf-queue";
import { findPendingUpload } from "@/lib/server/uploads/find-pending-upload";
import { readPendingData } from "@/lib/server/uploads/pending-upload";
import { processTranscript } from "@/lib/server/uploads/process-transcript";
import { saveUpload } from "@/lib/server/uploads/save-upload";
import { MAX_UPLOAD_BYTES, stageUpload, type UploadedBlob } from "@/lib/server/uploads/stage-upload";
import { sha256Hex } from "@/lib/server/uploads/storage";
import { parseTranscript } from "@/lib/domain/pesc/parse-transcript";
import { findCurrentTranscript } from "@/lib/server/transcripts/find-current-transcript";
import { buildPescBatch, encodeUtf16 } from "@/prisma/seed/pesc-template.mjs";
import { actorFor } from "./helpers/actors";
import { testRuntime } from "./helpers/background";
import { seedDemo } from "./helpers/seeded";

const PESC_REFERENCE = "REF-45454545";
const PESC_XML = fs.readFileSync(path.resolve("tests/fixtures/pesc/ontario-highschool-transcript.xml"));
const PDF_BYTES = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

const background = testRuntime();

type Actor = Awaited<ReturnType<typeof actorFor>>;
let school: Actor;
let school2: Actor;
let board: Actor;
let admin: Actor;

function blob(bytes: Uint8Array, name: string): UploadedBlob {
  return { name, size: bytes.byteLength, arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
}

const requestByRef = (referenceNumber: string) =>
  db.transcriptRequest.findUniqueOrThrow({
    where: { referenceNumber },
    select: { id: true, status: true, tab: true, version: true, statusReason: true, completedAt: true },
  });

async function stage(actor: Actor, referenceNumber: string, bytes: Uint8Array, name = "transcript.xml") {
  const request = await requestByRef(referenceNumber);
  return stageUpload({ actor, input: { referenceNumber, expectedVersion: request.version }, file: blob(bytes, name) });
}

const pendingDir = () => path.join(path.resolve(env().FILE_STORAGE_DIR), "pending");
const pendingFiles = () => (fs.existsSync(pendingDir()) ? fs.readdirSync(pendingDir()) : []);

/** Everything a refused or cancelled upload must leave as it was. */
async function snapshot(referenceNumber: string) {
  const request = await requestByRef(referenceNumber);
  return {
    request,
    events: await db.timelineEvent.count({ where: { requestId: request.id } }),
    files: await db.uploadedFile.count({ where: { requestId: request.id } }),
    transcripts: await db.storedTranscript.count({ where: { requestId: request.id } }),
  };
}

/** An open request of demo.school's school other than the PESC example, not used by another test. */
const used = new Set<string>([PESC_REFERENCE]);
async function pickOpen(status: "ACTION_REQUIRED" | "E_TRANSCRIPT_SENT" = "ACTION_REQUIRED") {
  const request = await db.transcriptRequest.findFirstOrThrow({
    where: { schoolId: school.schoolId!, status, referenceNumber: { notIn: [...used] } },
    orderBy: { referenceNumber: "asc" },
    select: { referenceNumber: true, id: true },
  });
  used.add(request.referenceNumber);
  return request;
}

beforeAll(async () => {
  await seedDemo();
  school = await actorFor("demo.school");
  school2 = await actorFor("demo.school2");
  board = await actorFor("demo.board");
  admin = await actorFor("demo.admin");
});

describe("staging an upload", () => {
  it("keeps the real PESC file as a pending upload of the user, compared field by field with the request", async () => {
    const before = await snapshot(PESC_REFERENCE);
    const result = await stage(school, PESC_REFERENCE, PESC_XML, "../../etc/ontario transcript?.xml");
    expect(result).toMatchObject({ ok: true, kind: "XML", referenceNumber: PESC_REFERENCE });
    if (!result.ok) return;
    const pending = await db.pendingUpload.findUniqueOrThrow({ where: { id: result.pendingId } });
    expect(pending).toMatchObject({ userId: school.id, requestId: before.request.id, kind: "XML", size: PESC_XML.byteLength, sha256: sha256Hex(PESC_XML) });
    expect(pending.originalName).toBe("ontario transcript_.xml");
    expect(pending.storedName).toMatch(/^pending\/[a-f0-9]{32}\.xml$/);
    expect(pending.expiresAt.getTime() - pending.createdAt.getTime()).toBeGreaterThanOrEqual(29 * 60_000);
    const full = path.join(path.resolve(env().FILE_STORAGE_DIR), pending.storedName);
    expect(fs.readFileSync(full).equals(PESC_XML)).toBe(true);
    expect(fs.statSync(full).mode & 0o777).toBe(0o600);

    const found = await findPendingUpload({ actor: school, pendingId: result.pendingId, now: new Date() });
    const data = readPendingData(found!.parsed);
    expect(data?.expectedVersion).toBe(before.request.version);
    const comparisons = compareUpload(found!, data!.transcript!);
    expect(comparisons.map((c) => c.field)).toEqual(expect.arrayContaining(["firstName", "lastName", "dateOfBirth", "gender", "oen", "referenceNumber"]));
    for (const c of comparisons) expect(["same", "minor"]).toContain(c.outcome);
    // Staging changes nothing on the request.
    expect(await snapshot(PESC_REFERENCE)).toEqual(before);
    await cancelUpload({ actor: school, pendingId: result.pendingId });
  });

  it("refuses a user without the request in scope, with nothing stored", async () => {
    const before = await snapshot(PESC_REFERENCE);
    const files = pendingFiles().length;
    expect(await stage(school2, PESC_REFERENCE, PESC_XML)).toEqual({ ok: false, reason: "notFound" });
    expect(await snapshot(PESC_REFERENCE)).toEqual(before);
    expect(await db.pendingUpload.count({ where: { userId: school2.id } })).toBe(0);
    expect(pendingFiles().length).toBe(files);
  });

  it("refuses a stale form", async () => {
    const request = await requestByRef(PESC_REFERENCE);
    const result = await stageUpload({
      actor: school,
      input: { referenceNumber: PESC_REFERENCE, expectedVersion: request.version + 1 },
      file: blob(PESC_XML, "t.xml"),
    });
    expect(result).toEqual({ ok: false, reason: "stale" });
  });

  it("refuses hostile XML (DOCTYPE, entities) with the parser's error, storing nothing", async () => {
    const before = await snapshot(PESC_REFERENCE);
    const files = pendingFiles().length;
    const pendingRows = await db.pendingUpload.count();
    const hostile = Buffer.from(
      `<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n` +
        PESC_XML.toString("utf8")
          .replace(/^<\?xml[^>]*>\s*/, "")
          .replace("<DocumentID>", "<DocumentID>&xxe;"),
    );
    const result = await stage(school, PESC_REFERENCE, hostile);
    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== "transcript") throw new Error(`unexpected ${JSON.stringify(result)}`);
    expect(result.errors[0]).toMatchObject({ code: "doctypeNotAllowed", line: 2 });
    expect(await snapshot(PESC_REFERENCE)).toEqual(before);
    expect(await db.pendingUpload.count()).toBe(pendingRows);
    expect(pendingFiles().length).toBe(files);
  });

  it("refuses a file over 5 MB from its size, before reading it", async () => {
    let read = false;
    const huge: UploadedBlob = {
      name: "huge.xml",
      size: MAX_UPLOAD_BYTES + 1,
      arrayBuffer: async () => {
        read = true;
        return new ArrayBuffer(MAX_UPLOAD_BYTES + 1);
      },
    };
    const request = await requestByRef(PESC_REFERENCE);
    const result = await stageUpload({ actor: school, input: { referenceNumber: PESC_REFERENCE, expectedVersion: request.version }, file: huge });
    expect(result).toEqual({ ok: false, reason: "tooLarge", limit: 5 * 1024 * 1024 });
    expect(read).toBe(false);
    // A file that lies about its size is measured again once read.
    const liar = { ...blob(new Uint8Array(MAX_UPLOAD_BYTES + 1), "liar.xml"), size: 10 };
    expect(await stageUpload({ actor: school, input: { referenceNumber: PESC_REFERENCE, expectedVersion: request.version }, file: liar })).toMatchObject({
      reason: "tooLarge",
    });
  });

  it("refuses an empty or missing file", async () => {
    expect(await stage(school, PESC_REFERENCE, new Uint8Array(0))).toEqual({ ok: false, reason: "noFile" });
  });

  it("decides the type by content, never by the file name", async () => {
    const asPdf = await stage(school, PESC_REFERENCE, PDF_BYTES, "transcript.xml");
    expect(asPdf).toMatchObject({ ok: true, kind: "PDF" });
    const asXml = await stage(school, PESC_REFERENCE, PESC_XML, "transcript.pdf");
    expect(asXml).toMatchObject({ ok: true, kind: "XML" });
    // Staging again replaced the user's earlier pending upload of the same request, file included.
    const request = await requestByRef(PESC_REFERENCE);
    const rows = await db.pendingUpload.findMany({ where: { requestId: request.id, userId: school.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.storedName).toMatch(/\.xml$/);
    const text = Buffer.from("Just some text, neither PDF nor XML.");
    const refused = await stage(school, PESC_REFERENCE, text, "notes.pdf");
    expect(refused).toMatchObject({ ok: false, reason: "notXmlOrPdf" });
    if (asXml.ok) await cancelUpload({ actor: school, pendingId: asXml.pendingId });
  });
});

describe("No – Cancel and return to previous screen", () => {
  it("forgets the pending upload and its file and changes nothing else", async () => {
    const before = await snapshot(PESC_REFERENCE);
    const result = await stage(school, PESC_REFERENCE, PESC_XML);
    if (!result.ok) throw new Error("stage failed");
    const pending = await db.pendingUpload.findUniqueOrThrow({ where: { id: result.pendingId } });
    // Someone else (even in scope) cannot cancel it.
    expect(await cancelUpload({ actor: board, pendingId: result.pendingId })).toBeNull();
    expect(await cancelUpload({ actor: school, pendingId: result.pendingId })).toEqual({ referenceNumber: PESC_REFERENCE });
    expect(await db.pendingUpload.findUnique({ where: { id: result.pendingId } })).toBeNull();
    expect(fs.existsSync(path.join(path.resolve(env().FILE_STORAGE_DIR), pending.storedName))).toBe(false);
    expect(await snapshot(PESC_REFERENCE)).toEqual(before);
  });
});

describe("Yes – Save and continue", () => {
  it("is refused for another user's pending upload and for an expired one", async () => {
    const before = await snapshot(PESC_REFERENCE);
    const result = await stage(school, PESC_REFERENCE, PESC_XML);
    if (!result.ok) throw new Error("stage failed");
    expect(await saveUpload({ actor: board, pendingId: result.pendingId })).toEqual({ ok: false, reason: "notFound" });
    expect(await saveUpload({ actor: school2, pendingId: result.pendingId })).toEqual({ ok: false, reason: "notFound" });
    const later = new Date(Date.now() + 31 * 60_000);
    expect(await saveUpload({ actor: school, pendingId: result.pendingId, now: later })).toEqual({ ok: false, reason: "notFound" });
    expect(await snapshot(PESC_REFERENCE)).toEqual(before);
    expect(await db.pendingUpload.count({ where: { id: result.pendingId } })).toBe(1);
    await cancelUpload({ actor: school, pendingId: result.pendingId });
  });

  it("is refused when the request changed since the upload form", async () => {
    const result = await stage(school, PESC_REFERENCE, PESC_XML);
    if (!result.ok) throw new Error("stage failed");
    const request = await requestByRef(PESC_REFERENCE);
    await db.transcriptRequest.update({ where: { id: request.id }, data: { version: { increment: 1 } } });
    try {
      expect(await saveUpload({ actor: school, pendingId: result.pendingId })).toEqual({ ok: false, reason: "stale" });
      expect(await db.uploadedFile.count({ where: { requestId: request.id } })).toBe(0);
    } finally {
      await db.transcriptRequest.update({ where: { id: request.id }, data: { version: request.version } });
      await cancelUpload({ actor: school, pendingId: result.pendingId });
    }
  });

  it("saves the file, moves the request In Progress, then processing completes it; a re-run stores nothing more", async () => {
    const before = await requestByRef(PESC_REFERENCE);
    const staged = await stage(school, PESC_REFERENCE, PESC_XML);
    if (!staged.ok) throw new Error("stage failed");
    const pending = await db.pendingUpload.findUniqueOrThrow({ where: { id: staged.pendingId } });
    const saved = await saveUpload({ actor: school, pendingId: staged.pendingId });
    if (!saved.ok) throw new Error(`save failed: ${saved.reason}`);

    const file = await db.uploadedFile.findUniqueOrThrow({ where: { id: saved.uploadedFileId } });
    expect(file).toMatchObject({ requestId: before.id, kind: "XML", sha256: sha256Hex(PESC_XML), size: PESC_XML.byteLength, uploadedById: school.id });
    expect(file.storedName).toMatch(/^\d{4}\/[a-f0-9]{32}\.xml$/);
    const stored = path.join(path.resolve(env().FILE_STORAGE_DIR), file.storedName);
    expect(fs.readFileSync(stored).equals(PESC_XML)).toBe(true);
    expect(fs.statSync(stored).mode & 0o777).toBe(0o600);
    expect(await db.pendingUpload.findUnique({ where: { id: staged.pendingId } })).toBeNull();
    expect(fs.existsSync(path.join(path.resolve(env().FILE_STORAGE_DIR), pending.storedName))).toBe(false);

    const upload = await db.timelineEvent.findFirstOrThrow({ where: { requestId: before.id, type: "upload" } });
    expect(upload.actorId).toBe(school.id);
    expect(JSON.parse(upload.data!)).toMatchObject({ fileId: file.id, from: "ACTION_REQUIRED", to: "TRANSCRIPT_UPLOADED", version: before.version + 1 });
    const validated = await db.timelineEvent.findFirstOrThrow({ where: { requestId: before.id, type: "validated" } });
    expect(JSON.parse(validated.data!)).toMatchObject({ fileId: file.id, comparison: { clean: true, fields: { firstName: "same", dateOfBirth: "same" } } });

    // A second "Yes" on the same pending upload saves nothing more.
    expect(await saveUpload({ actor: school, pendingId: staged.pendingId })).toEqual({ ok: false, reason: "notFound" });

    // Its event was written with it; the processing function completes the request.
    expect(await db.outboxEvent.count({ where: { id: `transcript-uploaded-${file.id}` } })).toBe(1);
    await background.drain();
    expect(await db.jobRun.findMany({ where: { runKey: `transcript-uploaded-${file.id}` }, select: { functionId: true, status: true } })).toEqual([
      { functionId: "process-transcript", status: "SUCCEEDED" },
    ]);
    const after = await requestByRef(PESC_REFERENCE);
    expect(after).toMatchObject({ status: "E_TRANSCRIPT_SENT", tab: "COMPLETE", version: before.version + 2 });
    expect(after.completedAt).not.toBeNull();
    const transcripts = await db.storedTranscript.findMany({ where: { requestId: before.id } });
    expect(transcripts).toEqual([
      expect.objectContaining({ fileId: file.id, format: "XML", source: "MANUAL", isCurrent: true, isReissue: false, sha256: file.sha256 }),
    ]);
    expect(transcripts[0]!.content).toBe(PESC_XML.toString("utf8"));

    expect(await processTranscript({ requestId: before.id, uploadedFileId: file.id })).toEqual({ outcome: "skipped", why: "alreadyProcessed" });
    expect(await db.storedTranscript.count({ where: { requestId: before.id } })).toBe(1);
    expect((await requestByRef(PESC_REFERENCE)).version).toBe(before.version + 2);
  });

  it("re-uploads on a completed request: the new transcript is a reissue, the old one is kept and superseded", async () => {
    const before = await requestByRef(PESC_REFERENCE);
    expect(before.status).toBe("E_TRANSCRIPT_SENT");
    const oldTranscript = await db.storedTranscript.findFirstOrThrow({ where: { requestId: before.id, isCurrent: true } });
    const staged = await stage(school, PESC_REFERENCE, PESC_XML);
    if (!staged.ok) throw new Error("stage failed");
    const saved = await saveUpload({ actor: school, pendingId: staged.pendingId });
    if (!saved.ok) throw new Error(`save failed: ${saved.reason}`);
    // In Progress with the new upload (the runtime may already have processed it: read it from the timeline).
    const reupload = await db.timelineEvent.findFirstOrThrow({ where: { requestId: before.id, type: "upload" }, orderBy: { createdAt: "desc" } });
    expect(JSON.parse(reupload.data!)).toMatchObject({ reupload: true, from: "E_TRANSCRIPT_SENT", to: "TRANSCRIPT_UPLOADED" });
    await background.drain();
    expect((await requestByRef(PESC_REFERENCE)).status).toBe("E_TRANSCRIPT_SENT");
    const transcripts = await db.storedTranscript.findMany({ where: { requestId: before.id }, orderBy: { createdAt: "asc" } });
    expect(transcripts).toHaveLength(2);
    expect(transcripts.find((t) => t.id === oldTranscript.id)).toMatchObject({ isCurrent: false });
    expect(transcripts.find((t) => t.id === oldTranscript.id)!.supersededAt).not.toBeNull();
    expect(transcripts.find((t) => t.id !== oldTranscript.id)).toMatchObject({ isCurrent: true, isReissue: true, fileId: saved.uploadedFileId });
    expect(await db.uploadedFile.count({ where: { requestId: before.id } })).toBe(2);
    const uploads = await db.timelineEvent.findMany({ where: { requestId: before.id, type: "upload" } });
    expect(uploads.map((e) => JSON.parse(e.data!).reupload)).toEqual(expect.arrayContaining([false, true]));
  });

  it("saves a PDF after its confirmation: In Progress, no processing, waiting for OCAS", async () => {
    const request = await pickOpen();
    const staged = await stage(school, request.referenceNumber, PDF_BYTES, "scan.pdf");
    if (!staged.ok) throw new Error("stage failed");
    const saved = await saveUpload({ actor: school, pendingId: staged.pendingId });
    if (!saved.ok) throw new Error(`save failed: ${saved.reason}`);
    expect(saved.kind).toBe("PDF");
    expect(await db.outboxEvent.count({ where: { subject: `file:${saved.uploadedFileId}` } })).toBe(0);
    expect(await requestByRef(request.referenceNumber)).toMatchObject({ status: "TRANSCRIPT_UPLOADED", tab: "IN_PROGRESS" });
    expect(await db.uploadedFile.findUniqueOrThrow({ where: { id: saved.uploadedFileId } })).toMatchObject({ kind: "PDF", sha256: sha256Hex(PDF_BYTES) });
    expect(await db.storedTranscript.count({ where: { requestId: request.id } })).toBe(0);
    expect(await db.timelineEvent.count({ where: { requestId: request.id, type: "validated" } })).toBe(0);
  });
});

describe("real SIS exports", () => {
  const realTranscript = () => {
    const parsed = parseTranscript(PESC_XML);
    if (!parsed.ok) throw new Error("the real example was refused");
    return parsed.transcript;
  };

  it("takes a UTF-16 transcript as the UTF-8 one, keeps its bytes as received, its text decoded, and shows it again", async () => {
    const request = await pickOpen();
    const bytes = encodeUtf16(PESC_XML.toString("utf8"));
    const staged = await stage(school, request.referenceNumber, bytes, "windows-export.xml");
    if (!staged.ok) throw new Error(`stage failed: ${JSON.stringify(staged)}`);
    const pending = await findPendingUpload({ actor: school, pendingId: staged.pendingId, now: new Date() });
    expect(pending).toMatchObject({ kind: "XML", size: bytes.byteLength, sha256: sha256Hex(bytes) });
    expect(readPendingData(pending!.parsed)?.transcript).toEqual(realTranscript());

    const saved = await saveUpload({ actor: school, pendingId: staged.pendingId });
    if (!saved.ok) throw new Error(`save failed: ${saved.reason}`);
    await background.drain();
    expect((await requestByRef(request.referenceNumber)).status).toBe("E_TRANSCRIPT_SENT");
    const file = await db.uploadedFile.findUniqueOrThrow({ where: { id: saved.uploadedFileId } });
    expect(fs.readFileSync(path.join(path.resolve(env().FILE_STORAGE_DIR), file.storedName)).equals(Buffer.from(bytes))).toBe(true);
    const stored = await db.storedTranscript.findFirstOrThrow({ where: { requestId: request.id, isCurrent: true } });
    expect(stored).toMatchObject({ sha256: sha256Hex(bytes), content: PESC_XML.toString("utf8") });
    // The details page's preview reads it again.
    expect(await findCurrentTranscript({ actor: school, referenceNumber: request.referenceNumber })).toMatchObject({ transcript: realTranscript() });
  });

  it("takes a PESC batch of one as its transcript, kept as received", async () => {
    const request = await pickOpen();
    const bytes = encodeUtf16(buildPescBatch([PESC_XML.toString("utf8")], { encoding: "UTF-16" }), { bigEndian: true, bom: false });
    const staged = await stage(school, request.referenceNumber, bytes, "batch.xml");
    if (!staged.ok) throw new Error(`stage failed: ${JSON.stringify(staged)}`);
    const pending = await findPendingUpload({ actor: school, pendingId: staged.pendingId, now: new Date() });
    expect(pending).toMatchObject({ size: bytes.byteLength, sha256: sha256Hex(bytes) });
    expect(readPendingData(pending!.parsed)?.transcript).toEqual(realTranscript());
    const saved = await saveUpload({ actor: school, pendingId: staged.pendingId });
    if (!saved.ok) throw new Error(`save failed: ${saved.reason}`);
    await background.drain();
    expect((await requestByRef(request.referenceNumber)).status).toBe("E_TRANSCRIPT_SENT");
    expect(await findCurrentTranscript({ actor: school, referenceNumber: request.referenceNumber })).toMatchObject({ transcript: realTranscript() });
  });

  it("refuses a batch of several transcripts with their count, storing nothing", async () => {
    const request = await pickOpen();
    const before = await snapshot(request.referenceNumber);
    const pendingBefore = await db.pendingUpload.count();
    const text = PESC_XML.toString("utf8");
    const result = await stage(school, request.referenceNumber, new TextEncoder().encode(buildPescBatch([text, text, text])));
    expect(result).toEqual({ ok: false, reason: "transcript", errors: [{ code: "batchOfSeveral", values: { count: 3 } }] });
    expect(await snapshot(request.referenceNumber)).toEqual(before);
    expect(await db.pendingUpload.count()).toBe(pendingBefore);
  });
});

describe("processing failures", () => {
  it("moves the request to File Upload Error with the reason when the stored file no longer parses", async () => {
    const request = await pickOpen();
    const staged = await stage(school, request.referenceNumber, PDF_BYTES, "scan.pdf");
    if (!staged.ok) throw new Error("stage failed");
    const saved = await saveUpload({ actor: school, pendingId: staged.pendingId });
    if (!saved.ok) throw new Error("save failed");
    // An XML file whose stored bytes are broken (as if the storage lost them).
    const broken = Buffer.from("<HighSchoolTranscript>broken");
    const file = await db.uploadedFile.update({ where: { id: saved.uploadedFileId }, data: { kind: "XML", sha256: sha256Hex(broken) } });
    fs.writeFileSync(path.join(path.resolve(env().FILE_STORAGE_DIR), file.storedName), broken);

    expect(await processTranscript({ requestId: request.id, uploadedFileId: file.id })).toMatchObject({ outcome: "failed" });
    const after = await requestByRef(request.referenceNumber);
    expect(after).toMatchObject({ status: "FILE_UPLOAD_ERROR", tab: "INCOMPLETE" });
    expect(JSON.parse(after.statusReason!)).toEqual({ key: "processingFailed" });
    const row = await db.timelineEvent.findFirstOrThrow({ where: { requestId: request.id, type: "processing_failed" } });
    expect(row.actorLabel).toBe("system");
    expect(JSON.parse(row.data!)).toMatchObject({ from: "TRANSCRIPT_UPLOADED", to: "FILE_UPLOAD_ERROR", reason: { key: "processingFailed" } });
    expect(await db.storedTranscript.count({ where: { requestId: request.id } })).toBe(0);
    // Run again: nothing more happens.
    expect(await processTranscript({ requestId: request.id, uploadedFileId: file.id })).toEqual({ outcome: "skipped", why: "notInProgress" });
  });
});

describe("PDF queue", () => {
  it("lists saved PDFs for OCAS administrators only, oldest first, and Complete moves the request to E-Transcript Sent", async () => {
    const first = await pickOpen();
    const second = await pickOpen();
    for (const request of [first, second]) {
      const staged = await stage(school, request.referenceNumber, PDF_BYTES, "scan.pdf");
      if (!staged.ok) throw new Error("stage failed");
      const saved = await saveUpload({ actor: school, pendingId: staged.pendingId });
      if (!saved.ok) throw new Error("save failed");
    }
    expect(await listPdfQueue({ actor: school })).toBeNull();
    const queue = (await listPdfQueue({ actor: admin }))!;
    const refs = queue.map((r) => r.referenceNumber);
    expect(refs).toEqual(expect.arrayContaining([first.referenceNumber, second.referenceNumber]));
    expect(refs.indexOf(first.referenceNumber)).toBeLessThan(refs.indexOf(second.referenceNumber));
    const times = queue.map((r) => r.file.uploadedAt.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    const row = queue.find((r) => r.referenceNumber === first.referenceNumber)!;
    const input = { referenceNumber: row.referenceNumber, fileId: row.file.id, expectedVersion: row.version };
    expect(await completePdf({ actor: school, input })).toEqual({ ok: false, reason: "forbidden" });
    expect(await completePdf({ actor: admin, input: { ...input, expectedVersion: row.version + 1 } })).toEqual({ ok: false, reason: "stale" });
    expect(await completePdf({ actor: admin, input: { ...input, fileId: "other" } })).toEqual({ ok: false, reason: "notFound" });
    expect((await requestByRef(first.referenceNumber)).status).toBe("TRANSCRIPT_UPLOADED");

    const done = await completePdf({ actor: admin, input });
    expect(done).toMatchObject({ ok: true, referenceNumber: first.referenceNumber });
    const after = await requestByRef(first.referenceNumber);
    expect(after).toMatchObject({ status: "E_TRANSCRIPT_SENT", tab: "COMPLETE", version: row.version + 1 });
    expect(await db.storedTranscript.findMany({ where: { requestId: first.id } })).toEqual([
      expect.objectContaining({ fileId: row.file.id, format: "PDF", source: "MANUAL", isCurrent: true, isReissue: false, sha256: sha256Hex(PDF_BYTES) }),
    ]);
    const event = await db.timelineEvent.findFirstOrThrow({ where: { requestId: first.id, type: "pdf_completed" } });
    expect(event.actorId).toBe(admin.id);
    expect(JSON.parse(event.data!)).toMatchObject({ from: "TRANSCRIPT_UPLOADED", to: "E_TRANSCRIPT_SENT", fileId: row.file.id });
    // Completed once: a second click finds the request changed.
    expect(await completePdf({ actor: admin, input })).toEqual({ ok: false, reason: "stale" });
    expect((await listPdfQueue({ actor: admin }))!.map((r) => r.referenceNumber)).not.toContain(first.referenceNumber);
  });
});

describe("messages", () => {
  it("word every parser error code and every comparison outcome in both languages", async () => {
    const { TRANSCRIPT_ERROR_CODES } = await import("@/lib/domain/pesc/errors");
    for (const locale of ["en", "fr"]) {
      const messages = JSON.parse(fs.readFileSync(path.resolve(`messages/${locale}.json`), "utf8")) as {
        pesc: { errors: Record<string, string> };
        upload: { outcomes: Record<string, string>; fields: Record<string, string> };
      };
      for (const code of TRANSCRIPT_ERROR_CODES) expect(messages.pesc.errors[code], `${locale} pesc.errors.${code}`).toEqual(expect.any(String));
      for (const outcome of ["same", "minor", "different", "missing"]) expect(messages.upload.outcomes[outcome]).toEqual(expect.any(String));
      for (const field of ["firstName", "lastName", "dateOfBirth", "gender", "oen", "referenceNumber"])
        expect(messages.upload.fields[field]).toEqual(expect.any(String));
    }
  });
});

describe("Send at End of Semester", () => {
  it("an upload before the send-after date is refused with the date, and nothing is stored", async () => {
    const actor = await actorFor("demo.school");
    const request = await db.transcriptRequest.findFirstOrThrow({ where: { referenceNumber: "REF-45454545" } });
    const sendAfter = new Date(Date.now() + 10 * 86_400_000);
    await db.transcriptRequest.update({ where: { id: request.id }, data: { sendOption: "END_OF_SEMESTER", sendAfter } });
    const bytes = fs.readFileSync("tests/fixtures/pesc/ontario-highschool-transcript.xml");
    const file = { name: "t.xml", size: bytes.byteLength, arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) };
    const current = await db.transcriptRequest.findUniqueOrThrow({ where: { id: request.id } });
    const result = await stageUpload({ actor, input: { referenceNumber: "REF-45454545", expectedVersion: String(current.version) }, file });
    expect(result).toEqual({ ok: false, reason: "notBeforeSendAfter", sendAfter });
    expect(await db.pendingUpload.count({ where: { requestId: request.id } })).toBe(0);
    await db.transcriptRequest.update({ where: { id: request.id }, data: { sendOption: "SEND_NOW", sendAfter: null } });
  });
});

describe("a file that is neither XML nor PDF", () => {
  it.each([
    ["a PNG image", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
    ["a Word document", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0])],
    ["plain text", new TextEncoder().encode("Transcript of Émilie: all A's")],
  ])("%s is refused as such, and nothing is kept", async (_what, bytes) => {
    const { referenceNumber } = await pickOpen();
    const before = await snapshot(referenceNumber);
    const filesBefore = pendingFiles().length;
    expect(await stage(school, referenceNumber, bytes, "transcript.xml")).toEqual({ ok: false, reason: "notXmlOrPdf" });
    expect(await snapshot(referenceNumber)).toEqual(before);
    expect(pendingFiles()).toHaveLength(filesBefore);
  });

  it("an XML file in UTF-16, or after spaces and a byte-order mark, is still read as a transcript", async () => {
    const { referenceNumber } = await pickOpen();
    const text = `\uFEFF  \n${PESC_XML.toString("utf8").replace(/^\uFEFF/, "")}`;
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/^\uFEFF/, ""), "utf16le")]);
    for (const bytes of [new TextEncoder().encode(text), new Uint8Array(utf16)]) {
      const result = await stage(school, referenceNumber, bytes);
      expect(result.ok || result.reason).not.toBe("notXmlOrPdf");
    }
  });
});
