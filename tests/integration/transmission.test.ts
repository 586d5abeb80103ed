import { XMLParser, XMLValidator } from "fast-xml-parser";
import fs from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

// The nightly transmission (contracts §4) end to end over real HTTP: the demo data completed by uploads, Nightly
// College Transmission run as an OCAS administrator's Run Now, the college test double verifying every signature and
// answering with receipts (or failing, being slow, answering 410), and the receipts API.

import { POST as receiptsPost } from "@/app/api/v1/college-receipts/route";
import { db } from "@/lib/db";
import { torontoDate } from "@/lib/domain/business-days";
import { cancelRequest } from "@/lib/server/requests/cancel-request";
import { buildBatches } from "@/lib/server/transmission/build-batches";
import { collectTransmissionItems } from "@/lib/server/transmission/collect-items";
import { parseTranscript, readTranscriptFile } from "@/lib/domain/pesc/parse-transcript";
import { checkBulkFile } from "@/lib/server/uploads/bulk-check-file";
import { saveBulkUploads } from "@/lib/server/uploads/bulk-save-uploads";
import { readStoredFile } from "@/lib/server/uploads/storage";
import { buildPescBatch, buildPescTranscript, encodeUtf16 } from "@/prisma/seed/pesc-template.mjs";
import { createCollegeDouble, demoCollegeSecret, readManifest, signedHeaders, type CollegeDouble } from "@/tests/doubles/college-server.mjs";
import { actorFor } from "./helpers/actors";
import { testRuntime } from "./helpers/background";
import { seedDemo } from "./helpers/seeded";
import { completeWithUpload, expectedPairs, PESC_XML, runNightly, saveAnUpload, sha256, transcriptBytes } from "./helpers/transmission";

let double: CollegeDouble;
let base: string;
const background = testRuntime();

beforeAll(async () => {
  double = createCollegeDouble();
  base = await double.listen();
  await seedDemo(new Date(), { collegeDoubleUrl: base });
});

afterAll(async () => {
  await double.close();
  fs.rmSync(double.dir, { recursive: true, force: true });
});

beforeEach(async () => {
  await fetch(`${base}/control`, { method: "POST", body: JSON.stringify({ reset: true }) });
});

const control = (change: Record<string, unknown>) => fetch(`${base}/control`, { method: "POST", body: JSON.stringify(change) });
const receivedPairs = () => double.state.received.flatMap((b) => b.references.map((r) => `${r}|${b.college}`));
const itemsOf = (requestId: string) =>
  db.transmissionItem.findMany({
    where: { requestId },
    include: { college: { select: { code: true } }, batch: { select: { batchId: true } } },
    orderBy: { id: "asc" },
  });
const timelineOf = async (requestId: string, type: string) =>
  (await db.timelineEvent.findMany({ where: { requestId, type }, orderBy: { createdAt: "asc" } })).map((e) => JSON.parse(e.data!) as Record<string, unknown>);

/** A batch file as contracts §4 describes it, item by item against the transcripts it holds. */
async function checkBatchFile(id: string) {
  const batch = await db.transmissionBatch.findUniqueOrThrow({
    where: { id },
    include: {
      college: true,
      entries: { include: { item: { select: { transcriptId: true, transcript: { select: { format: true } } } } }, orderBy: { sequence: "asc" } },
    },
  });
  const bytes = Buffer.from(await readStoredFile(batch.storedName!));
  const text = bytes.toString("utf8");
  expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<AcademicRecordBatch xmlns="urn:org:pesc:message:AcademicRecordBatch:v2.1.0"')).toBe(true);
  // One declaration: the items' own were removed; no byte-order mark inside.
  expect(text.match(/<\?xml/g)).toHaveLength(1);
  expect(text.includes("\uFEFF")).toBe(false);

  const doc = new XMLParser({ ignoreAttributes: false }).parse(text);
  const envelope = doc.AcademicRecordBatch.BatchEnvelope;
  expect(doc.AcademicRecordBatch["@_xmlns:trms"]).toBe("urn:ca:trms:batch:v1");
  expect(envelope.BatchID).toBe(batch.batchId);
  expect(envelope.BatchDeliveryMethod).toBe("ParseBatch");
  expect(envelope.BatchDateTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-0[45]:00$/);
  expect(envelope.DestinationAgency.Organization).toEqual({ LocalOrganizationID: batch.college.code, OrganizationName: batch.college.nameEn });
  expect(envelope["trms:Manifest"]["@_count"]).toBe(String(batch.entries.length));

  const manifest = readManifest(bytes);
  expect(manifest.map((m) => m.sequence)).toEqual(batch.entries.map((e) => e.sequence));
  for (const [i, line] of manifest.entries()) {
    const entry = batch.entries[i]!;
    expect(line).toMatchObject({ referenceNumber: entry.referenceNumber, transmissionType: entry.transmissionType, format: entry.item.transcript.format });
    // The digest is over the transcript's bytes as stored.
    const stored = await transcriptBytes(entry.item.transcriptId);
    expect(line.sha256).toBe(sha256(stored));
    if (line.format === "PDF") {
      const match = new RegExp(`<trms:PDFTranscript sequence="${line.sequence}" referenceNumber="${line.referenceNumber}">([^<]*)</trms:PDFTranscript>`).exec(
        text,
      );
      expect(match).not.toBeNull();
      expect(Buffer.from(match![1]!, "base64").equals(Buffer.from(stored))).toBe(true);
    } else {
      // The transcript element exactly as received, declaration and byte-order mark removed, its root given
      // xmlns="" (it declares no default namespace) so that its unprefixed elements stay in none inside the batch.
      const received = new TextDecoder()
        .decode(stored)
        .replace(/^\s*<\?xml[^?]*\?>\s*/, "")
        .trimEnd();
      expect(text).toContain(/^<[^\s>]+[^>]*\sxmlns="/.test(received) ? received : received.replace(/^(<[^\s>]+)/, '$1 xmlns=""'));
    }
  }
  const content = doc.AcademicRecordBatch.BatchContent;
  const pdfs = [content["trms:PDFTranscript"] ?? []].flat();
  expect(pdfs).toHaveLength(manifest.filter((m) => m.format === "PDF").length);
}

/** Posts a receipt to the API as `code` signs it. */
async function postReceipt(body: unknown, options: { code: string; secret?: string; timestamp?: number; raw?: string }) {
  const text = options.raw ?? JSON.stringify(body);
  const headers = signedHeaders(options.secret ?? demoCollegeSecret(options.code), `msg_${Math.random().toString(36).slice(2)}`, text, options.timestamp);
  const response = await receiptsPost(
    new Request("http://localhost/api/v1/college-receipts", { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: text }),
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("a night's transmission", () => {
  it("delivers every completed transcript to each of its colleges exactly once, signed, and records the receipts", async () => {
    const expected = await expectedPairs();
    expect(expected.size).toBeGreaterThan(10);

    expect(await runNightly(background)).toEqual({ ok: true, outcome: "succeeded" });

    // Every pair reached its college once; nothing else did; every signature was good.
    expect(double.state.refused).toEqual([]);
    const pairs = receivedPairs();
    expect(new Set(pairs)).toEqual(expected);
    expect(pairs).toHaveLength(expected.size);
    const night = torontoDate(new Date());
    for (const b of double.state.received) expect(b.batchId).toMatch(new RegExp(`^TRMS-${b.college}-${night}-\\d{3}$`));

    const items = await db.transmissionItem.findMany({ select: { status: true, receipt: true } });
    expect(items).toHaveLength(expected.size);
    expect(items.every((i) => i.status === "DELIVERED" && i.receipt === "CONFIRMED")).toBe(true);
    const batches = await db.transmissionBatch.findMany({ include: { attemptLog: true, receipts: true } });
    expect(batches.map((b) => b.status).every((s) => s === "DELIVERED")).toBe(true);
    for (const b of batches) {
      expect(b.attemptLog.map((a) => a.httpStatus)).toEqual([200]);
      expect(b.receipts).toHaveLength(b.itemCount);
      // The file kept is the one the college received, byte for byte.
      expect(sha256(await readStoredFile(b.storedName!))).toBe(double.state.received.find((r) => r.batchId === b.batchId)!.sha256);
    }
    expect(await db.timelineEvent.count({ where: { type: "transmitted" } })).toBe(expected.size);
    expect(await db.timelineEvent.count({ where: { type: "receipt" } })).toBe(expected.size);

    // The next night finds nothing to send.
    const calls = double.state.calls;
    await runNightly(background);
    expect(double.state.calls).toBe(calls);
    expect(await db.transmissionBatch.count()).toBe(batches.length);
  });

  it("writes each batch as a PESC AcademicRecordBatch: envelope, manifest, each transcript (XML or PDF) as received", async () => {
    const pdf = await completeWithUpload(background, undefined, { pdf: true });
    await runNightly(background);
    const largest = await db.transmissionBatch.findFirstOrThrow({ where: { status: "DELIVERED" }, orderBy: { itemCount: "desc" } });
    const withPdf = await db.transmissionBatch.findFirstOrThrow({ where: { entries: { some: { referenceNumber: pdf.referenceNumber, format: "PDF" } } } });
    for (const { id } of [largest, withPdf]) await checkBatchFile(id);
  });

  it("splits a college's night into batches within the limits, numbered in order", async () => {
    const first = await completeWithUpload(background, undefined, { minColleges: 3 });
    const second = await completeWithUpload(background, undefined, { minColleges: 3 });
    const third = await completeWithUpload(background, undefined, { minColleges: 3 });
    await collectTransmissionItems();
    const built = await buildBatches({ night: "2030-01-15", limits: { maxItems: 2 } });
    expect(built.items).toBe(first.colleges.length + second.colleges.length + third.colleges.length);
    const batches = await db.transmissionBatch.findMany({
      where: { night: "2030-01-15" },
      include: { college: true },
      orderBy: [{ collegeId: "asc" }, { sequence: "asc" }],
    });
    for (const b of batches) {
      expect(b.itemCount).toBeLessThanOrEqual(2);
      expect(b.batchId).toBe(`TRMS-${b.college.code}-2030-01-15-${String(b.sequence).padStart(3, "0")}`);
    }
    // Each college's items in batches of 2 and a rest, in order; a college given several is split.
    const perCollege = new Map<string, number>();
    for (const code of [...first.colleges, ...second.colleges, ...third.colleges]) perCollege.set(code, (perCollege.get(code) ?? 0) + 1);
    expect(Math.max(...perCollege.values())).toBeGreaterThanOrEqual(2);
    for (const [code, n] of perCollege) {
      const expected = [...Array(Math.floor(n / 2)).fill(2), ...(n % 2 ? [1] : [])];
      expect(batches.filter((b) => b.college.code === code).map((b) => b.itemCount)).toEqual(expected);
    }
    await background.drain({ timeoutMs: 60_000 });
    expect(await db.transmissionBatch.count({ where: { night: "2030-01-15", status: { not: "DELIVERED" } } })).toBe(0);
  });
});

describe("transcripts from real SIS exports", () => {
  it("sends a UTF-16 upload, a batch of one and a transcript Bulk Upload split from a batch, each as its transcript", async () => {
    const real = PESC_XML.toString("utf8");
    const utf16 = await completeWithUpload(background, undefined, { xml: encodeUtf16(real) });
    const batchOfOne = await completeWithUpload(background, undefined, {
      xml: encodeUtf16(buildPescBatch([real], { encoding: "UTF-16" }), { bigEndian: true, bom: false }),
    });
    // A batch of two for two open requests, through Bulk Upload.
    const school = await actorFor("demo.school");
    const open = await db.transcriptRequest.findMany({
      where: { school: { mident: "999999" }, status: "ACTION_REQUIRED", sendOption: "SEND_NOW", destinations: { some: {} }, oen: { not: null } },
      include: { applicant: true, school: true },
      orderBy: { referenceNumber: "asc" },
      take: 2,
    });
    expect(open).toHaveLength(2);
    const transcripts = open.map((r) =>
      buildPescTranscript({
        referenceNumber: r.referenceNumber,
        firstName: r.firstName,
        lastName: r.lastName,
        dateOfBirth: r.applicant.dateOfBirth,
        gender: r.applicant.gender,
        oen: r.oen,
        schoolName: r.school.nameEn,
        mident: r.school.mident,
      }),
    );
    const batch = new TextEncoder().encode(buildPescBatch(transcripts));
    const checked = await checkBulkFile({ actor: school, file: { name: "sis.xml", size: batch.byteLength, arrayBuffer: async () => batch.slice().buffer } });
    if (checked.outcome !== "batch") throw new Error(`not read as a batch: ${JSON.stringify(checked)}`);
    const pendingIds = checked.transcripts.map((t) => (t.result.outcome === "matched" ? t.result.pendingId : ""));
    expect(pendingIds.every(Boolean)).toBe(true);
    expect(await saveBulkUploads({ actor: school, input: { pendingIds } })).toMatchObject({ ok: true, items: [{ ok: true }, { ok: true }] });
    await background.drain();

    await runNightly(background);
    const references = [utf16.referenceNumber, batchOfOne.referenceNumber, ...open.map((r) => r.referenceNumber)];
    for (const referenceNumber of references) {
      const request = await db.transcriptRequest.findUniqueOrThrow({ where: { referenceNumber }, select: { id: true, status: true } });
      expect(request.status).toBe("E_TRANSCRIPT_SENT");
      const [item] = await itemsOf(request.id);
      expect(item?.status).toBe("DELIVERED");
      const file = await readStoredFile((await db.transmissionBatch.findUniqueOrThrow({ where: { batchId: item!.batch!.batchId } })).storedName!);
      const text = Buffer.from(file).toString("utf8");
      expect(XMLValidator.validate(text)).toBe(true);
      const line = readManifest(Buffer.from(file)).find((m) => m.referenceNumber === referenceNumber)!;
      // The digest is over the bytes as stored; the item is the transcript they hold, read back from the batch.
      const stored = await transcriptBytes(item!.transcriptId);
      expect(line.sha256).toBe(sha256(stored));
      const read = readTranscriptFile(file);
      if (!read.ok) throw new Error(JSON.stringify(read.errors));
      const own = parseTranscript(stored);
      if (!own.ok) throw new Error(JSON.stringify(own.errors));
      // The items are the batch's documents in the manifest's order.
      expect(read.documents[line.sequence - 1]).toMatchObject({ ok: true, transcript: own.transcript });
    }
    // Each transcript of the batch was kept on its own, as a UTF-8 document: neither is the batch.
    const kept = await Promise.all(open.map(async (r) => Buffer.from(await transcriptBytes((await itemsOf(r.id))[0]!.transcriptId)).toString("utf8")));
    expect(kept.every((k) => k.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<ns0:HighSchoolTranscript ') && !k.includes("BatchContent"))).toBe(true);
  });
});

describe("failures", () => {
  it("retries a failing college with the same BatchID, honouring Retry-After, and records every attempt", async () => {
    const request = await completeWithUpload(background);
    const code = request.colleges[0]!;
    await control({ failNext: 2, failStatus: 503, retryAfter: 1, college: code });
    await runNightly(background);

    const item = (await itemsOf(request.id)).find((i) => i.college.code === code)!;
    expect(item.status).toBe("DELIVERED");
    const batch = await db.transmissionBatch.findUniqueOrThrow({
      where: { batchId: item.batch!.batchId },
      include: { attemptLog: { orderBy: { attemptedAt: "asc" } } },
    });
    expect(batch.attemptLog.map((a) => a.httpStatus)).toEqual([503, 503, 200]);
    // Retry-After: 1 s was waited for between attempts.
    const [a, b, c] = batch.attemptLog.map((x) => x.attemptedAt.getTime());
    expect(b! - a!).toBeGreaterThanOrEqual(900);
    expect(c! - b!).toBeGreaterThanOrEqual(900);
    expect(batch).toMatchObject({ status: "DELIVERED", attempts: 3, lastError: null });
    expect(double.state.received.filter((r) => r.batchId === batch.batchId)).toHaveLength(1);
  });

  it("leaves a batch that failed three times for the next night, which sends the same bytes under the same BatchID", async () => {
    const request = await completeWithUpload(background);
    const code = request.colleges[0]!;
    await control({ failNext: 3, failStatus: 500, retryAfter: 0, college: code });
    await runNightly(background);
    const failed = (await itemsOf(request.id)).find((i) => i.college.code === code)!;
    expect(failed.status).toBe("BATCHED");
    const batch = await db.transmissionBatch.findUniqueOrThrow({ where: { batchId: failed.batch!.batchId } });
    expect(batch).toMatchObject({ status: "FAILED", attempts: 3, lastError: "HTTP 500" });
    const bytes = sha256(await readStoredFile(batch.storedName!));
    // The other colleges of the request were not held up.
    for (const other of (await itemsOf(request.id)).filter((i) => i.college.code !== code)) expect(other.status).toBe("DELIVERED");

    await runNightly(background);
    const delivered = await db.transmissionBatch.findUniqueOrThrow({ where: { id: batch.id } });
    expect(delivered).toMatchObject({ status: "DELIVERED", attempts: 4 });
    const received = double.state.received.filter((r) => r.batchId === batch.batchId);
    expect(received).toHaveLength(1);
    expect(received[0]!.sha256).toBe(bytes);
    expect((await itemsOf(request.id)).find((i) => i.college.code === code)!.status).toBe("DELIVERED");
    // No second batch was built for the item.
    expect(await db.transmissionEntry.count({ where: { itemId: failed.id } })).toBe(1);
  });

  it("turns a college's endpoint off on 410, tells the OCAS administrators, and sends once it is saved again", async () => {
    const request = await completeWithUpload(background);
    const code = request.colleges[0]!;
    await control({ gone: [code] });
    await runNightly(background);

    const college = await db.college.findUniqueOrThrow({ where: { code } });
    expect(college.deliveryDisabledAt).not.toBeNull();
    const item = (await itemsOf(request.id)).find((i) => i.college.code === code)!;
    expect(item.status).toBe("BATCHED");
    const batch = await db.transmissionBatch.findUniqueOrThrow({ where: { batchId: item.batch!.batchId }, include: { attemptLog: true } });
    expect(batch.status).toBe("FAILED");
    expect(batch.attemptLog.map((a) => a.httpStatus)).toEqual([410]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entity: "college", entityId: code, action: "college.endpointDisabled" } });
    expect(audit.actorLabel).toBe("system");
    const admins = await db.user.findMany({ where: { role: "OCAS_ADMIN", active: true } });
    const emails = await db.emailOutbox.findMany({ where: { template: "collegeEndpointDisabled" } });
    expect(emails.map((e) => e.to).sort()).toEqual(admins.map((a) => a.email).sort());
    expect(emails[0]!.text).toContain(code);

    // Nothing goes to a college whose endpoint is off.
    await control({ gone: [] });
    const calls = double.state.calls;
    await runNightly(background);
    expect(double.state.calls).toBe(calls);

    // Saved again by an administrator: the next night sends the same batch.
    await db.college.update({ where: { code }, data: { deliveryDisabledAt: null } });
    await runNightly(background);
    expect(await db.transmissionBatch.findUniqueOrThrow({ where: { id: batch.id } })).toMatchObject({ status: "DELIVERED" });
    expect(double.state.received.filter((r) => r.batchId === batch.batchId)).toHaveLength(1);
  });

  it("keeps the batches of a college without an endpoint waiting for download", async () => {
    const request = await completeWithUpload(background);
    const code = request.colleges[0]!;
    await db.college.update({ where: { code }, data: { deliveryUrl: null } });
    await runNightly(background);
    const item = (await itemsOf(request.id)).find((i) => i.college.code === code)!;
    expect(item.status).toBe("BATCHED");
    const batch = await db.transmissionBatch.findUniqueOrThrow({ where: { batchId: item.batch!.batchId } });
    expect(batch.status).toBe("WAITING_DOWNLOAD");
    expect(fs.existsSync(batch.storedName!) || (await readStoredFile(batch.storedName!)).byteLength > 0).toBe(true);
    expect(double.state.received.some((r) => r.college === code)).toBe(false);
    await db.college.update({ where: { code }, data: { deliveryUrl: double.urlFor(code) } });
  });
});

describe("what is not sent", () => {
  it("drops the undelivered items of a cancelled request", async () => {
    const request = await completeWithUpload(background);
    await collectTransmissionItems();
    expect((await itemsOf(request.id)).map((i) => i.status)).toEqual(request.colleges.map(() => "PENDING"));
    // A new PDF takes it back to In Progress (waiting for OCAS), where an OCAS administrator cancels it.
    await saveAnUpload({ referenceNumber: request.referenceNumber, pdf: true });
    const current = await db.transcriptRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(current.status).toBe("TRANSCRIPT_UPLOADED");
    const cancelled = await cancelRequest({
      actor: await actorFor("demo.admin"),
      input: { referenceNumber: request.referenceNumber, reason: "applicant withdrew", expectedVersion: current.version },
    });
    expect(cancelled).toMatchObject({ ok: true });
    expect((await itemsOf(request.id)).map((i) => i.status)).toEqual(request.colleges.map(() => "DROPPED"));
    await runNightly(background);
    expect(receivedPairs().some((p) => p.startsWith(`${request.referenceNumber}|`))).toBe(false);
  });

  it("sends a re-uploaded transcript as a Reissue, and never again the one it replaced", async () => {
    const request = await completeWithUpload(background);
    await runNightly(background);
    expect((await itemsOf(request.id)).every((i) => i.status === "DELIVERED" && i.transmissionType === "Original")).toBe(true);

    // Re-uploaded before the next night; then re-uploaded again before anything went: only the newest goes.
    await completeWithUpload(background, request.referenceNumber);
    await collectTransmissionItems();
    await completeWithUpload(background, request.referenceNumber);
    await runNightly(background);
    const items = await db.transmissionItem.findMany({ where: { requestId: request.id }, include: { transcript: { select: { isCurrent: true } } } });
    expect(items.filter((i) => i.status === "DELIVERED" && i.transcript.isCurrent).map((i) => i.transmissionType)).toEqual(
      request.colleges.map(() => "Reissue"),
    );
    expect(items.filter((i) => i.status === "SUPERSEDED")).toHaveLength(request.colleges.length);
    const sent = receivedPairs().filter((p) => p.startsWith(`${request.referenceNumber}|`));
    expect(sent).toHaveLength(request.colleges.length * 2);
    const rows = await timelineOf(request.id, "transmitted");
    expect(rows.map((r) => r.transmissionType).sort()).toEqual([...request.colleges.map(() => "Original"), ...request.colleges.map(() => "Reissue")]);
  });
});

describe("receipts", () => {
  it("applies a receipt from the API once: CONFIRMED shows on the request, RESUBMIT sends it again the next night", async () => {
    await control({ receipts: "none" });
    const request = await completeWithUpload(background, undefined, { minColleges: 2 });
    await runNightly(background);
    const items = await itemsOf(request.id);
    expect(items.every((i) => i.status === "DELIVERED" && i.receipt === null)).toBe(true);
    const [confirmed, asked] = items as [(typeof items)[number], (typeof items)[number]];

    const receipt = { batchId: confirmed.batch!.batchId, items: [{ referenceNumber: request.referenceNumber, status: "CONFIRMED" }] };
    expect(await postReceipt(receipt, { code: confirmed.college.code })).toEqual({ status: 200, body: { status: "accepted", applied: 1, unchanged: 0 } });
    // The same receipt again changes nothing.
    expect(await postReceipt(receipt, { code: confirmed.college.code })).toEqual({ status: 200, body: { status: "accepted", applied: 0, unchanged: 1 } });
    const rows = await timelineOf(request.id, "receipt");
    expect(rows).toEqual([
      expect.objectContaining({ status: "CONFIRMED", batchId: confirmed.batch!.batchId, college: expect.objectContaining({ code: confirmed.college.code }) }),
    ]);
    expect((await db.transmissionItem.findUniqueOrThrow({ where: { id: confirmed.id } })).receipt).toBe("CONFIRMED");

    const resubmit = { batchId: asked.batch!.batchId, items: [{ referenceNumber: request.referenceNumber, status: "RESUBMIT", reason: "unreadable PDF" }] };
    expect((await postReceipt(resubmit, { code: asked.college.code })).status).toBe(200);
    expect(await db.transmissionItem.findUniqueOrThrow({ where: { id: asked.id } })).toMatchObject({
      status: "PENDING",
      receipt: "RESUBMIT",
      receiptReason: "unreadable PDF",
      resubmits: 1,
    });
    expect((await timelineOf(request.id, "receipt")).at(-1)).toMatchObject({ status: "RESUBMIT", reason: "unreadable PDF" });

    await control({ receipts: "confirm" });
    await runNightly(background);
    const again = await db.transmissionItem.findUniqueOrThrow({ where: { id: asked.id }, include: { batch: true } });
    expect(again).toMatchObject({ status: "DELIVERED", receipt: "CONFIRMED" });
    expect(again.batch!.batchId).not.toBe(asked.batch!.batchId);
    expect(receivedPairs().filter((p) => p === `${request.referenceNumber}|${asked.college.code}`)).toHaveLength(2);
  });

  it("refuses what is not a college's signed receipt for one of its batches", async () => {
    const batch = await db.transmissionBatch.findFirstOrThrow({ where: { status: "DELIVERED" }, include: { college: true, entries: true } });
    const code = batch.college.code;
    const good = { batchId: batch.batchId, items: [{ referenceNumber: batch.entries[0]!.referenceNumber, status: "CONFIRMED" }] };
    const other = code === "SENE" ? "HUMB" : "SENE";

    expect((await postReceipt(good, { code, secret: "whsec_" + Buffer.alloc(32, 7).toString("base64") })).status).toBe(401);
    expect((await postReceipt(good, { code, timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })).status).toBe(401);
    const unsigned = await receiptsPost(new Request("http://localhost/api/v1/college-receipts", { method: "POST", body: JSON.stringify(good) }));
    expect(unsigned.status).toBe(401);
    // Signed by another college: to it, this batch does not exist.
    expect(await postReceipt(good, { code: other })).toMatchObject({ status: 422, body: { error: "unknown_batch" } });
    expect(await postReceipt({ ...good, batchId: `TRMS-${code}-2001-01-01-001` }, { code })).toMatchObject({ status: 422, body: { error: "unknown_batch" } });
    expect(await postReceipt({ ...good, items: [{ referenceNumber: "REF-00000001", status: "CONFIRMED" }] }, { code })).toMatchObject({
      status: 422,
      body: { error: "unknown_reference", references: ["REF-00000001"] },
    });
    expect(await postReceipt(null, { code, raw: "{not json" })).toMatchObject({ status: 400, body: { error: "invalid_json" } });
    expect(await postReceipt({ batchId: batch.batchId, items: [{ referenceNumber: "x", status: "MAYBE" }] }, { code })).toMatchObject({
      status: 400,
      body: { error: "validation" },
    });
    expect(await db.transmissionReceipt.count({ where: { batchId: batch.id, via: "api" } })).toBe(0);
  });
});
