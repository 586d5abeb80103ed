// The Transmission Log (contracts §4, "Log"): the batches of real nightly runs over the demo data, read by OCAS
// administrators with filters and pages; a batch's attempts, receipts and manifest; and the download of its file,
// which marks a batch waiting for download downloaded (not delivered), with its audit row. One college is given an
// endpoint through the college settings (a local HTTP server that checks the signature with the secret the
// settings showed); the others have none, so that their batches wait for download.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";

vi.mock("@/lib/auth/auth", () => import("./helpers/session"));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { GET as downloadGet } from "@/app/api/admin/transmission-batches/[batchId]/route";
import { generateCollegeSecretAction, saveCollegeAction } from "@/lib/actions/colleges";
import { initialActionResult } from "@/lib/actions/result";
import { db } from "@/lib/db";
import { parseTransmissionLogFilters } from "@/lib/domain/transmission/log-filters";
import { verifyWebhook, webhookKey } from "@/lib/domain/transmission/signature";
import { applyReceipt } from "@/lib/server/transmission/apply-receipt";
import { buildBatches } from "@/lib/server/transmission/build-batches";
import { collectTransmissionItems } from "@/lib/server/transmission/collect-items";
import { deliverBatch } from "@/lib/server/transmission/deliver-batch";
import { getTransmissionBatch } from "@/lib/server/transmission/get-batch";
import { listTransmissionBatches } from "@/lib/server/transmission/list-batches";
import { readStoredFile } from "@/lib/server/uploads/storage";
import { actorFor } from "./helpers/actors";
import { seedDemo } from "./helpers/seeded";
import { signInAs } from "./helpers/session";

const NIGHT_1 = "2026-11-30";
const NIGHT_2 = "2026-12-01";
/** The college given an endpoint; every other college has none. */
const SENE = "SENE";
const delivered = `TRMS-${SENE}-${NIGHT_1}-001`;
const failed = `TRMS-${SENE}-${NIGHT_1}-002`;
const resent = `TRMS-${SENE}-${NIGHT_2}-001`;
const noWait = { wait: async () => {} };

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};
const download = (batchId: string) =>
  downloadGet(new Request(`http://localhost/api/admin/transmission-batches/${batchId}`), { params: Promise.resolve({ batchId }) });

// The college's endpoint: checks the signature with the secret the settings page showed, keeps what it received, and
// answers 200 with a receipt asking for the first batch's item again (unreadable), 500 to the second batch, and 200
// without a receipt to the rest.
let secret = "";
const received: { id: string; verified: boolean }[] = [];
let server: http.Server;
let totalBatches = 0;
let senecaItems = 0;

beforeAll(async () => {
  await seedDemo();
  // The demo's colleges deliver to the college double; here none has an endpoint but Seneca's, set below.
  await db.college.updateMany({ data: { deliveryUrl: null, deliverySecret: null, secretSetAt: null } });
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const id = String(req.headers["webhook-id"]);
      const headers = { id, timestamp: String(req.headers["webhook-timestamp"]), signature: String(req.headers["webhook-signature"]) };
      const verified = verifyWebhook(webhookKey(secret)!, headers, body, Math.floor(Date.now() / 1000)).ok;
      received.push({ id, verified });
      if (!verified) return void res.writeHead(401).end();
      if (id === failed) return void res.writeHead(500, { "Content-Type": "text/plain" }).end("oops");
      const reference = /referenceNumber="(REF-\d{8})"/.exec(body.toString("utf8"))![1];
      const receipt = { batchId: id, items: [{ referenceNumber: reference, status: "RESUBMIT", reason: "unreadable PDF" }] };
      res.writeHead(200, { "Content-Type": "application/json" }).end(id === delivered ? JSON.stringify(receipt) : "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/receive`;

  // Seneca's endpoint and secret, through the college settings as an administrator sets them.
  signInAs(await actorFor("demo.admin"));
  expect(await saveCollegeAction(initialActionResult, form({ code: SENE, deliveryUrl: url, active: "on" }))).toMatchObject({ ok: true });
  const generated = await generateCollegeSecretAction({ ok: false }, form({ code: SENE }));
  secret = generated.secret!;
  signInAs(null);

  // The first night: one item a batch, so that the log has more than two pages.
  await collectTransmissionItems();
  const built = await buildBatches({ night: NIGHT_1, limits: { maxItems: 1 } });
  totalBatches = built.batches;
  senecaItems = await db.transmissionItem.count({ where: { college: { code: SENE } } });
  expect(senecaItems).toBeGreaterThanOrEqual(3);
  expect(built.waitingDownload).toBe(built.batches - senecaItems);
  expect(await deliverBatch({ batchId: delivered, tuning: noWait })).toEqual({ outcome: "delivered", attempts: 1 });
  expect(await deliverBatch({ batchId: failed, tuning: noWait })).toEqual({ outcome: "failed", attempts: 3 });
  // The college asked again for the delivered item: the second night sends it in a new batch, which it confirms later.
  await collectTransmissionItems();
  expect(await buildBatches({ night: NIGHT_2 })).toMatchObject({ batches: 1, waitingDownload: 0 });
  totalBatches += 1;
  expect(await deliverBatch({ batchId: resent, tuning: noWait })).toEqual({ outcome: "delivered", attempts: 1 });
  const entry = await db.transmissionEntry.findFirstOrThrow({ where: { batch: { batchId: resent } } });
  expect(
    await applyReceipt({ receipt: { batchId: resent, items: [{ referenceNumber: entry.referenceNumber, status: "CONFIRMED" }] }, via: "api" }),
  ).toMatchObject({
    ok: true,
    applied: 1,
  });
  expect(received.every((r) => r.verified)).toBe(true);
  expect(received.map((r) => r.id)).toEqual([delivered, failed, failed, failed, resent]);
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => signInAs(null));

describe("the log", () => {
  test("every batch, newest first, 50 a page; a page past the end is the last one", async () => {
    const admin = await actorFor("demo.admin");
    expect(totalBatches).toBeGreaterThan(100);
    const pages = [];
    for (let page = 1; ; page++) {
      const log = (await listTransmissionBatches({ actor: admin, filters: { page } }))!;
      expect(log).toMatchObject({ total: totalBatches, page, pageSize: 50, pageCount: Math.ceil(totalBatches / 50) });
      expect(log.rows.length).toBe(page < log.pageCount ? 50 : totalBatches - 50 * (log.pageCount - 1));
      pages.push(...log.rows);
      if (page === log.pageCount) break;
    }
    // Every batch once, the newest (the second night's) first, creation times never increasing.
    const ids = pages.map((r) => r.batchId);
    expect(new Set(ids).size).toBe(totalBatches);
    expect(ids.sort()).toEqual((await db.transmissionBatch.findMany({ select: { batchId: true } })).map((b) => b.batchId).sort());
    expect(pages[0]!.batchId).toBe(resent);
    for (let i = 1; i < pages.length; i++) expect(pages[i]!.createdAt.getTime()).toBeLessThanOrEqual(pages[i - 1]!.createdAt.getTime());

    const past = (await listTransmissionBatches({ actor: admin, filters: { page: 999 } }))!;
    expect(past.page).toBe(past.pageCount);
    expect(past.rows.length).toBeGreaterThan(0);
  });

  test("a row carries the college, the night, the items, the size, the state, the attempts and the last error", async () => {
    const admin = await actorFor("demo.admin");
    const rows = (await listTransmissionBatches({ actor: admin, filters: { college: SENE, night: NIGHT_1, page: 1 } }))!.rows;
    const row = (batchId: string) => rows.find((r) => r.batchId === batchId)!;
    expect(row(delivered)).toMatchObject({
      college: { code: SENE, nameEn: "Seneca Polytechnic", nameFr: "Polytechnique Seneca" },
      night: NIGHT_1,
      itemCount: 1,
      status: "DELIVERED",
      attempts: 1,
      lastError: null,
      deliveredAt: expect.any(Date),
      builtAt: expect.any(Date),
    });
    expect(row(delivered).byteSize).toBeGreaterThan(1000);
    expect(row(failed)).toMatchObject({ status: "FAILED", attempts: 3, lastError: "HTTP 500", deliveredAt: null });
  });

  test("filters: college, night, state, and all three together", async () => {
    const admin = await actorFor("demo.admin");
    const list = async (query: string) => {
      const log = (await listTransmissionBatches({ actor: admin, filters: parseTransmissionLogFilters(new URLSearchParams(query)).filters }))!;
      expect(log.rows.length).toBe(Math.min(log.total, 50));
      return log;
    };
    const seneca = await list(`college=${SENE}`);
    expect(seneca.total).toBe(senecaItems + 1);
    expect(seneca.rows.every((r) => r.college.code === SENE)).toBe(true);

    expect((await list(`night=${NIGHT_2}`)).rows.map((r) => r.batchId)).toEqual([resent]);
    expect((await list(`night=${NIGHT_1}`)).total).toBe(totalBatches - 1);
    expect((await list("state=DELIVERED")).rows.map((r) => r.batchId).sort()).toEqual([delivered, resent].sort());
    expect((await list("state=FAILED")).rows.map((r) => r.batchId)).toEqual([failed]);
    const waiting = await list("state=WAITING_DOWNLOAD");
    expect(waiting.total).toBe(totalBatches - 1 - senecaItems);
    expect(waiting.rows.every((r) => r.college.code !== SENE && r.status === "WAITING_DOWNLOAD")).toBe(true);
    const ready = await list(`college=${SENE}&night=${NIGHT_1}&state=READY`);
    expect(ready.total).toBe(senecaItems - 2);
    expect(ready.rows.every((r) => r.college.code === SENE && r.night === NIGHT_1 && r.status === "READY")).toBe(true);
    expect((await list(`college=ALGO&night=${NIGHT_2}`)).total).toBe(0);
    expect((await list("college=ZZZZ")).rows).toEqual([]);
  });

  test("board administrators, board users and school users read no log", async () => {
    for (const username of ["demo.board", "other.board", "demo.school"]) {
      const actor = await actorFor(username);
      expect(await listTransmissionBatches({ actor, filters: { page: 1 } }), username).toBeNull();
      expect(await getTransmissionBatch({ actor, batchId: delivered }), username).toBeNull();
    }
  });
});

describe("a batch's details", () => {
  test("the attempts, the receipts with their reasons, and the manifest", async () => {
    const admin = await actorFor("demo.admin");
    const batch = (await getTransmissionBatch({ actor: admin, batchId: delivered }))!;
    expect(batch).toMatchObject({ batchId: delivered, night: NIGHT_1, status: "DELIVERED", college: { code: SENE }, hasFile: true, itemCount: 1 });
    expect(batch).not.toHaveProperty("storedName");
    expect(batch.attemptLog).toEqual([{ id: expect.any(String), attemptedAt: expect.any(Date), httpStatus: 200, error: null, durationMs: expect.any(Number) }]);
    expect(batch.entries).toEqual([
      { sequence: 1, referenceNumber: expect.stringMatching(/^REF-\d{8}$/), transmissionType: expect.any(String), format: expect.any(String) },
    ]);
    const reference = batch.entries[0]!.referenceNumber;
    expect(batch.receipts).toEqual([
      { id: expect.any(String), referenceNumber: reference, status: "RESUBMIT", reason: "unreadable PDF", via: "response", receivedAt: expect.any(Date) },
    ]);

    const again = (await getTransmissionBatch({ actor: admin, batchId: resent }))!;
    expect(again.entries.map((e) => e.referenceNumber)).toEqual([reference]);
    expect(again.receipts).toMatchObject([{ referenceNumber: reference, status: "CONFIRMED", reason: null, via: "api" }]);
    expect(again.attemptLog.map((a) => a.httpStatus)).toEqual([200]);

    const failing = (await getTransmissionBatch({ actor: admin, batchId: failed }))!;
    expect(failing.attemptLog.map((a) => [a.httpStatus, a.error])).toEqual([
      [500, "HTTP 500"],
      [500, "HTTP 500"],
      [500, "HTTP 500"],
    ]);
    for (let i = 1; i < failing.attemptLog.length; i++) {
      expect(failing.attemptLog[i]!.attemptedAt.getTime()).toBeGreaterThanOrEqual(failing.attemptLog[i - 1]!.attemptedAt.getTime());
    }
  });

  test("an unknown or malformed BatchID is not found", async () => {
    const admin = await actorFor("demo.admin");
    for (const batchId of [`TRMS-ZZZZ-${NIGHT_1}-001`, `TRMS-${SENE}-${NIGHT_1}-999`, "", "../../etc/passwd", delivered.toLowerCase()]) {
      expect(await getTransmissionBatch({ actor: admin, batchId }), batchId).toBeNull();
    }
  });
});

describe("downloading a batch", () => {
  const batchRow = (batchId: string) => db.transmissionBatch.findUniqueOrThrow({ where: { batchId } });

  test("a batch waiting for download: its file, and it is marked downloaded (not delivered) with one audit row", async () => {
    const admin = await actorFor("demo.admin");
    const waiting = (await listTransmissionBatches({ actor: admin, filters: { state: "WAITING_DOWNLOAD", page: 1 } }))!.rows[0]!;
    const before = await batchRow(waiting.batchId);
    const itemsBefore = await db.transmissionItem.findMany({ where: { batchId: before.id }, orderBy: { id: "asc" } });
    expect(itemsBefore.every((i) => i.status === "BATCHED")).toBe(true);

    signInAs(admin);
    const response = await download(waiting.batchId);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/xml");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${waiting.batchId}.xml"`);
    expect(response.headers.get("cache-control")).toContain("no-store");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.equals(Buffer.from(await readStoredFile(before.storedName!)))).toBe(true);
    expect(bytes.length).toBe(before.byteSize);
    expect(Number(response.headers.get("content-length"))).toBe(before.byteSize);
    expect(crypto.createHash("sha256").update(bytes).digest("hex")).toBe(before.sha256);
    expect(bytes.toString("utf8")).toContain(`<BatchID>${waiting.batchId}</BatchID>`);

    const after = await batchRow(waiting.batchId);
    expect(after).toMatchObject({ status: "DOWNLOADED", deliveredAt: null });
    expect(after.downloadedAt).toBeInstanceOf(Date);
    // Its items are not delivered: they stay as they were.
    expect(await db.transmissionItem.findMany({ where: { batchId: before.id }, orderBy: { id: "asc" } })).toEqual(itemsBefore);
    const audit = await db.auditEvent.findMany({ where: { action: "transmission.downloaded", entityId: waiting.batchId } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: admin.id, entity: "transmissionBatch" });
    expect(JSON.parse(audit[0]!.before!)).toEqual({ status: "WAITING_DOWNLOAD" });
    expect(JSON.parse(audit[0]!.after!)).toEqual({ status: "DOWNLOADED", downloadedAt: after.downloadedAt!.toISOString() });

    // Downloaded again: the same file, nothing marked twice.
    const second = await download(waiting.batchId);
    expect(second.status).toBe(200);
    expect(Buffer.from(await second.arrayBuffer()).equals(bytes)).toBe(true);
    expect(await batchRow(waiting.batchId)).toEqual(after);
    expect(await db.auditEvent.count({ where: { action: "transmission.downloaded", entityId: waiting.batchId } })).toBe(1);
    expect((await listTransmissionBatches({ actor: admin, filters: { state: "DOWNLOADED", page: 1 } }))!.rows.map((r) => r.batchId)).toEqual([waiting.batchId]);
  });

  test("a delivered batch is downloaded as it is and stays delivered", async () => {
    signInAs(await actorFor("demo.admin"));
    const before = await batchRow(delivered);
    const response = await download(delivered);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(await readStoredFile(before.storedName!)))).toBe(true);
    expect(await batchRow(delivered)).toEqual(before);
    expect(await db.auditEvent.count({ where: { entityId: delivered } })).toBe(0);
  });

  test("signed out: 401; a board administrator, a school user, or an unknown batch: 404, and nothing changes", async () => {
    const waiting = await db.transmissionBatch.findFirstOrThrow({ where: { status: "WAITING_DOWNLOAD" }, orderBy: { batchId: "asc" } });
    const unauthenticated = await download(waiting.batchId);
    expect(unauthenticated.status).toBe(401);
    expect(await unauthenticated.json()).toEqual({ error: "unauthenticated" });

    for (const username of ["demo.board", "other.board.admin", "demo.school"]) {
      signInAs(await actorFor(username));
      const response = await download(waiting.batchId);
      expect(response.status, username).toBe(404);
      expect(await response.text()).not.toContain("BatchEnvelope");
    }
    signInAs(await actorFor("demo.admin"));
    for (const batchId of [`TRMS-ZZZZ-${NIGHT_1}-001`, "not-a-batch", "..%2F..%2Fsecrets"]) {
      expect((await download(batchId)).status, batchId).toBe(404);
    }
    expect(await batchRow(waiting.batchId)).toEqual(waiting);
    expect(await db.auditEvent.count({ where: { entityId: waiting.batchId } })).toBe(0);
  });
});
