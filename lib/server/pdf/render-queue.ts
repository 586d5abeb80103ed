import "server-only";

// The queue in front of PDF layout (docs/decisions/0020). Layout is CPU-bound (5–10 ms a row, a report of 1,000 rows
// holds a core for seconds), so one PDF is laid out at a time per process, and the queue is bounded: a few waiting
// in all and two per user; past that the caller is told to come back (the routes answer 503 with Retry-After) rather
// than every click adding seconds for everyone. A client that went away while waiting is dropped from the queue.

export class RenderBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("the PDF queue is full");
    this.name = "RenderBusyError";
  }
}

export class RenderAbortedError extends Error {
  constructor() {
    super("the client went away before its PDF was laid out");
    this.name = "RenderAbortedError";
  }
}

type Waiting = { key: string; start: () => void; signal?: AbortSignal; onAbort?: () => void };

export type RenderQueueOptions = { maxWaiting: number; perKey: number };

export function createRenderQueue(options: RenderQueueOptions) {
  let running: string | null = null;
  const waiting: Waiting[] = [];
  const perKey = new Map<string, number>();
  // A moving average of layout times, for Retry-After.
  let averageMs = 1_000;

  const held = (key: string) => perKey.get(key) ?? 0;
  const hold = (key: string, by: number) => {
    const n = held(key) + by;
    if (n <= 0) perKey.delete(key);
    else perKey.set(key, n);
  };

  function pump() {
    if (running !== null) return;
    const next = waiting.shift();
    if (!next) return;
    if (next.onAbort) next.signal?.removeEventListener("abort", next.onAbort);
    running = next.key;
    next.start();
  }

  async function run<T>(key: string, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw new RenderAbortedError();
    const queued = waiting.length + (running === null ? 0 : 1);
    if (waiting.length >= options.maxWaiting || held(key) >= options.perKey) {
      throw new RenderBusyError(Math.max(1, Math.ceil(((queued + 1) * averageMs) / 1000)));
    }
    hold(key, 1);
    try {
      await new Promise<void>((resolve, reject) => {
        const entry: Waiting = { key, start: resolve, signal };
        if (signal) {
          entry.onAbort = () => {
            const i = waiting.indexOf(entry);
            if (i >= 0) waiting.splice(i, 1);
            reject(new RenderAbortedError());
          };
          signal.addEventListener("abort", entry.onAbort, { once: true });
        }
        waiting.push(entry);
        pump();
      });
    } catch (error) {
      hold(key, -1);
      throw error;
    }
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      averageMs = averageMs * 0.7 + (performance.now() - t0) * 0.3;
      running = null;
      hold(key, -1);
      pump();
    }
  }

  return { run, stats: () => ({ running: running === null ? 0 : 1, waiting: waiting.length }) };
}

/** The process's one PDF queue: every PDF the app lays out (requests report, transcripts, reports) goes through it. */
export const pdfQueue = createRenderQueue({ maxWaiting: 6, perKey: 2 });

/** The 503 a PDF route answers when the queue is full, in the user's language. */
export function pdfBusyResponse(error: RenderBusyError, message: string): Response {
  return new Response(message, {
    status: 503,
    headers: { "Retry-After": String(error.retryAfterSeconds), "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
