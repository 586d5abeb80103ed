// A child process of the crash tests (background-crash.test.ts), a composition root like instrumentation.ts:
//   upload <referenceNumber>   saves the real PESC transcript as demo.school's upload, prints "COMMITTED <fileId>"
//                              and waits (no runtime: the parent kills it before anything is dispatched)
//   serve                      runs the app's functions (no scheduler) until killed
//   serve-test                 runs the crash-test functions, scheduler included, until killed
// Run with `node --import tsx`; the database, the files and the runner's lease come from the environment.
import fs from "node:fs";
import { register } from "node:module";
import path from "node:path";

register("../../../scripts/server-only-hook.mjs", import.meta.url);

const [mode, argument] = process.argv.slice(2);

if (mode === "upload") {
  const { db } = await import("@/lib/db");
  const { loadActor } = await import("@/lib/server/auth/load-actor");
  const { stageUpload } = await import("@/lib/server/uploads/stage-upload");
  const { saveUpload } = await import("@/lib/server/uploads/save-upload");
  const user = await db.user.findUniqueOrThrow({ where: { username: "demo.school" } });
  const actor = (await loadActor(user.id))!;
  const request = await db.transcriptRequest.findUniqueOrThrow({ where: { referenceNumber: argument! } });
  const bytes = fs.readFileSync(path.resolve("tests/fixtures/pesc/ontario-highschool-transcript.xml"));
  const file = { name: "t.xml", size: bytes.byteLength, arrayBuffer: async () => new Uint8Array(bytes).buffer };
  const staged = await stageUpload({ actor, input: { referenceNumber: request.referenceNumber, expectedVersion: request.version }, file });
  if (!staged.ok) throw new Error(`stage failed: ${JSON.stringify(staged)}`);
  const saved = await saveUpload({ actor, pendingId: staged.pendingId });
  if (!saved.ok) throw new Error(`save failed: ${saved.reason}`);
  console.log(`COMMITTED ${saved.uploadedFileId}`);
  // Waits to be killed.
  setInterval(() => {}, 1_000);
} else if (mode === "serve" || mode === "serve-test") {
  const { env } = await import("@/lib/env");
  const { startBackgroundRuntime } = await import("@/lib/inngest/runtime");
  const functions = mode === "serve" ? (await import("@/inngest/index")).functions : (await import("./crash-functions")).crashFunctions;
  const settings = env();
  startBackgroundRuntime({
    functions,
    schedule: mode === "serve-test",
    dispatchPollMs: 50,
    runner: { pollMs: 50, leaseMs: settings.TRMS_RUNNER_LEASE_SECONDS * 1000, backoffMs: () => 50 },
    logger: { warn: () => {}, error: (m) => console.error(m) },
  });
  console.log("READY");
  setInterval(() => {}, 1_000);
} else {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
