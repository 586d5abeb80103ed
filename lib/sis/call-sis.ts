import "server-only";
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

export type SisAttempt =
  | { ok: true; status: number; contentType: string | null; body: Uint8Array }
  | { ok: false; failure: "timeout" | "network" };

/** One HTTP attempt, no retry. Never throws: a timeout or a network error is a result. */
export async function postToSis(options: { url: string; secret: string; body: unknown; timeoutMs: number }): Promise<SisAttempt> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const response = await fetch(options.url, {
      method: "POST",
      headers: {
        authorization: `Bearer ${options.secret}`,
        "content-type": "application/json",
        accept: "application/xml, application/json",
      },
      body: JSON.stringify(options.body),
      redirect: "error",
      signal,
    });
    const body = await readLimited(response, SIS_MAX_ANSWER_BYTES);
    return { ok: true, status: response.status, contentType: response.headers.get("content-type"), body };
  } catch (error) {
    return { ok: false, failure: signal.aborted || isTimeout(error) ? "timeout" : "network" };
  }
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
      if (isFinalAnswer(answer)) return { answer: answer as Exclude<SisAnswer, { kind: "retry" } | { kind: "unauthorized" }>, httpStatus: result.status, attempts: attempt };
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

async function readLimited(response: Response, max: number): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > max) {
      // Too large for any transcript: the parser refuses it by its size, without the rest being read.
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks, size);
}

function isTimeout(error: unknown): boolean {
  const name = typeof error === "object" && error !== null && "name" in error ? (error as { name: unknown }).name : null;
  return name === "TimeoutError" || name === "AbortError";
}

function sleep(ms: number) {
  return new Promise<void>((resolve) => setTimeout(resolve, ms));
}
