import "server-only";
import http from "node:http";
import https from "node:https";
import { guardedLookup, outboundPolicy, refusedLiteralHost, type OutboundPolicy } from "@/lib/http/outbound-address";
import { createLimiter, type Limiter } from "./limiter";
import { isFinalAnswer, mapSisAnswer, SIS_MAX_ANSWER_BYTES, SIS_TIMEOUT_MS, sisBackoffMs, type SisAnswer, type SisQuery } from "./protocol";

// One Auto-TRMS call to a board's SIS (contracts §2): POST JSON with the bearer secret, 10 s per attempt, retried
// with back-off on any answer the contract does not name (5xx, 401, a 200 that is not XML…), a timeout or a network
// error; after the last retry the SIS is "unavailable". Calls to one board are bounded (SIS_CONCURRENCY_PER_BOARD)
// so that a rematch of thousands of requests never floods a school board's server.

/** Calls in flight at once per board and app instance: 200 requests/s against a SIS answering in 50 ms needs 10. */
export const SIS_CONCURRENCY_PER_BOARD = 16;
/** Retries after the first attempt: 4 attempts over about 10 s of back-off (plus their time limits). */
export const SIS_RETRIES = 3;

const sharedLimiter = createLimiter(SIS_CONCURRENCY_PER_BOARD);

export type SisFailure = "timeout" | "network" | "answer";

export type SisCallResult =
  | { answer: Exclude<SisAnswer, { kind: "retry" } | { kind: "unauthorized" }>; httpStatus: number; attempts: number }
  /** No answer the contract names after every retry; `httpStatus` is the last one received, if any. */
  | { answer: { kind: "unavailable"; failure: SisFailure; unauthorized: boolean }; httpStatus: number | null; attempts: number };

export type CallSisOptions = {
  url: string;
  secret: string;
  query: SisQuery;
  /** Bounds concurrency per key: the board's id. */
  boardKey: string;
  timeoutMs?: number;
  retries?: number;
  backoffMs?: (retry: number) => number;
  limiter?: Limiter;
};

export type SisAttempt = { ok: true; status: number; contentType: string | null; body: Uint8Array } | { ok: false; failure: "timeout" | "network" };

/**
 * Connections kept open between calls, per protocol (calls to a board are bounded by the limiter, not here). Node's
 * http client rather than fetch: for the same call, fetch cost about 0.6 ms more CPU on the main thread, an eighth
 * of Auto-TRMS's work per request (docs/decisions/0008-auto-trms.md).
 */
const agents = { "http:": new http.Agent({ keepAlive: true }), "https:": new https.Agent({ keepAlive: true }) };

/** One HTTP attempt, no retry; redirects are not followed. Never throws: a timeout or a network error is a result. */
export function postToSis(options: { url: string; secret: string; body: unknown; timeoutMs: number; policy?: OutboundPolicy }): Promise<SisAttempt> {
  let target: URL;
  try {
    target = new URL(options.url);
  } catch {
    return Promise.resolve({ ok: false, failure: "network" });
  }
  const protocol = target.protocol;
  if (protocol !== "http:" && protocol !== "https:") return Promise.resolve({ ok: false, failure: "network" });
  // Only addresses the policy allows, checked on the address connected to (lib/http/outbound-address.ts).
  const policy = options.policy ?? outboundPolicy();
  if (refusedLiteralHost(target, policy)) return Promise.resolve({ ok: false, failure: "network" });
  const signal = AbortSignal.timeout(options.timeoutMs);
  const payload = Buffer.from(JSON.stringify(options.body), "utf8");
  return new Promise<SisAttempt>((resolve) => {
    let settled = false;
    const finish = (attempt: SisAttempt) => {
      if (settled) return;
      settled = true;
      resolve(attempt);
    };
    const failed = (error: unknown) => finish({ ok: false, failure: signal.aborted || isTimeout(error) ? "timeout" : "network" });
    const request = (protocol === "https:" ? https : http).request(
      target,
      {
        method: "POST",
        agent: agents[protocol],
        lookup: guardedLookup(policy),
        signal,
        headers: {
          authorization: `Bearer ${options.secret}`,
          "content-type": "application/json",
          "content-length": payload.byteLength,
          accept: "application/xml, application/json",
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () =>
          finish({ ok: true, status: response.statusCode ?? 0, contentType: response.headers["content-type"] ?? null, body: Buffer.concat(chunks, size) });
        response.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.byteLength;
          if (size > SIS_MAX_ANSWER_BYTES) {
            // Too large for any transcript: the parser refuses it by its size, without the rest being read.
            done();
            response.destroy();
          }
        });
        response.on("end", done);
        response.on("error", failed);
        // The connection closed before the answer ended (a timeout destroys it too).
        response.on("close", () => {
          if (!response.complete) failed(new Error("the answer was cut short"));
        });
      },
    );
    request.on("error", failed);
    request.end(payload);
  });
}

/** Calls the SIS for one request, with retries; never throws for anything the SIS does. */
export async function callSis(options: CallSisOptions): Promise<SisCallResult> {
  const retries = options.retries ?? SIS_RETRIES;
  const backoff = options.backoffMs ?? sisBackoffMs;
  const limiter = options.limiter ?? sharedLimiter;
  let lastStatus: number | null = null;
  let failure: SisFailure = "answer";
  let unauthorized = false;
  for (let attempt = 1; ; attempt++) {
    // The slot is held for one attempt only: a request waiting for its back-off lets others through.
    const result = await limiter.run(options.boardKey, () =>
      postToSis({ url: options.url, secret: options.secret, body: options.query, timeoutMs: options.timeoutMs ?? SIS_TIMEOUT_MS }),
    );
    if (result.ok) {
      lastStatus = result.status;
      const answer = mapSisAnswer(result);
      if (isFinalAnswer(answer))
        return { answer: answer as Exclude<SisAnswer, { kind: "retry" } | { kind: "unauthorized" }>, httpStatus: result.status, attempts: attempt };
      failure = "answer";
      unauthorized = answer.kind === "unauthorized";
    } else {
      failure = result.failure;
      unauthorized = false;
    }
    if (attempt > retries) return { answer: { kind: "unavailable", failure, unauthorized }, httpStatus: lastStatus, attempts: attempt };
    await sleep(backoff(attempt));
  }
}

function isTimeout(error: unknown): boolean {
  const name = typeof error === "object" && error !== null && "name" in error ? (error as { name: unknown }).name : null;
  return name === "TimeoutError" || name === "AbortError";
}

function sleep(ms: number) {
  return new Promise<void>((resolve) => setTimeout(resolve, ms));
}
