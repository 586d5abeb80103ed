import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callSis, postToSis } from "@/lib/sis/call-sis";
import { SIS_MAX_ANSWER_BYTES } from "@/lib/sis/protocol";
import { SIS_PROBE_QUERY } from "@/lib/sis/test-connection";

// The SIS call's HTTP client (lib/sis/call-sis.ts) against a server that misbehaves the ways the double does not:
// a redirect, an answer far too large, an answer cut short, and connections reused between calls.

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
let handler: Handler = (_req, res) => res.end();
const received: { method?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
const sockets = new Set<unknown>();
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    sockets.add(req.socket);
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ method: req.method, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      handler(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const NO_WAIT = { retries: 1, backoffMs: () => 1, timeoutMs: 2_000 };

describe("the SIS call over HTTP", () => {
  it("posts the query as JSON with the bearer secret, and reuses its connection for the next call", async () => {
    handler = (_req, res) => {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ code: "STUDENT_NOT_FOUND" }));
    };
    received.length = 0;
    sockets.clear();
    for (let i = 0; i < 3; i++) {
      const result = await callSis({ url: `${base}/sis`, secret: "s3cret-value", query: SIS_PROBE_QUERY, boardKey: "http-test", ...NO_WAIT });
      expect(result).toEqual({ answer: { kind: "notFound" }, httpStatus: 404, attempts: 1 });
    }
    expect(received).toHaveLength(3);
    expect(received[0]).toMatchObject({ method: "POST", headers: { authorization: "Bearer s3cret-value", "content-type": "application/json" } });
    expect(JSON.parse(received[0]!.body)).toEqual(SIS_PROBE_QUERY);
    expect(sockets.size).toBe(1);
  });

  it("does not follow a redirect: it is not the contract's answer, so retried, then the SIS is unavailable", async () => {
    handler = (_req, res) => {
      res.writeHead(302, { location: `${base}/elsewhere` });
      res.end();
    };
    received.length = 0;
    const result = await callSis({ url: `${base}/sis`, secret: "s", query: SIS_PROBE_QUERY, boardKey: "http-test", ...NO_WAIT });
    expect(result).toEqual({ answer: { kind: "unavailable", failure: "answer", unauthorized: false }, httpStatus: 302, attempts: 2 });
    expect(received.every((r) => r.method === "POST")).toBe(true);
    expect(received).toHaveLength(2);
  });

  it("stops reading an answer larger than any transcript, keeping just over the limit for the parser to refuse", async () => {
    const chunk = Buffer.alloc(256 * 1024, "a");
    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/xml" });
      // Up to 64 MB, unless the client goes away first.
      let sent = 0;
      const more = () => {
        while (sent < 256 && !res.destroyed) {
          sent++;
          if (!res.write(chunk)) return res.once("drain", more);
        }
        res.end();
      };
      more();
    };
    const result = await postToSis({ url: `${base}/sis`, secret: "s", body: {}, timeoutMs: 5_000 });
    if (!result.ok) throw new Error(`expected an answer, got ${result.failure}`);
    expect(result.status).toBe(200);
    expect(result.body.byteLength).toBeGreaterThan(SIS_MAX_ANSWER_BYTES);
    expect(result.body.byteLength).toBeLessThanOrEqual(SIS_MAX_ANSWER_BYTES + chunk.byteLength * 4);
  });

  it("reads an answer cut short as a network failure, and one that does not come in time as a timeout", async () => {
    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/xml", "content-length": "1000" });
      res.write("<HighSchoolTranscript>");
      setTimeout(() => res.socket?.destroy(), 20);
    };
    expect(await postToSis({ url: `${base}/sis`, secret: "s", body: {}, timeoutMs: 2_000 })).toEqual({ ok: false, failure: "network" });

    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/xml" });
      res.write("<HighSchoolTranscript>");
    };
    expect(await postToSis({ url: `${base}/sis`, secret: "s", body: {}, timeoutMs: 200 })).toEqual({ ok: false, failure: "timeout" });
  });

  it("refuses an address that is not http or https without calling anything", async () => {
    for (const url of ["ftp://127.0.0.1/sis", "not a url", "file:///etc/passwd"]) {
      expect(await postToSis({ url, secret: "s", body: {}, timeoutMs: 1_000 })).toEqual({ ok: false, failure: "network" });
    }
  });
});
