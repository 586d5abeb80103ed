import os from "node:os";
import { Worker } from "node:worker_threads";
import type { RequestIdentity } from "../domain/pesc/compare";
import { verdictOf, type AutoMatchVerdict } from "./outcome";
import type { PescReply, PescTask } from "./pesc-worker";

// The PESC check of SIS transcripts on worker threads (pesc-worker.ts): the check (≈ 4 ms for the real example) is the
// largest piece of CPU work per auto-matched request, and on the main thread it competes with the HTTP calls and the
// database writes. A small pool (one worker per core, at most 2) takes it to other cores; the verdict is the one
// verdictOf gives (the same function runs there). On a single core, or when a worker cannot be started or
// dies, the check runs inline: slower, never different.
//
// Loading: `new Worker(new URL("./pesc-worker.ts", import.meta.url))` is the form Next's bundler (Turbopack) compiles
// into a worker chunk of its own (`next build` / `next start`, `next dev`). Run from source (tsx scripts, vitest) the
// worker is TypeScript, and Node 20 does not apply the parent's loader (`--import`) to workers: a small bootstrap
// registers tsx in the worker first, then imports the same file.

/** Workers at most: the check is short, and the main thread needs a core for HTTP and the database. */
export const PESC_WORKERS_MAX = 2;
/** Checks handed to one worker at a time: its next ones wait there, not for the main thread to find time to send them. */
const CHECKS_PER_WORKER = 8;

const WORKER_START_MS = 15_000;

type Pending = { task: PescTask; resolve: (v: AutoMatchVerdict) => void; reject: (e: unknown) => void };
type Slot = { worker: Worker; ready: boolean; busy: Map<number, Pending> };

const state = {
  slots: null as Slot[] | null,
  /** Set when workers are unusable here: every check runs inline from then on. */
  broken: false,
  nextId: 1,
  queue: [] as Pending[],
  /** Checks done by a worker and inline (tests and the benchmark read these). */
  stats: { worker: 0, inline: 0 },
};

/**
 * How many workers to use: one per core, at most PESC_WORKERS_MAX; none on a single core. The main thread mostly waits
 * (for the SIS, the disk): on 2 cores, two workers kept both busy, where one left the checks queued behind it
 * (docs/decisions/0008-auto-trms.md).
 */
export function pescWorkerCount(cores = os.availableParallelism()): number {
  return cores < 2 ? 0 : Math.min(PESC_WORKERS_MAX, cores);
}

let workerCount: number | null = null;

/** Sets the number of workers (0: inline) before the first check; the benchmark and tests compare both ways. */
export function configurePescPool(options: { workers: number }) {
  if (state.slots) throw new Error("the PESC pool has already started");
  workerCount = Math.max(0, Math.min(PESC_WORKERS_MAX, Math.floor(options.workers)));
}

/** The verdict for a transcript the SIS returned: verdictOf's, computed on a worker thread when one is available. */
export function checkTranscript(xml: Uint8Array, request: RequestIdentity): Promise<AutoMatchVerdict> {
  const slots = state.broken ? null : (state.slots ??= startWorkers());
  if (!slots || slots.length === 0) return Promise.resolve(checkInline(xml, request));
  return new Promise((resolve, reject) => {
    state.queue.push({ task: { id: state.nextId++, xml, request: { ...request } }, resolve, reject });
    dispatch();
  });
}

export function pescPoolStats(): Readonly<{ worker: number; inline: number; workers: number }> {
  return { ...state.stats, workers: state.slots?.length ?? 0 };
}

function checkInline(xml: Uint8Array, request: RequestIdentity): AutoMatchVerdict {
  state.stats.inline++;
  return verdictOf(xml, request);
}

function startWorkers(): Slot[] | null {
  const count = workerCount ?? pescWorkerCount();
  if (count === 0) return [];
  try {
    return Array.from({ length: count }, () => startWorker());
  } catch (error) {
    giveUp(error);
    return null;
  }
}

/** Run from source: registers tsx in the worker, then loads the entry (workerData) as TypeScript. */
const SOURCE_BOOTSTRAP = `
const { parentPort, workerData } = require("node:worker_threads");
import("tsx/esm/api")
  .then((tsx) => { tsx.register(); return import(workerData.entry); })
  .catch((error) => { setImmediate(() => { throw error; }); });
`;

function startWorker(): Slot {
  // Next defines NEXT_RUNTIME in its server bundles, where the entry below is compiled JavaScript.
  const worker = process.env.NEXT_RUNTIME
    ? new Worker(new URL("./pesc-worker.ts", import.meta.url), { name: "trms-pesc-check" })
    : new Worker(SOURCE_BOOTSTRAP, { eval: true, name: "trms-pesc-check", workerData: { entry: sourceEntry() } });
  worker.unref();
  const slot: Slot = { worker, ready: false, busy: new Map() };
  // A worker that does not come up in time (e.g. a machine too busy to load it) is not waited for.
  const startLimit = setTimeout(() => giveUp(new Error("the PESC worker did not start in time")), WORKER_START_MS);
  startLimit.unref();
  worker.on("message", (reply: PescReply) => {
    if ("ready" in reply) {
      clearTimeout(startLimit);
      slot.ready = true;
      dispatch();
      return;
    }
    const pending = slot.busy.get(reply.id);
    if (!pending) return;
    slot.busy.delete(reply.id);
    if (slot.busy.size === 0) worker.unref();
    if ("verdict" in reply) {
      state.stats.worker++;
      pending.resolve(reply.verdict);
    } else {
      // Never expected (verdictOf does not throw): checked again here, where an error reaches the caller.
      pending.resolve(checkInline(pending.task.xml, pending.task.request));
    }
    dispatch();
  });
  const fail = (error: unknown) => giveUp(error);
  worker.on("error", fail);
  worker.on("exit", (code) => {
    if (!state.broken) fail(new Error(`the PESC worker stopped (code ${code})`));
  });
  return slot;
}

/** Workers unusable: from now on every check runs inline, including those sent to a worker and not answered. */
function giveUp(error: unknown) {
  if (state.broken) return;
  state.broken = true;
  console.warn(`[auto-trms] PESC worker unavailable, checking transcripts on the main thread: ${error instanceof Error ? error.message : String(error)}`);
  const stranded = [...(state.slots ?? []).flatMap((s) => [...s.busy.values()]), ...state.queue.splice(0)];
  for (const slot of state.slots ?? []) {
    slot.busy.clear();
    void slot.worker.terminate();
  }
  state.slots = null;
  for (const p of stranded) {
    // Bytes moved to the dead worker are gone: that request fails (nothing is written; a retry calls the SIS again).
    if (p.task.xml.byteLength === 0) p.reject(new Error("the PESC worker stopped during the check"));
    else p.resolve(checkInline(p.task.xml, p.task.request));
  }
}

const sourceEntry = () => import.meta.url.replace(/[^/]*$/, "pesc-worker.ts");

/** Gives queued checks to the least busy workers, up to CHECKS_PER_WORKER each, so that none runs dry between them. */
function dispatch() {
  const slots = state.slots?.filter((s) => s.ready);
  if (!slots || slots.length === 0) return;
  while (state.queue.length > 0) {
    const slot = slots.reduce((a, b) => (b.busy.size < a.busy.size ? b : a));
    if (slot.busy.size >= CHECKS_PER_WORKER) return;
    const pending = state.queue.shift()!;
    slot.busy.set(pending.task.id, pending);
    slot.worker.ref();
    // The answer's bytes are moved, not copied (a copy costs more than the rest of the hand-over), when they own
    // their memory; the caller does not use them afterwards.
    const xml = pending.task.xml;
    const owned = xml.buffer instanceof ArrayBuffer && xml.byteOffset === 0 && xml.byteLength === xml.buffer.byteLength && xml.byteLength > 0;
    slot.worker.postMessage(pending.task, owned ? [xml.buffer as ArrayBuffer] : []);
  }
}
