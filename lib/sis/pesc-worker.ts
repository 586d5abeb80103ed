// The PESC check of Auto-TRMS answers (outcome.ts: parse, validate, compare) on a worker thread, so that a rematch
// checks transcripts on another core while the main thread does the HTTP and the database (pesc-pool.ts). Plain
// domain code only: no database, no secrets, nothing but the SIS's answer and the request's identity come in.
import { parentPort } from "node:worker_threads";
import type { RequestIdentity } from "../domain/pesc/compare";
import { verdictOf, type AutoMatchVerdict } from "./outcome";

export type PescTask = { id: number; xml: Uint8Array; request: RequestIdentity };
export type PescReply = { id: number; verdict: AutoMatchVerdict } | { id: number; error: string } | { ready: true };

parentPort?.on("message", (task: PescTask) => {
  let reply: PescReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const verdict = verdictOf(task.xml, task.request);
    reply = { id: task.id, verdict };
    // A match gives its bytes back (moved, not copied): they are what is stored.
    if (verdict.outcome === "MATCHED" && verdict.bytes.buffer instanceof ArrayBuffer) transfer = [verdict.bytes.buffer];
  } catch (error) {
    reply = { id: task.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply, transfer);
});
// Checks are sent once the worker has said it is listening.
parentPort?.postMessage({ ready: true } satisfies PescReply);
