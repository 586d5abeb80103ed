// Files on S3-compatible object storage (issue 22): with FILE_STORAGE=s3://…, uploads (staged and saved), the
// transcripts Auto-TRMS keeps, the nightly transmission's batches and the outbox's text copies of emails all go to
// the object store, over real HTTP to an S3 server on loopback (s3rver), and nothing lands on this machine's disk.
// A store that does not answer refuses the upload in the user's language and changes nothing.
import fs from "node:fs";
import path from "node:path";
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createCollegeDouble, type CollegeDouble } from "@/tests/doubles/college-server.mjs";

// Before any module of the app reads its settings: the object store the app is pointed at.
const s3 = await vi.hoisted(async () => {
  const { startS3Double, s3DoubleEnv } = await import("../doubles/s3-server.mjs");
  const started = await startS3Double({ bucket: "trms-test" });
  Object.assign(process.env, s3DoubleEnv(started.endpoint, started.bucket, "files"));
  return started;
});

const { db } = await import("@/lib/db");
const { initialActionResult } = await import("@/lib/actions/result");
const { stageUploadAction } = await import("@/lib/actions/uploads");
const { fileStore, readStoredFile, writeTranscriptFile, createStoredFileWriter, openStoredFile, storedFileSize, StorageUnavailableError } =
  await import("@/lib/server/uploads/storage");
const { openUploadedFile } = await import("@/lib/server/requests/open-uploaded-file");
const { deliverMessage } = await import("@/lib/email/transport");
const { actorFor } = await import("./helpers/actors");
const { testRuntime } = await import("./helpers/background");
const { seedDemo } = await import("./helpers/seeded");
const { signInAs } = await import("./helpers/session");
const { completeWithUpload, PESC_XML, runNightly, saveAnUpload } = await import("./helpers/transmission");

vi.mock("@/lib/auth/auth", () => import("./helpers/session"));

const client = new S3Client({
  endpoint: s3.endpoint,
  region: "us-east-1",
  forcePathStyle: true,
  credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
});
async function keys(prefix = "files/"): Promise<string[]> {
  const listed = await client.send(new ListObjectsV2Command({ Bucket: "trms-test", Prefix: prefix }));
  return (listed.Contents ?? []).map((o) => o.Key!).sort();
}
async function object(key: string): Promise<Buffer> {
  const answer = await client.send(new GetObjectCommand({ Bucket: "trms-test", Key: key }));
  return Buffer.from(await answer.Body!.transformToByteArray());
}
/** Files under FILE_STORAGE_DIR: there must be none of this test's. */
function localFiles(): string[] {
  const root = path.resolve(process.env.FILE_STORAGE_DIR!);
  return fs.existsSync(root) ? (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(root, f)).isFile()) : [];
}

let double: CollegeDouble;
const background = testRuntime();

beforeAll(async () => {
  double = createCollegeDouble();
  await seedDemo(new Date(), { collegeDoubleUrl: await double.listen() });
}, 60_000);
afterAll(async () => {
  await double.close();
  fs.rmSync(double.dir, { recursive: true, force: true });
  await s3.close();
});

describe("with FILE_STORAGE=s3://…", () => {
  it("is the object store, and the demo's files were written there by the seed", async () => {
    expect(fileStore().description).toContain("s3://trms-test/files/");
    const seeded = await db.uploadedFile.findFirstOrThrow({ select: { storedName: true, size: true } });
    expect((await object(`files/${seeded.storedName}`)).byteLength).toBe(seeded.size);
    expect(localFiles()).toEqual([]);
  });

  it("keeps an upload there, staged then saved, and the download streams it back", async () => {
    const before = await keys();
    const saved = await saveAnUpload();
    const file = await db.uploadedFile.findUniqueOrThrow({ where: { id: saved.fileId } });
    expect(file.storedName).toMatch(/^\d{4}\/[a-f0-9]{32}\.xml$/);
    expect((await object(`files/${file.storedName}`)).equals(PESC_XML)).toBe(true);
    // The staged copy is gone once saved; nothing else was added.
    expect((await keys()).filter((k) => !before.includes(k))).toEqual([`files/${file.storedName}`]);

    const opened = await openUploadedFile({ actor: await actorFor("demo.school"), fileId: file.id });
    expect(opened?.size).toBe(PESC_XML.byteLength);
    const chunks: Buffer[] = [];
    for await (const chunk of opened!.stream) chunks.push(Buffer.from(chunk));
    expect(Buffer.concat(chunks).equals(PESC_XML)).toBe(true);
    expect(await openUploadedFile({ actor: await actorFor("other.board"), fileId: file.id })).toBeNull();
    expect(localFiles()).toEqual([]);
  });

  it("keeps what Auto-TRMS receives, and reads it back", async () => {
    const name = await writeTranscriptFile(new Uint8Array(PESC_XML), new Date());
    expect(await keys()).toContain(`files/${name}`);
    expect(Buffer.from(await readStoredFile(name)).equals(PESC_XML)).toBe(true);
    expect(await storedFileSize(name)).toBe(PESC_XML.byteLength);
    expect(await storedFileSize(`${new Date().getUTCFullYear()}/${"0".repeat(32)}.xml`)).toBeNull();
  });

  it("writes a batch piece by piece as a multipart upload; nothing is under its name until it is finished, nothing after an abort", async () => {
    const name = "batches/2026-12-01/TRMS-ZZ-2026-12-01-001.xml";
    const writer = await createStoredFileWriter(name);
    const piece = Buffer.alloc(1024 * 1024, "a");
    for (let i = 0; i < 12; i++) await writer.write(piece); // 12 MB: three parts
    expect(await storedFileSize(name)).toBeNull();
    const { size } = await writer.finish();
    expect(size).toBe(12 * 1024 * 1024);
    expect(await storedFileSize(name)).toBe(size);
    let streamed = 0;
    for await (const chunk of openStoredFile(name)) streamed += (chunk as Buffer).byteLength;
    expect(streamed).toBe(size);

    const other = "batches/2026-12-01/TRMS-ZZ-2026-12-01-002.xml";
    const aborted = await createStoredFileWriter(other);
    await aborted.write(piece);
    await aborted.abort();
    expect(await storedFileSize(other)).toBeNull();
  });

  it("builds the nightly batches there and delivers them from there, signed, to the college", async () => {
    const done = await completeWithUpload(background);
    const result = await runNightly(background);
    expect(result).toMatchObject({ ok: true });
    const batches = await db.transmissionBatch.findMany({ where: { status: "DELIVERED" }, select: { storedName: true, byteSize: true, sha256: true } });
    expect(batches.length).toBeGreaterThan(0);
    for (const batch of batches) expect((await object(`files/${batch.storedName}`)).byteLength).toBe(batch.byteSize);
    const received = double.state.received.flatMap((b) => b.references);
    expect(received).toContain(done.referenceNumber);
    expect(localFiles()).toEqual([]);
  }, 120_000);

  it("keeps the outbox's text copy of an email there", async () => {
    const message = {
      id: "cmobjectstoragetest0001",
      to: "clerk@example.org",
      subject: "Test",
      text: "Hello",
      html: null,
      idempotencyKey: "k1",
      createdAt: new Date(),
    };
    expect(await deliverMessage(message)).toMatchObject({ status: "OUTBOX" });
    const copies = (await keys("files/outbox/")).filter((k) => k.endsWith(`-${message.id}.txt`));
    expect(copies).toHaveLength(1);
    expect((await object(copies[0]!)).toString()).toBe("To: clerk@example.org\nSubject: Test\n\nHello\n");
  });
});

describe("an object store that does not answer", () => {
  it("refuses the upload in the user's language, and nothing changes", async () => {
    const actor = await actorFor("demo.school");
    const request = await db.transcriptRequest.findFirstOrThrow({ where: { school: { mident: "999999" }, status: "ACTION_REQUIRED" } });
    const pendingBefore = await db.pendingUpload.count();
    const before = await keys();
    await s3.close({ keepFiles: true });
    signInAs(actor);
    const form = new FormData();
    form.set("referenceNumber", request.referenceNumber);
    form.set("expectedVersion", String(request.version));
    form.set("locale", "fr");
    form.set("file", new File([new Uint8Array(PESC_XML)], "releve.xml", { type: "application/xml" }));
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await stageUploadAction(initialActionResult, form)).toMatchObject({ ok: false, messageKey: "errors.storageUnavailable" });
    expect(logged.mock.calls.flat().join(" ")).toMatch(/file store unavailable/);
    await expect(writeTranscriptFile(new Uint8Array(PESC_XML), new Date())).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(await db.pendingUpload.count()).toBe(pendingBefore);
    expect(await db.transcriptRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: request.status, version: request.version });

    // The same store again (its files kept): nothing was added while it was away.
    const again = await (await import("../doubles/s3-server.mjs")).startS3Double({ port: s3.port, bucket: "trms-test", dir: s3.dir });
    try {
      expect(await keys()).toEqual(before);
    } finally {
      await again.close();
    }
  }, 60_000);
});
