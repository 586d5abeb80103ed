// College test double (contracts §4): the endpoints the nightly transmission delivers batches to, for the demo, the
// tests and the benchmark. Plain Node (node: modules only), not part of the app: `node tests/doubles/college-server.mjs`.
//
//   POST /colleges/<CODE>   a college's delivery endpoint: checks the Standard Webhooks signature with the college's
//                           secret (401 otherwise, or when the timestamp is more than 5 minutes off), keeps each batch
//                           it receives (once per webhook-id: a repeat is answered again, not kept twice), and answers
//                           200 with a receipt confirming every item of the batch's manifest
//   POST /control           for tests: {"failNext": 2, "failStatus": 503, "retryAfter": 1, "college": "SENE"} (the next
//                           deliveries fail), {"latencyMs": 200} (every answer waits), {"gone": ["SENE"]} (410 from now
//                           on), {"receipts": "confirm" | "none" | "resubmit", "resubmitReason": "…"}, {"secrets":
//                           {"SENE": "whsec_…"}} (a college's new secret), {"reset": true} (secrets are kept);
//                           answers the state, as GET /control does (what was received, duplicates, refusals)
//   GET /batches/<CODE>/<BatchID>   a batch as received (for tests)
//
// Settings (environment): COLLEGE_DOUBLE_PORT (4020), COLLEGE_DOUBLE_HOST (127.0.0.1), COLLEGE_DOUBLE_DIR (where batches
// are kept; default: a temporary folder), COLLEGE_DOUBLE_KEEP (false: keep nothing, the benchmark's setting). Each college's secret is its demo secret (demoCollegeSecret below, which the
// seed stores for the demo colleges), unless `secrets` is given.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { integerEnv, sleep } from "./double-env.mjs";

export const COLLEGES_PATH = "/colleges/";
const TOLERANCE_SECONDS = 5 * 60;
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * The demo signing secret of a college: derived from its code, so that the seed and the double agree without
 * sharing a file. A demo value for the local double only — never a real college's secret.
 */
export function demoCollegeSecret(code) {
  return `whsec_${crypto.createHash("sha256").update(`trms-demo-college:${code}`).digest("base64")}`;
}

function keyOf(secret) {
  return secret.startsWith("whsec_") ? Buffer.from(secret.slice(6), "base64") : null;
}

function initialState() {
  return {
    latencyMs: 0,
    failNext: 0,
    failStatus: 503,
    failCollege: null,
    retryAfter: null,
    gone: [],
    receipts: "confirm",
    resubmitReason: "unreadable transcript",
    calls: 0,
    received: [],
    duplicates: 0,
    refused: [],
  };
}

/**
 * A double, not yet listening. Options: `secrets` ({CODE: secret}; default: each college's demo secret), `dir` (where
 * batches are kept), `keep` (false: not kept at all), `latencyMs`. Returns { listen(port?, host?) → Promise<base URL>, urlFor(code), close(), state }.
 */
export function createCollegeDouble(options = {}) {
  // A college given a new secret (as an administrator hands it over) is told by POST /control {"secrets": {...}}.
  const secrets = new Map(Object.entries(options.secrets ?? {}));
  const secretOf = (code) => secrets.get(code) ?? demoCollegeSecret(code);
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "trms-college-double-"));
  const state = { ...initialState(), latencyMs: options.latencyMs ?? 0 };
  // `keep: false` (the benchmark): batches are checked and counted, not written to disk.
  const keep = options.keep ?? true;
  const seen = new Map();
  let base = null;

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      // A sender that went away mid-request (a crash test kills it) is not the double's failure.
      if (req.destroyed || res.destroyed) return;
      if (!res.headersSent) send(res, 500, { code: "INTERNAL_ERROR" });
      else res.destroy();
      console.error(`[college-double] ${error instanceof Error ? error.message : error}`);
    });
  });
  server.keepAliveTimeout = 30_000;
  server.requestTimeout = 0;

  async function handle(req, res) {
    const url = new URL(req.url ?? "/", "http://double");
    if (url.pathname === "/control") return control(req, res);
    if (url.pathname.startsWith("/batches/") && req.method === "GET") return batchFile(url, res);
    if (!url.pathname.startsWith(COLLEGES_PATH) || req.method !== "POST") return send(res, 404, { code: "NO_SUCH_ENDPOINT" });
    const code = decodeURIComponent(url.pathname.slice(COLLEGES_PATH.length));
    if (!/^[A-Z]{2,8}$/.test(code)) return send(res, 404, { code: "NO_SUCH_COLLEGE" });
    state.calls++;
    const body = await readBody(req);
    const reply = await decide(req, code, body);
    // "Slow": the answer waits, after the batch is kept (a sender that dies meanwhile has delivered without knowing).
    if (state.latencyMs > 0) await sleep(state.latencyMs);
    return reply(res);
  }

  /** What the college answers to a delivery, as a function that sends it. */
  async function decide(req, code, body) {
    if (state.gone.includes(code)) return (res) => send(res, 410, { code: "GONE" });
    if (state.failNext > 0 && (state.failCollege === null || state.failCollege === code)) {
      state.failNext--;
      const status = state.failStatus;
      const headers = state.retryAfter === null ? {} : { "retry-after": String(state.retryAfter) };
      return (res) => send(res, status, { code: "SIMULATED_FAILURE" }, headers);
    }

    const id = header(req, "webhook-id");
    const verdict = verify(secretOf(code), id, header(req, "webhook-timestamp"), header(req, "webhook-signature"), body);
    if (verdict !== "ok") {
      state.refused.push({ college: code, batchId: id, reason: verdict });
      return (res) => send(res, 401, { code: "UNAUTHORIZED", reason: verdict });
    }
    if (!String(req.headers["content-type"] ?? "").startsWith("application/xml")) return (res) => send(res, 415, { code: "NOT_XML" });

    const key = `${code}/${id}`;
    if (seen.has(key)) {
      // The same batch again (an answer that never reached the sender): dropped by its webhook-id, answered again.
      state.duplicates++;
      const manifest = seen.get(key);
      return (res) => answer(res, id, manifest);
    }
    const manifest = readManifest(body);
    const file = keep ? path.join(dir, code, `${safeName(id)}.xml`) : null;
    if (file) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, body);
    }
    const sha256 = crypto.createHash("sha256").update(body).digest("hex");
    seen.set(key, manifest);
    state.received.push({
      college: code,
      batchId: id,
      items: manifest.length,
      references: manifest.map((m) => m.referenceNumber),
      bytes: body.length,
      sha256,
      file,
    });
    return (res) => answer(res, id, manifest);
  }

  function answer(res, batchId, manifest) {
    if (state.receipts === "none") {
      res.writeHead(200, { "content-length": "0" });
      return res.end();
    }
    const status = state.receipts === "resubmit" ? "RESUBMIT" : "CONFIRMED";
    return send(res, 200, {
      batchId,
      items: manifest.map((m) => ({ referenceNumber: m.referenceNumber, status, ...(status === "RESUBMIT" ? { reason: state.resubmitReason } : {}) })),
    });
  }

  function batchFile(url, res) {
    const [, , code, batchId] = url.pathname.split("/");
    const entry = state.received.find((r) => r.college === code && r.batchId === decodeURIComponent(batchId ?? ""));
    if (!entry || !entry.file) return send(res, 404, { code: "NO_SUCH_BATCH" });
    const bytes = fs.readFileSync(entry.file);
    res.writeHead(200, { "content-type": "application/xml", "content-length": bytes.length });
    res.end(bytes);
  }

  async function control(req, res) {
    if (req.method === "POST") {
      let change;
      try {
        change = JSON.parse((await readBody(req)).toString("utf8") || "{}");
      } catch {
        return send(res, 400, { code: "BAD_REQUEST" });
      }
      if (change.reset) {
        Object.assign(state, initialState(), { latencyMs: options.latencyMs ?? 0 });
        seen.clear();
      }
      if (Number.isInteger(change.latencyMs) && change.latencyMs >= 0) state.latencyMs = change.latencyMs;
      if (Number.isInteger(change.failNext) && change.failNext >= 0) state.failNext = change.failNext;
      if (Number.isInteger(change.failStatus) && change.failStatus >= 100 && change.failStatus <= 599) state.failStatus = change.failStatus;
      if (change.college === null || typeof change.college === "string") state.failCollege = change.college;
      if (change.retryAfter === null || (Number.isInteger(change.retryAfter) && change.retryAfter >= 0)) state.retryAfter = change.retryAfter;
      if (Array.isArray(change.gone)) state.gone = change.gone.filter((c) => typeof c === "string");
      if (["confirm", "none", "resubmit"].includes(change.receipts)) state.receipts = change.receipts;
      if (typeof change.resubmitReason === "string") state.resubmitReason = change.resubmitReason;
      if (typeof change.secrets === "object" && change.secrets !== null) {
        for (const [code, secret] of Object.entries(change.secrets)) if (typeof secret === "string") secrets.set(code, secret);
      }
    } else if (req.method !== "GET") {
      return send(res, 405, { code: "METHOD_NOT_ALLOWED" });
    }
    return send(res, 200, state);
  }

  return {
    server,
    state,
    dir,
    /** Starts listening (port 0: any free port); resolves to the base URL (http://host:port). */
    listen(port = 0, host = "127.0.0.1") {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          base = `http://${host}:${server.address().port}`;
          resolve(base);
        });
      });
    },
    /** A college's delivery URL on this double. */
    urlFor(code) {
      if (!base) throw new Error("the college double is not listening");
      return `${base}${COLLEGES_PATH}${encodeURIComponent(code)}`;
    },
    close() {
      server.closeAllConnections?.();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Checks Standard Webhooks headers: "ok", or why not. Any of several space-separated v1 signatures may match. */
export function verify(secret, id, timestamp, signature, body, nowSeconds = Math.floor(Date.now() / 1000)) {
  const key = keyOf(secret);
  if (!key) return "noSecret";
  if (!id || !timestamp || !signature) return "missingHeaders";
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > TOLERANCE_SECONDS) return "staleTimestamp";
  const expected = crypto.createHmac("sha256", key).update(`${id}.${timestamp}.`).update(body).digest();
  for (const candidate of signature.split(" ")) {
    const [version, value] = candidate.split(",", 2);
    if (version !== "v1" || !value) continue;
    const given = Buffer.from(value, "base64");
    if (given.length === expected.length && crypto.timingSafeEqual(given, expected)) return "ok";
  }
  return "badSignature";
}

/** Signs a body as a college does for the receipts API: the three Standard Webhooks headers. */
export function signedHeaders(secret, id, body, timestamp = Math.floor(Date.now() / 1000)) {
  const key = keyOf(secret);
  if (!key) throw new Error("not a whsec_ secret");
  const signature = crypto.createHmac("sha256", key).update(`${id}.${timestamp}.`).update(body).digest("base64");
  return { "webhook-id": id, "webhook-timestamp": String(timestamp), "webhook-signature": `v1,${signature}` };
}

/** The items of a batch's TRMS manifest (in its envelope, before the content). */
export function readManifest(body) {
  const text = body.subarray(0, Math.min(body.length, 1024 * 1024)).toString("utf8");
  const end = text.indexOf("</trms:Manifest>");
  const head = end === -1 ? text : text.slice(0, end);
  const items = [];
  for (const match of head.matchAll(/<trms:Item\s([^>]*)\/>/g)) {
    const attrs = Object.fromEntries([...match[1].matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    items.push({
      sequence: Number(attrs.sequence),
      referenceNumber: attrs.referenceNumber,
      transmissionType: attrs.transmissionType,
      format: attrs.format,
      sha256: attrs.sha256,
    });
  }
  return items;
}

// --- HTTP helpers -------------------------------------------------------------------------------------------------

function header(req, name) {
  const value = req.headers[name];
  return typeof value === "string" ? value : null;
}

function safeName(id) {
  return String(id)
    .replace(/[^A-Za-z0-9._-]/g, "_")
    .slice(0, 100);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = integerEnv("COLLEGE_DOUBLE_PORT", 4020);
  const host = process.env.COLLEGE_DOUBLE_HOST?.trim() || "127.0.0.1";
  const dir = process.env.COLLEGE_DOUBLE_DIR?.trim() || undefined;
  if (dir) fs.mkdirSync(dir, { recursive: true });
  const double = createCollegeDouble({ dir, keep: process.env.COLLEGE_DOUBLE_KEEP !== "false", latencyMs: integerEnv("COLLEGE_DOUBLE_LATENCY_MS", 0) });
  const url = await double.listen(port, host);
  console.log(`[college-double] listening on ${url}${COLLEGES_PATH}<CODE>, batches kept in ${double.dir}`);
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      double.close().then(() => process.exit(0));
    });
  }
}
