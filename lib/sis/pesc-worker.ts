// The PESC check of Auto-TRMS answers (outcome.ts: parse, validate, compare) on a worker thread, so that a rematch
// checks transcripts on another core while the main thread does the HTTP and the database (pesc-pool.ts). Plain
// domain code only: no database, no secrets, nothing but the SIS's answer and the request's identity come in.
import crypto from "node:crypto";
import { parentPort } from "node:worker_threads";
import type { RequestIdentity } from "../domain/pesc/compare";
import { decideAutoMatch, type AutoMatchVerdict } from "./outcome";

export type PescTask = { id: number; xml: Uint8Array; request: RequestIdentity };
export type PescReply = { id: number; verdict: AutoMatchVerdict } | { id: number; error: string } | { ready: true };

parentPort?.on("message", (task: PescTask) => {
  let reply: PescReply;
  try {
    const decision = decideAutoMatch({ kind: "transcript", xml: task.xml }, task.request);
    // The parsed transcript stays here: only what is written goes back (the text, its digest, the comparisons).
    reply =
      decision.outcome === "MATCHED"
        ? {
            id: task.id,
            verdict: {
              outcome: "MATCHED",
              xml: decision.xml,
              sha256: crypto.createHash("sha256").update(decision.xml, "utf8").digest("hex"),
              comparisons: decision.comparisons,
            },
          }
        : { id: task.id, verdict: decision };
  } catch (error) {
    reply = { id: task.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
// Checks are sent once the worker has said it is listening.
parentPort?.postMessage({ ready: true } satisfies PescReply);
