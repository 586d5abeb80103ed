// Email API test double: the part of Resend's HTTP API that TRMS uses (POST /emails), for the tests. Plain Node, not
// part of the app. The real SDK talks to it when RESEND_BASE_URL points here (lib/email/transport.ts).
//
//   POST /emails    records the message with its Idempotency-Key header; answers 200 {"id": …}. Like Resend, the same
//                   key again answers the first message's id and delivers nothing more (counted in `duplicates`).
//   state           for tests: failNext (the next calls answer failStatus, default 500), latencyMs (every answer
//                   waits, after the message was taken), and what was received (`requests`, every call) and delivered
//                   (`delivered`, one per key).
import crypto from "node:crypto";
import http from "node:http";

export function createEmailDouble(options = {}) {
  const state = { failNext: 0, failStatus: 500, latencyMs: options.latencyMs ?? 0, requests: [], delivered: [], duplicates: 0, onRequest: null };
  const byKey = new Map();

  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", async () => {
      const key = req.headers["idempotency-key"] ?? null;
      let body = null;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        body = null;
      }
      state.requests.push({ method: req.method, url: req.url, key, authorization: req.headers.authorization ?? null, body });
      state.onRequest?.();
      const answer = decide(req, key, body);
      // The answer is late, the decision is not: a slow answer is an email that left before its sender learnt so.
      if (state.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, state.latencyMs));
      send(res, answer.status, answer.body);
    });
  });

  function decide(req, key, body) {
    if (req.method !== "POST" || req.url !== "/emails") return { status: 404, body: { name: "not_found", message: "Not found", statusCode: 404 } };
    if (state.failNext > 0) {
      state.failNext--;
      return { status: state.failStatus, body: { name: "application_error", message: "The double was told to fail", statusCode: state.failStatus } };
    }
    if (key && byKey.has(key)) {
      state.duplicates++;
      return { status: 200, body: { id: byKey.get(key) } };
    }
    const id = crypto.randomUUID();
    if (key) byKey.set(key, id);
    state.delivered.push({ id, key, ...body });
    return { status: 200, body: { id } };
  }

  function send(res, status, body) {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }

  return {
    server,
    state,
    listen(port = 0, host = "127.0.0.1") {
      return new Promise((resolve) => server.listen(port, host, () => resolve(`http://${host}:${server.address().port}`)));
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const double = createEmailDouble();
  const url = await double.listen(Number(process.env.EMAIL_DOUBLE_PORT ?? 0));
  console.log(`email double listening on ${url}`);
}
