import http from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest } from "inngest";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { dispatchOutboxToInngest } from "@/lib/server/jobs/dispatch-outbox";
import { enqueueEvents } from "@/lib/server/jobs/outbox";

// With an Inngest server (contracts §6, ADR 0011): the dispatcher sends the outbox through the real SDK
// (`inngest.send`, to a local stand-in for the server's event API) with each row's id as the event id, marks what was
// taken, and keeps what was not for a later attempt with back-off.

type Received = { path: string; events: { id: string; name: string; data: unknown }[] };
const received: Received[] = [];
let failNext = 0;
let server: http.Server;
let inngest: Inngest;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: "down" }));
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Received["events"];
      received.push({ path: req.url ?? "", events: body });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ids: body.map((e) => e.id), status: 200 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  inngest = new Inngest({ id: "trms-outbox-test", isDev: true, baseUrl, eventKey: "test-event-key", logger: { info() {}, warn() {}, error() {}, debug() {} } });
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(async () => {
  received.length = 0;
  failNext = 0;
  await db.outboxEvent.deleteMany();
});

const send = (events: Parameters<Inngest["send"]>[0] & unknown[]) => inngest.send(events);

describe("dispatching the outbox to an Inngest server", () => {
  it("sends each due event once, with the row's id as the event id, and marks it dispatched", async () => {
    await enqueueEvents(db, [
      { id: "evt-a", name: "transcript/request.created", data: { requestId: "r1" }, subject: "request:r1" },
      { id: "evt-b", name: "email/queued", data: { emailId: "e1" }, subject: "email:e1" },
    ]);
    expect(await dispatchOutboxToInngest({ send })).toBe(2);
    expect(received).toHaveLength(1);
    expect(received[0]!.path).toMatch(/^\/e\/test-event-key/);
    expect(received[0]!.events.map((e) => [e.id, e.name, e.data])).toEqual([
      ["evt-a", "transcript/request.created", { requestId: "r1" }],
      ["evt-b", "email/queued", { emailId: "e1" }],
    ]);
    expect(await db.outboxEvent.count({ where: { dispatchedAt: null } })).toBe(0);
    // Nothing left: nothing sent again.
    expect(await dispatchOutboxToInngest({ send })).toBe(0);
    expect(received).toHaveLength(1);
  });

  it("keeps the events when the server does not take them, and sends them again after a back-off", async () => {
    await enqueueEvents(db, [{ id: "evt-c", name: "transcript/uploaded", data: { requestId: "r2", uploadedFileId: "f2" }, subject: "file:f2" }]);
    failNext = 100;
    await expect(dispatchOutboxToInngest({ send })).rejects.toThrow();
    const waiting = await db.outboxEvent.findUniqueOrThrow({ where: { id: "evt-c" } });
    expect(waiting).toMatchObject({ dispatchedAt: null, attempts: 1 });
    expect(waiting.lastError).toBeTruthy();
    expect(waiting.availableAt.getTime()).toBeGreaterThan(Date.now());
    // Not due yet: nothing is tried.
    expect(await dispatchOutboxToInngest({ send })).toBe(0);
    failNext = 0;
    expect(await dispatchOutboxToInngest({ send, now: new Date(Date.now() + 60_000) })).toBe(1);
    expect(received.flatMap((r) => r.events.map((e) => e.id))).toEqual(["evt-c"]);
    expect(await db.outboxEvent.findUniqueOrThrow({ where: { id: "evt-c" } })).toMatchObject({ lastError: null });
  });
});
