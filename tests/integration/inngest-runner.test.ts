import { cron, eventType, Inngest, NonRetriableError } from "inngest";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db";
import { createInProcessRunner, type RunnerLogger } from "@/lib/inngest/in-process-runner";
import { createScheduler } from "@/lib/inngest/scheduler";
import { sendEvent } from "@/lib/inngest/send-event";
import { runJobNow } from "@/lib/server/jobs/run-job-now";
import { actorFor } from "./helpers/actors";
import { seedDemo } from "./helpers/seeded";

// The in-process runner and scheduler (contracts §6, ADR 0006) with test functions and the real JobRun table.

// The SDK logs a failing function's error; these functions fail on purpose.
const silent = { info() {}, warn() {}, error() {}, debug() {} };
const client = new Inngest({ id: "trms-runner-test", logger: silent });

const calls: Record<string, number> = {};
const count = (key: string) => {
  calls[key] = (calls[key] ?? 0) + 1;
  return calls[key];
};

const echoed = eventType("test/echo", { schema: z.object({ n: z.number() }) });

const echo = client.createFunction({ id: "echo", triggers: [echoed] }, async ({ event, step, attempt }) => {
  const doubled = await step.run("double", () => {
    count(`echo:${event.id}`);
    return event.data.n * 2;
  });
  return { doubled, attempt };
});

// Fails twice in its second step, then succeeds: the first step must not run again on the retries.
const flaky = client.createFunction({ id: "flaky", retries: 3, triggers: [{ event: "test/flaky" }] }, async ({ event, step }) => {
  await step.run("before", () => count(`flaky-before:${event.id}`));
  const tries = await step.run("shaky", () => {
    const n = count(`flaky-shaky:${event.id}`);
    if (n < 3) throw new Error(`not yet (${n})`);
    return n;
  });
  return { tries };
});

const broken = client.createFunction({ id: "broken", retries: 2, triggers: [{ event: "test/broken" }] }, async ({ event, step }) => {
  await step.run("fail", () => {
    count(`broken:${event.id}`);
    throw new Error("the college endpoint is down");
  });
});

const hopeless = client.createFunction({ id: "hopeless", retries: 5, triggers: [{ event: "test/hopeless" }] }, async ({ event }) => {
  count(`hopeless:${event.id}`);
  throw new NonRetriableError("bad data, retrying cannot help");
});

const everyMinute = client.createFunction(
  { id: "every-minute", triggers: [cron("* * * * *"), { event: "jobs/every-minute.run" }] },
  async ({ event, step }) => step.run("tick", () => count(`every-minute:${event.id}`)),
);

const sixAm = client.createFunction({ id: "six-am", triggers: [cron("TZ=America/Toronto 0 6 * * *")] }, async ({ event }) => {
  count(`six-am:${event.id}`);
  return "ok";
});

function testLogger() {
  const lines: string[] = [];
  const logger: RunnerLogger = { warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) };
  return { logger, lines };
}

function runnerFor(options: { logger?: RunnerLogger } = {}) {
  return createInProcessRunner({
    functions: [echo, flaky, broken, hopeless, everyMinute, sixAm],
    backoffMs: () => 5,
    logger: options.logger ?? testLogger().logger,
  });
}

const uniqueId = (() => {
  let n = 0;
  return (prefix: string) => `${prefix}-${Date.now()}-${++n}`;
})();

describe("event delivery", () => {
  it("runs each function listening to the event, in-process, and records the run", async () => {
    const runner = runnerFor();
    const id = uniqueId("evt");
    const outcomes = await runner.deliver([{ name: "test/echo", data: { n: 21 }, id }]);
    expect(outcomes).toEqual([{ functionId: "echo", runKey: id, status: "SUCCEEDED", attempts: 1, output: { doubled: 42, attempt: 0 } }]);
    expect(calls[`echo:${id}`]).toBe(1);
    const row = await db.jobRun.findUniqueOrThrow({ where: { functionId_runKey: { functionId: "echo", runKey: id } } });
    expect(row).toMatchObject({ trigger: "event:test/echo", status: "SUCCEEDED", attempts: 1, error: null, output: '{"doubled":42,"attempt":0}' });
    expect(row.finishedAt).not.toBeNull();
    // Nobody listens to this one: nothing runs, nothing is recorded.
    expect(await runner.deliver([{ name: "test/nobody", data: {}, id: uniqueId("evt") }])).toEqual([]);
  });

  it("runs an event once, however often and however concurrently it is delivered", async () => {
    const runner = runnerFor();
    const event = { name: "test/echo", data: { n: 1 }, id: uniqueId("evt") };
    const outcomes = await Promise.all([runner.deliver([event]), runner.deliver([event]), runner.deliver([event])]);
    expect(outcomes.flat().map((o) => o.status).sort()).toEqual(["DUPLICATE", "DUPLICATE", "SUCCEEDED"]);
    // Later, and from another runner (another app instance on the same database).
    expect(await runnerFor().deliver([event])).toEqual([{ functionId: "echo", runKey: event.id, status: "DUPLICATE" }]);
    expect(calls[`echo:${event.id}`]).toBe(1);
    expect(await db.jobRun.count({ where: { runKey: event.id } })).toBe(1);
  });

  it("retries a failing function with back-off, keeping the steps that succeeded", async () => {
    const { logger, lines } = testLogger();
    const id = uniqueId("evt");
    const [outcome] = await runnerFor({ logger }).deliver([{ name: "test/flaky", data: {}, id }]);
    expect(outcome).toEqual({ functionId: "flaky", runKey: id, status: "SUCCEEDED", attempts: 3, output: { tries: 3 } });
    expect(calls[`flaky-before:${id}`]).toBe(1);
    expect(calls[`flaky-shaky:${id}`]).toBe(3);
    expect(lines.filter((l) => l.startsWith("warn"))).toHaveLength(2);
    expect(await db.jobRun.findUniqueOrThrow({ where: { functionId_runKey: { functionId: "flaky", runKey: id } } })).toMatchObject({
      status: "SUCCEEDED",
      attempts: 3,
    });
  });

  it("records a function that keeps failing as FAILED after its retries, with the error", async () => {
    const { logger, lines } = testLogger();
    const id = uniqueId("evt");
    const [outcome] = await runnerFor({ logger }).deliver([{ name: "test/broken", data: {}, id }]);
    expect(outcome).toMatchObject({ functionId: "broken", status: "FAILED", attempts: 3, error: "Error: the college endpoint is down" });
    expect(calls[`broken:${id}`]).toBe(3);
    const row = await db.jobRun.findUniqueOrThrow({ where: { functionId_runKey: { functionId: "broken", runKey: id } } });
    expect(row).toMatchObject({ status: "FAILED", attempts: 3, error: "Error: the college endpoint is down" });
    expect(row.finishedAt).not.toBeNull();
    expect(lines.at(-1)).toMatch(/^error \[jobs\] broken .* failed after 3 attempt\(s\)/);
  });

  it("does not retry a NonRetriableError or an event that fails its schema", async () => {
    const runner = runnerFor();
    const id = uniqueId("evt");
    const [hopelessOutcome] = await runner.deliver([{ name: "test/hopeless", data: {}, id }]);
    expect(hopelessOutcome).toMatchObject({ status: "FAILED", attempts: 1, error: "NonRetriableError: bad data, retrying cannot help" });
    expect(calls[`hopeless:${id}`]).toBe(1);

    const badId = uniqueId("evt");
    const [invalid] = await runner.deliver([{ name: "test/echo", data: { n: "not a number" }, id: badId }]);
    expect(invalid).toMatchObject({ status: "FAILED", attempts: 1, error: expect.stringMatching(/^EventValidationError: n:/) });
    expect(calls[`echo:${badId}`]).toBeUndefined();
  });

  it("lets sendEvent run the app's functions in-process, without the caller waiting", async () => {
    await seedDemo();
    const { ids, delivered } = await sendEvent({ name: "jobs/release-deferred-requests.run", data: { requestedBy: "runner-test" } });
    expect(ids).toHaveLength(1);
    const outcomes = await delivered;
    expect(outcomes).toEqual([expect.objectContaining({ functionId: "release-deferred-requests", runKey: ids[0], status: "SUCCEEDED" })]);
    const row = await db.jobRun.findUniqueOrThrow({ where: { functionId_runKey: { functionId: "release-deferred-requests", runKey: ids[0]! } } });
    expect(row.trigger).toBe("manual:runner-test");
  });
});

describe("cron functions", () => {
  const scheduledTicks: ReturnType<typeof createScheduler>[] = [];
  afterEach(() => {
    for (const s of scheduledTicks.splice(0)) s.stop();
  });

  it("runs a function whose schedule matches the tick, once per minute even if the tick is processed twice", async () => {
    const runner = runnerFor();
    const scheduler = createScheduler({ runner });
    scheduledTicks.push(scheduler);
    expect(scheduler.scheduled.map((s) => s.functionId)).toEqual(["every-minute", "six-am"]);

    // 2030-01-15 06:00 in Toronto (11:00Z): both functions are due; at 06:01 only the every-minute one.
    const at = new Date("2030-01-15T11:00:20Z");
    const first = await scheduler.tick(at);
    expect(first.map((o) => [o.functionId, o.status]).sort()).toEqual([
      ["every-minute", "SUCCEEDED"],
      ["six-am", "SUCCEEDED"],
    ]);
    expect(first[0]!.runKey).toBe("cron:2030-01-15T11:00:00.000Z");

    // The same minute again, here and in a second instance at once: nothing runs twice.
    const again = await Promise.all([scheduler.tick(new Date("2030-01-15T11:00:50Z")), createScheduler({ runner: runnerFor() }).tick(at)]);
    expect(again.flat().every((o) => o.status === "DUPLICATE")).toBe(true);
    expect(calls["every-minute:cron:2030-01-15T11:00:00.000Z"]).toBe(1);
    expect(calls["six-am:cron:2030-01-15T11:00:00.000Z"]).toBe(1);

    const next = await scheduler.tick(new Date("2030-01-15T11:01:00Z"));
    expect(next.map((o) => o.functionId)).toEqual(["every-minute"]);
    const row = await db.jobRun.findUniqueOrThrow({
      where: { functionId_runKey: { functionId: "six-am", runKey: "cron:2030-01-15T11:00:00.000Z" } },
    });
    expect(row).toMatchObject({ trigger: "cron", status: "SUCCEEDED", attempts: 1 });
  });

  it("wakes at the next minute on its own timer, and stops", async () => {
    const runner = runnerFor();
    // A clock 100 ms before a minute starts (in 2031, so that no other test's tick shares the minute).
    const target = Date.UTC(2031, 0, 1, 0, 0, 0);
    const offset = target - 100 - Date.now();
    const scheduler = createScheduler({ runner, now: () => new Date(Date.now() + offset) });
    scheduledTicks.push(scheduler);
    scheduler.start();
    expect(scheduler.running).toBe(true);

    const runKey = `cron:${new Date(target).toISOString()}`;
    await vi.waitFor(
      async () => {
        expect(await db.jobRun.count({ where: { functionId: "every-minute", runKey } })).toBe(1);
      },
      { timeout: 5_000, interval: 100 },
    );
    scheduler.stop();
    expect(scheduler.running).toBe(false);
    await runner.idle();
    expect(calls[`every-minute:${runKey}`]).toBe(1);
  });
});

describe("Run now", () => {
  beforeAll(async () => {
    if ((await db.user.count()) === 0) await seedDemo();
  });

  it("runs a scheduled function once at an OCAS administrator's request and records who asked", async () => {
    const admin = await actorFor("demo.admin");
    const before = await db.jobRun.count({ where: { functionId: "release-deferred-requests" } });
    const result = await runJobNow({ actor: admin, functionId: "release-deferred-requests" });
    expect(result).toEqual({ ok: true, outcome: "succeeded" });
    const runs = await db.jobRun.findMany({ where: { functionId: "release-deferred-requests" }, orderBy: { startedAt: "desc" } });
    expect(runs).toHaveLength(before + 1);
    expect(runs[0]).toMatchObject({ trigger: "manual:demo.admin", status: "SUCCEEDED" });
    // A second click is a second run.
    expect(await runJobNow({ actor: admin, functionId: "release-deferred-requests" })).toEqual({ ok: true, outcome: "succeeded" });
    expect(await db.jobRun.count({ where: { functionId: "release-deferred-requests" } })).toBe(before + 2);
  });

  it("is for OCAS administrators only, and for scheduled functions only", async () => {
    const board = await actorFor("demo.board");
    expect(await runJobNow({ actor: board, functionId: "release-deferred-requests" })).toEqual({ ok: false, reason: "forbidden" });
    const admin = await actorFor("demo.admin");
    expect(await runJobNow({ actor: admin, functionId: "no-such-function" })).toEqual({ ok: false, reason: "unknownFunction" });
  });
});
