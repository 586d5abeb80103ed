import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { enqueueEvents } from "@/lib/server/jobs/outbox";
import { resendTemporaryPassword } from "@/lib/server/users/resend-temporary-password";
import { createEmailDouble, type EmailDouble } from "@/tests/doubles/email-server.mjs";
import { actorFor } from "./helpers/actors";
import { kill, killAll, startChild as startRuntimeChild, waitFor } from "./helpers/children";
import { seedDemo } from "./helpers/seeded";

// Nothing is lost, nothing is done twice, whatever process dies when (contracts §6, ADR 0011): the runtime runs in
// real child processes (crash/runtime-child.ts) on this file's database, and the test kills them with SIGKILL.

let recordFile: string;

const recorded = () =>
  fs.existsSync(recordFile)
    ? fs
        .readFileSync(recordFile, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => l.split(" "))
    : [];

beforeAll(async () => {
  await seedDemo();
  recordFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "trms-crash-")), "record.log");
});

afterEach(killAll);

afterAll(() => fs.rmSync(path.dirname(recordFile), { recursive: true, force: true }));

/** A child of this file: the crash-test functions write what they do to the record file. */
const startChild = (mode: string[], ready: string, env: Record<string, string> = {}) =>
  startRuntimeChild(mode, ready, { CRASH_RECORD_FILE: recordFile, ...env });

describe("a process killed between the commit and the dispatch", () => {
  it("loses nothing: the next process dispatches the event and the upload is processed once", { timeout: 120_000 }, async () => {
    const request = await db.transcriptRequest.findUniqueOrThrow({ where: { referenceNumber: "REF-45454545" } });
    const { child, lines } = await startChild(["upload", request.referenceNumber], "COMMITTED");
    await kill(child);
    const fileId = lines.find((l) => l.startsWith("COMMITTED"))!.split(" ")[1]!;
    // Committed with its event, nothing dispatched, nothing run.
    expect((await db.transcriptRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("TRANSCRIPT_UPLOADED");
    expect(await db.outboxEvent.findUniqueOrThrow({ where: { id: `transcript-uploaded-${fileId}` } })).toMatchObject({ dispatchedAt: null });
    expect(await db.jobRun.count({ where: { runKey: `transcript-uploaded-${fileId}` } })).toBe(0);

    const serve = await startChild(["serve"], "READY");
    await waitFor(async () => {
      expect((await db.transcriptRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("E_TRANSCRIPT_SENT");
      expect((await db.jobRun.findFirst({ where: { runKey: `transcript-uploaded-${fileId}` } }))?.status).toBe("SUCCEEDED");
    });
    await kill(serve.child);
    expect(await db.storedTranscript.count({ where: { fileId } })).toBe(1);
    expect(await db.timelineEvent.count({ where: { requestId: request.id, type: "processed" } })).toBe(1);
    expect(
      await db.jobRun.findMany({ where: { runKey: `transcript-uploaded-${fileId}` }, select: { functionId: true, status: true, attempts: true } }),
    ).toEqual([{ functionId: "process-transcript", status: "SUCCEEDED", attempts: 1 }]);
  });
});

describe("a process killed in the middle of a run", () => {
  let double: EmailDouble;
  let emailEnv: Record<string, string>;
  beforeAll(async () => {
    double = createEmailDouble();
    emailEnv = { RESEND_API_KEY: "re_test_crash", RESEND_BASE_URL: await double.listen() };
  });
  afterAll(() => double.close());

  it("sends an email once: the next process takes the run over and the provider recognises the retry", { timeout: 120_000 }, async () => {
    const target = await db.user.findUniqueOrThrow({ where: { username: "boreale.school" } });
    expect(await resendTemporaryPassword({ actor: await actorFor("demo.admin"), userId: target.id })).toMatchObject({ ok: true });
    const email = await db.emailOutbox.findFirstOrThrow({ where: { to: target.email }, orderBy: { createdAt: "desc" } });
    // The provider answers slowly: the process dies after the email left, before it learnt so.
    double.state.latencyMs = 10_000;
    const first = await startChild(["serve"], "READY", emailEnv);
    await waitFor(async () => expect(double.state.requests).toHaveLength(1));
    await kill(first.child);
    expect(await db.jobRun.findFirstOrThrow({ where: { runKey: `email-${email.id}` } })).toMatchObject({ status: "RUNNING", attempts: 1 });

    double.state.latencyMs = 0;
    const second = await startChild(["serve"], "READY", emailEnv);
    // The email is SENT in the step's transaction; the run is SUCCEEDED just after it: wait for both.
    await waitFor(async () => {
      expect((await db.emailOutbox.findUniqueOrThrow({ where: { id: email.id } })).status).toBe("SENT");
      expect((await db.jobRun.findFirstOrThrow({ where: { runKey: `email-${email.id}` } })).status).toBe("SUCCEEDED");
    });
    await kill(second.child);
    expect(double.state.requests.map((r) => r.key)).toEqual([email.id, email.id]);
    expect(double.state.delivered).toHaveLength(1);
    expect(double.state.duplicates).toBe(1);
    expect(await db.jobRun.findFirstOrThrow({ where: { runKey: `email-${email.id}` } })).toMatchObject({ status: "SUCCEEDED", attempts: 2 });
  });

  it("does not run again a step that finished before the process died", { timeout: 120_000 }, async () => {
    const id = `two-steps-${Date.now()}`;
    await enqueueEvents(db, [{ id, name: "crash-test/two-steps", data: {}, subject: null }]);
    const first = await startChild(["serve-test"], "READY", { CRASH_SECOND_STEP_MS: "10000" });
    await waitFor(async () => expect(recorded().filter(([what, event]) => what === "second-started" && event === id)).toHaveLength(1));
    await kill(first.child);

    const second = await startChild(["serve-test"], "READY");
    await waitFor(async () => expect((await db.jobRun.findFirstOrThrow({ where: { runKey: id } })).status).toBe("SUCCEEDED"));
    await kill(second.child);
    const lines = recorded().filter(([, event]) => event === id);
    expect(lines.map(([what]) => what)).toEqual(["first", "second-started", "second-started", "second"]);
    // The first step ran in the first process only; the second finished in the second process.
    expect(lines[0]![2]).toBe(String(first.child.pid));
    expect(lines[3]![2]).toBe(String(second.child.pid));
  });
});

describe("two runtime processes on one database", () => {
  it("never run one event or one cron tick twice, and share the work", { timeout: 120_000 }, async () => {
    const ids = Array.from({ length: 150 }, (_, n) => `shared-${Date.now()}-${n}`);
    const [a, b] = await Promise.all([startChild(["serve-test"], "READY"), startChild(["serve-test"], "READY")]);
    await enqueueEvents(
      db,
      ids.map((id) => ({ id, name: "crash-test/record", data: {}, subject: null })),
    );
    await waitFor(async () =>
      expect(await db.jobRun.count({ where: { functionId: "crash-record", runKey: { in: ids }, status: "SUCCEEDED" } })).toBe(ids.length),
    );
    // Long enough for a few ticks of the every-second schedule in both processes.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await Promise.all([kill(a.child), kill(b.child)]);

    const lines = recorded();
    const events = lines.filter(([what, id]) => what === "event" && ids.includes(id!));
    expect(events).toHaveLength(ids.length);
    expect(new Set(events.map(([, id]) => id)).size).toBe(ids.length);
    expect(new Set(events.map(([, , pid]) => pid))).toEqual(new Set([String(a.child.pid), String(b.child.pid)]));

    // Only these two processes' ticks: a child an earlier test killed during a tick may have left it to be run again.
    const pids = [String(a.child.pid), String(b.child.pid)];
    const ticks = lines.filter(([what, , pid]) => what === "tick" && pids.includes(pid!));
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(new Set(ticks.map(([, tick]) => tick)).size).toBe(ticks.length);
    expect(await db.jobRun.count({ where: { functionId: "crash-every-second" } })).toBeGreaterThanOrEqual(ticks.length);
  });
});
