// SIS test double (contracts §2): a board's student information system as Auto-TRMS calls it, for the demo and the
// tests. Plain Node (node: modules only), not part of the app: `node tests/doubles/sis-server.mjs`.
//
//   POST /sis       the contract: Authorization: Bearer <secret>, JSON body → 200 PESC XML, 404 STUDENT_NOT_FOUND,
//                   409 MULTIPLE_MATCHES, 422 NO_ACADEMIC_DATA / FINANCIAL_HOLD (401 for a wrong secret)
//   POST /control   for tests: {"latencyMs": 200} (every answer waits), {"failNext": 2, "failStatus": 503} (the next
//                   calls fail), {"reset": true}; answers the state, as GET /control does (with the call count)
//
// Settings (environment): SIS_DOUBLE_PORT (4010), SIS_DOUBLE_HOST (127.0.0.1), SIS_DOUBLE_SECRET (the demo secret the
// seed stores for board 99998), SIS_DOUBLE_LATENCY_MS (0), SIS_DOUBLE_RECORDS (tests/doubles/sis-data/records.json).
//
// Records (written by prisma/seed/sis-records.ts from the demo data): the student as the SIS knows them and how the SIS
// answers for them: "transcript" (default), "noAcademicData", "financialHold", "multipleMatches", "invalidTranscript",
// "unavailable" (503, always). A call finds records by OEN, else by first name, last name and date of birth (case-
// and accent-insensitive); none → 404, several → 409. Transcripts are the real PESC example (tests/fixtures/pesc)
// with the record's identity, and the request's reference echoed in RequestTrackingID.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildPescTranscript, escapeXml } from "../../prisma/seed/pesc-template.mjs";
import { integerEnv, sleep } from "./double-env.mjs";

export const DEFAULT_SIS_DOUBLE_SECRET = "demo-sis-secret-99998";
export const SIS_PATH = "/sis";

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_RECORDS_FILE = path.join(here, "sis-data/records.json");
const MAX_BODY_BYTES = 64 * 1024;
const ANSWERS = new Set(["transcript", "noAcademicData", "financialHold", "multipleMatches", "invalidTranscript", "unavailable"]);

/** The records of a file ({"records": [...]}). */
export function readRecords(file = DEFAULT_RECORDS_FILE) {
  const parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  if (!Array.isArray(parsed.records)) throw new Error(`${file}: no "records" array`);
  for (const r of parsed.records) {
    if (r.answer !== undefined && !ANSWERS.has(r.answer)) throw new Error(`${file}: unknown answer "${r.answer}"`);
  }
  return parsed.records;
}

/**
 * A double, not yet listening. `records`: the list itself (tests), else read from `recordsFile` once.
 * Returns { listen(port?, host?) → Promise<url>, close(), state, calls }.
 */
export function createSisDouble(options = {}) {
  const secret = options.secret ?? DEFAULT_SIS_DOUBLE_SECRET;
  const records = options.records ?? readRecords(options.recordsFile);
  const initialLatency = options.latencyMs ?? 0;
  const state = { latencyMs: initialLatency, failNext: 0, failStatus: 503, calls: 0, lastQuery: null };
  const expected = Buffer.from(`Bearer ${secret}`);

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) send(res, 500, { code: "INTERNAL_ERROR" });
      console.error(`[sis-double] ${error instanceof Error ? error.message : error}`);
    });
  });
  // Keep-alive connections from the app's fetch stay open across calls (a benchmark makes thousands).
  server.keepAliveTimeout = 30_000;

  async function handle(req, res) {
    const url = new URL(req.url ?? "/", "http://double");
    if (url.pathname === "/control") return control(req, res);
    if (url.pathname !== SIS_PATH || req.method !== "POST") return send(res, 404, { code: "NO_SUCH_ENDPOINT" });
    state.calls++;
    const body = await readBody(req);
    if (state.latencyMs > 0) await sleep(state.latencyMs);
    if (state.failNext > 0) {
      state.failNext--;
      return send(res, state.failStatus, { code: "SIMULATED_FAILURE" });
    }
    const given = Buffer.from(req.headers.authorization ?? "");
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return send(res, 401, { code: "UNAUTHORIZED" });
    let query;
    try {
      query = JSON.parse(body.toString("utf8"));
    } catch {
      return send(res, 400, { code: "BAD_REQUEST" });
    }
    if (typeof query !== "object" || query === null || typeof query.referenceNumber !== "string") return send(res, 400, { code: "BAD_REQUEST" });
    state.lastQuery = query;

    const found = findRecords(records, query);
    if (found.length === 0) return send(res, 404, { code: "STUDENT_NOT_FOUND" });
    if (found.length > 1) return send(res, 409, { code: "MULTIPLE_MATCHES" });
    const record = found[0];
    switch (record.answer ?? "transcript") {
      case "multipleMatches":
        return send(res, 409, { code: "MULTIPLE_MATCHES" });
      case "noAcademicData":
        return send(res, 422, { code: "NO_ACADEMIC_DATA" });
      case "financialHold":
        return send(res, 422, { code: "FINANCIAL_HOLD" });
      case "unavailable":
        return send(res, 503, { code: "MAINTENANCE" });
      case "invalidTranscript":
        return sendXml(res, `<?xml version="1.0" encoding="UTF-8"?>\n<Transcript><Student>${escapeXml(record.lastName)}</Student></Transcript>\n`);
      default:
        return sendXml(res, renderTranscript(record, query.referenceNumber));
    }
  }

  async function control(req, res) {
    if (req.method === "POST") {
      let change;
      try {
        change = JSON.parse((await readBody(req)).toString("utf8") || "{}");
      } catch {
        return send(res, 400, { code: "BAD_REQUEST" });
      }
      if (change.reset) Object.assign(state, { latencyMs: initialLatency, failNext: 0, failStatus: 503, calls: 0, lastQuery: null });
      if (Number.isInteger(change.latencyMs) && change.latencyMs >= 0) state.latencyMs = change.latencyMs;
      if (Number.isInteger(change.failNext) && change.failNext >= 0) state.failNext = change.failNext;
      if (Number.isInteger(change.failStatus) && change.failStatus >= 100 && change.failStatus <= 599) state.failStatus = change.failStatus;
    } else if (req.method !== "GET") {
      return send(res, 405, { code: "METHOD_NOT_ALLOWED" });
    }
    return send(res, 200, state);
  }

  return {
    server,
    state,
    /** Starts listening (port 0: any free port); resolves to the /sis URL. */
    listen(port = 0, host = "127.0.0.1") {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          const address = server.address();
          resolve(`http://${host}:${address.port}${SIS_PATH}`);
        });
      });
    },
    close() {
      server.closeAllConnections?.();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Lower case, no accents, single spaces: how the double compares names. */
function fold(s) {
  return String(s ?? "")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[\s\u2010-\u2015-]+/g, " ")
    .replace(/[\u2018\u2019]/g, "'")
    .trim();
}

export function findRecords(records, query) {
  const oen = typeof query.oen === "string" && /^\d{9}$/.test(query.oen) ? query.oen : null;
  if (oen) {
    const byOen = records.filter((r) => r.oen === oen);
    if (byOen.length > 0) return byOen;
  }
  const first = fold(query.firstName);
  const last = fold(query.lastName);
  return records.filter((r) => r.dateOfBirth === query.dateOfBirth && fold(r.firstName) === first && fold(r.lastName) === last);
}

// --- PESC ---------------------------------------------------------------------------------------------------------

/** The transcript of a record for a call with `referenceNumber`: the seed's own template (one module for both). */
export function renderTranscript(record, referenceNumber) {
  return buildPescTranscript({ ...record, referenceNumber });
}

// --- HTTP helpers -------------------------------------------------------------------------------------------------

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

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function sendXml(res, xml) {
  res.writeHead(200, { "content-type": "application/xml; charset=utf-8", "content-length": Buffer.byteLength(xml) });
  res.end(xml);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = integerEnv("SIS_DOUBLE_PORT", 4010);
  const host = process.env.SIS_DOUBLE_HOST?.trim() || "127.0.0.1";
  const double = createSisDouble({
    secret: process.env.SIS_DOUBLE_SECRET?.trim() || DEFAULT_SIS_DOUBLE_SECRET,
    latencyMs: integerEnv("SIS_DOUBLE_LATENCY_MS", 0),
    recordsFile: process.env.SIS_DOUBLE_RECORDS?.trim() || DEFAULT_RECORDS_FILE,
  });
  const url = await double.listen(port, host);
  console.log(`[sis-double] listening on ${url}`);
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      double.close().then(() => process.exit(0));
    });
  }
}
