import { cron, eventType, Inngest, NonRetriableError } from "inngest";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { functions } from "@/inngest/index";
import { db } from "@/lib/db";
import { checkSupported } from "@/lib/inngest/functions-info";
import { startBackgroundRuntime, type BackgroundRuntime } from "@/lib/inngest/runtime";
import { createScheduler } from "@/lib/inngest/scheduler";
import { enqueueEvents } from "@/lib/server/jobs/outbox";
import { retryJobRun } from "@/lib/server/jobs/retry-job-run";
import { runJobNow } from "@/lib/server/jobs/run-job-now";
import { signalBackgroundWork } from "@/lib/server/jobs/signal";
import { actorFor } from "./helpers/actors";
import { quietLogger, testRuntime } from "./helpers/background";
import { seedDemo } from "./helpers/seeded";

// The durable embedded runtime (contracts §6, ADR 0011) with test functions and the real outbox and JobRun tables:
// events are rows, runs are rows claimed under a lease, retries wait in the database, steps that finished are kept.
// The crash tests (real processes killed with SIGKILL) are in background-crash.test.ts.

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

// One at a time per group: records when each run is inside its step.
const inside = new Map<string, number>();
let mostInside = 0;
let mostInsideOneGroup = 0;
const grouped = client.createFunction(
  { id: "grouped", concurrency: { limit: 1, key: "event.data.group" }, triggers: [{ event: "test/grouped" }] },
  async ({ event, step }) =>
    step.run("work", async () => {
      const group = String(event.data.group);
      inside.set(group, (inside.get(group) ?? 0) + 1);
      mostInsideOneGroup = Math.max(mostInsideOneGroup, inside.get(group)!);
      mostInside = Math.max(
        mostInside,
        [...inside.values()].reduce((a, b) => a + b, 0),
      );
      await new Promise((resolve) => setTimeout(resolve, 40));
      inside.set(group, inside.get(group)! - 1);
      return group;
    }),
);

const slow = client.createFunction({ id: "slow", triggers: [{ event: "test/slow" }] }, async ({ step }) =>
  step.run("wait", () => new Promise((resolve) => setTimeout(() => resolve("done"), 150))),
);

const everyMinute = client.createFunction({ id: "every-minute", triggers: [cron("* * * * *"), { event: "jobs/every-minute.run" }] }, async ({ event, step }) =>
  step.run("tick", () => count(`every-minute:${event.id}`)),
);

const sixAm = client.createFunction({ id: "six-am", triggers: [cron("TZ=America/Toronto 0 6 * * *")] }, async ({ event }) => {
  count(`six-am:${event.id}`);
  return "ok";
});

const everySecond = client.createFunction({ id: "every-second", triggers: [cron("* * * * * *")] }, async ({ event }) => {
  count(`every-second:${event.id}`);
  return "ok";
});

// Waits in its step until the test lets it go.
const holds = new Map<string, () => void>();
const held = client.createFunction({ id: "held", triggers: [{ event: "test/held" }] }, async ({ event, step }) =>
  step.run("wait", () => new Promise<string>((resolve) => holds.set(event.id!, () => resolve("let go")))),
);

const TEST_FUNCTIONS = [echo, flaky, broken, hopeless, grouped, slow, held, everyMinute, sixAm];

const uniqueId = (() => {
  let n = 0;
  return (prefix: string) => `${prefix}-${Date.now()}-${++n}`;
})();

/** Writes events to the outbox as a service would, and nudges the runtime. */
async function send(events: { name: string; data: Record<string, unknown>; id?: string }[]) {
  const withIds = events.map((e) => ({ ...e, id: e.id ?? uniqueId("evt"), subject: null }));
  await enqueueEvents(db, withIds);
  signalBackgroundWork();
  return withIds.map((e) => e.id);
}

const runOf = (functionId: string, runKey: string) => db.jobRun.findUniqueOrThrow({ where: { functionId_runKey: { functionId, runKey } } });

const logger = quietLogger();
// Three slots: fewer than the bursts below, so that waiting in the database shows.
const SLOTS = 3;
const runtime = testRuntime({ functions: TEST_FUNCTIONS, logger, slots: SLOTS });

describe("the app's functions", () => {
  it("use only what the embedded runner models", () => {
    for (const fn of functions) expect(() => checkSupported(fn), fn.id()).not.toThrow();
  });
});

describe("event delivery", () => {
  it("runs each function listening to the event, and records the run", async () => {
    const [id] = await send([{ name: "test/echo", data: { n: 21 } }]);
    await runtime.drain();
    expect(calls[`echo:${id}`]).toBe(1);
    const row = await runOf("echo", id!);
    expect(row).toMatchObject({
      trigger: "event:test/echo",
      status: "SUCCEEDED",
      attempts: 1,
      error: null,
      output: '{"doubled":42,"attempt":0}',
      leaseOwner: null,
    });
    expect(row.finishedAt).not.toBeNull();
    expect(JSON.parse(row.steps!)).toEqual({ double: 42 });
    const event = await db.outboxEvent.findUniqueOrThrow({ where: { id: id! } });
    expect(event.dispatchedAt).not.toBeNull();

    // Nobody listens to this one: dispatched, nothing runs.
    const [nobody] = await send([{ name: "test/nobody", data: {} }]);
    await runtime.drain();
    expect(await db.jobRun.count({ where: { runKey: nobody! } })).toBe(0);
    expect((await db.outboxEvent.findUniqueOrThrow({ where: { id: nobody! } })).dispatchedAt).not.toBeNull();
  });

  it("runs an event once: its id is written once, and two runtimes on one database share the work", async () => {
    const [id] = await send([{ name: "test/echo", data: { n: 1 } }]);
    await expect(send([{ name: "test/echo", data: { n: 1 }, id }])).rejects.toMatchObject({ code: "P2002" });
    // A second instance, and a burst of events for both.
    const second = startBackgroundRuntime({ functions: TEST_FUNCTIONS, schedule: false, dispatchPollMs: 20, runner: { pollMs: 20 }, logger });
    try {
      const ids = await send(Array.from({ length: 60 }, (_, n) => ({ name: "test/echo", data: { n } })));
      await Promise.all([runtime.drain(), second.drain()]);
      for (const each of [id!, ...ids]) expect(calls[`echo:${each}`], each).toBe(1);
      expect(await db.jobRun.count({ where: { functionId: "echo", runKey: { in: ids } } })).toBe(60);
      const owners = await db.jobRun.findMany({ where: { runKey: { in: ids } }, select: { status: true } });
      expect(owners.every((o) => o.status === "SUCCEEDED")).toBe(true);
    } finally {
      await second.stop();
    }
  });

  it("a run that ends while its lease is being renewed is not reported as taken over", async () => {
    // Heartbeats every 200 ms while runs end all the time: some end between the heartbeat listing this process's runs
    // and its renewal reaching the database. A lease is lost only after 600 ms without renewal, which does not happen.
    const own = quietLogger();
    const short = startBackgroundRuntime({
      functions: TEST_FUNCTIONS,
      schedule: false,
      dispatchPollMs: 5,
      runner: { pollMs: 5, leaseMs: 600, slots: 4 },
      logger: own,
    });
    try {
      for (let round = 0; round < 8; round++) {
        await send(Array.from({ length: 40 }, (_, n) => ({ name: "test/echo", data: { n } })));
        await Promise.all([runtime.drain(), short.drain()]);
      }
      expect(own.lines.filter((l) => l.includes("taken over"))).toEqual([]);
      expect(logger.lines.filter((l) => l.includes("taken over"))).toEqual([]);

      // A run that really is taken over while it works is reported, by whichever runtime held it.
      const [id] = await send([{ name: "test/held", data: {} }]);
      await vi.waitFor(() => expect(holds.has(id!)).toBe(true), { timeout: 5_000 });
      await db.jobRun.updateMany({
        where: { functionId: "held", runKey: id! },
        data: { leaseOwner: "another-process", leaseUntil: new Date(Date.now() + 60_000) },
      });
      const takenOver = () => [...own.lines, ...logger.lines].filter((l) => l.includes("taken over"));
      // The file's runtime renews every 3.3 s (its lease is 10 s).
      await vi.waitFor(() => expect(takenOver()).toEqual(["warn [jobs] 1 run(s) of this process were taken over by another"]), {
        timeout: 5_000,
        interval: 50,
      });
      holds.get(id!)!();
      await vi.waitFor(() => expect([...own.lines, ...logger.lines].some((l) => l.includes(`held ${id}: the lease was lost`))).toBe(true));
      // The other process finishes it.
      await db.jobRun.updateMany({
        where: { functionId: "held", runKey: id! },
        data: { status: "SUCCEEDED", leaseOwner: null, leaseUntil: null, finishedAt: new Date() },
      });
    } finally {
      await short.stop();
    }
  });

  it("retries a failing function with back-off in the database, keeping the steps that succeeded", async () => {
    const before = logger.lines.length;
    const [id] = await send([{ name: "test/flaky", data: {} }]);
    await runtime.drain();
    expect(await runOf("flaky", id!)).toMatchObject({ status: "SUCCEEDED", attempts: 3, maxAttempts: 4, output: '{"tries":3}', error: null });
    expect(calls[`flaky-before:${id}`]).toBe(1);
    expect(calls[`flaky-shaky:${id}`]).toBe(3);
    expect(logger.lines.slice(before).filter((l) => l.startsWith("warn") && l.includes(id!))).toHaveLength(2);
  });

  it("records a function that keeps failing as FAILED after its retries, with the error", async () => {
    const [id] = await send([{ name: "test/broken", data: {} }]);
    await runtime.drain();
    expect(calls[`broken:${id}`]).toBe(3);
    const row = await runOf("broken", id!);
    expect(row).toMatchObject({ status: "FAILED", attempts: 3, error: "Error: the college endpoint is down", leaseOwner: null });
    expect(row.finishedAt).not.toBeNull();
    expect(logger.lines.at(-1)).toMatch(/^error \[jobs\] broken .* failed after 3 attempt\(s\)/);
  });

  it("does not retry a NonRetriableError or an event that fails its schema", async () => {
    const [id, badId] = await send([
      { name: "test/hopeless", data: {} },
      { name: "test/echo", data: { n: "not a number" } },
    ]);
    await runtime.drain();
    expect(await runOf("hopeless", id!)).toMatchObject({ status: "FAILED", attempts: 1, error: "NonRetriableError: bad data, retrying cannot help" });
    expect(calls[`hopeless:${id}`]).toBe(1);
    expect(await runOf("echo", badId!)).toMatchObject({ status: "FAILED", attempts: 1, error: expect.stringMatching(/^EventValidationError: n:/) });
    expect(calls[`echo:${badId}`]).toBeUndefined();
  });
});

describe("slots, concurrency keys and leases", () => {
  it("honours a function's concurrency key: one run per group at a time, groups side by side", async () => {
    inside.clear();
    mostInside = mostInsideOneGroup = 0;
    await send(["a", "b", "a", "b", "a", "b", "a", "b"].map((group) => ({ name: "test/grouped", data: { group } })));
    await runtime.drain();
    expect(mostInsideOneGroup).toBe(1);
    expect(mostInside).toBe(2);
    expect(await db.jobRun.count({ where: { functionId: "grouped", status: "SUCCEEDED" } })).toBe(8);
    expect(await db.jobRun.findFirstOrThrow({ where: { functionId: "grouped" } })).toMatchObject({ concurrencyKey: expect.stringMatching(/^grouped:[ab]$/) });
  });

  it("keeps a burst waiting in the database, never more runs at once than the process has slots", async () => {
    let most = 0;
    let queuedSeen = 0;
    await send(Array.from({ length: 9 }, () => ({ name: "test/slow", data: {} })));
    const watching = (async () => {
      for (let i = 0; i < 40; i++) {
        const running = await db.jobRun.count({ where: { functionId: "slow", status: "RUNNING" } });
        const queued = await db.jobRun.count({ where: { functionId: "slow", status: "QUEUED" } });
        most = Math.max(most, running);
        queuedSeen = Math.max(queuedSeen, queued);
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    })();
    await runtime.drain();
    await watching;
    expect(most).toBeLessThanOrEqual(SLOTS);
    expect(queuedSeen).toBeGreaterThanOrEqual(3);
    expect(await db.jobRun.count({ where: { functionId: "slow", status: "SUCCEEDED" } })).toBe(9);
  });

  it("takes over a run whose process died (its lease expired), without running its finished steps again", async () => {
    const id = uniqueId("orphan");
    await db.jobRun.create({
      data: {
        functionId: "echo",
        runKey: id,
        trigger: "event:test/echo",
        status: "RUNNING",
        eventName: "test/echo",
        eventData: JSON.stringify({ n: 5 }),
        attempts: 1,
        maxAttempts: 4,
        leaseOwner: "a-process-that-died",
        leaseUntil: new Date(Date.now() - 1_000),
        steps: JSON.stringify({ double: 10 }),
      },
    });
    // Another process's live lease is left alone.
    const held = uniqueId("held");
    await db.jobRun.create({
      data: {
        functionId: "echo",
        runKey: held,
        trigger: "x",
        status: "RUNNING",
        eventName: "test/echo",
        eventData: "{}",
        attempts: 1,
        leaseOwner: "alive",
        leaseUntil: new Date(Date.now() + 60_000),
      },
    });
    signalBackgroundWork();
    await vi.waitFor(async () => expect((await runOf("echo", id)).status).toBe("SUCCEEDED"), { timeout: 5_000, interval: 50 });
    expect(await runOf("echo", id)).toMatchObject({ attempts: 2, output: '{"doubled":10,"attempt":1}' });
    expect(calls[`echo:${id}`]).toBeUndefined();
    expect(await runOf("echo", held)).toMatchObject({ status: "RUNNING", leaseOwner: "alive" });
    await db.jobRun.delete({ where: { functionId_runKey: { functionId: "echo", runKey: held } } });
  });

  it("fails a run interrupted on its last attempt instead of running it again", async () => {
    const id = uniqueId("poison");
    await db.jobRun.create({
      data: {
        functionId: "echo",
        runKey: id,
        trigger: "x",
        status: "RUNNING",
        eventName: "test/echo",
        eventData: '{"n":1}',
        attempts: 4,
        maxAttempts: 4,
        leaseOwner: "gone",
        leaseUntil: new Date(Date.now() - 1),
      },
    });
    signalBackgroundWork();
    await vi.waitFor(async () => expect((await runOf("echo", id)).status).toBe("FAILED"), { timeout: 5_000, interval: 50 });
    expect(await runOf("echo", id)).toMatchObject({ error: "interrupted: the process stopped during the run", attempts: 4 });
    expect(calls[`echo:${id}`]).toBeUndefined();
  });
});

describe("operators", () => {
  beforeAll(async () => {
    if ((await db.user.count()) === 0) await seedDemo();
  });

  it("retry a failed run: it is queued again with all its attempts, once however often they click", async () => {
    const [id] = await send([{ name: "test/broken", data: {} }]);
    await runtime.drain();
    const failed = await runOf("broken", id!);
    expect(failed.status).toBe("FAILED");
    const admin = await actorFor("demo.admin");
    expect(await retryJobRun({ actor: await actorFor("demo.board"), runId: failed.id })).toEqual({ ok: false, reason: "forbidden" });
    const [one, two] = await Promise.all([retryJobRun({ actor: admin, runId: failed.id }), retryJobRun({ actor: admin, runId: failed.id })]);
    expect([one.ok, two.ok].sort()).toEqual([false, true]);
    await runtime.drain();
    expect(calls[`broken:${id}`]).toBe(6);
    expect(await runOf("broken", id!)).toMatchObject({ status: "FAILED", attempts: 3, trigger: "retry:demo.admin" });
    expect(await retryJobRun({ actor: admin, runId: "no-such-run" })).toEqual({ ok: false, reason: "notFound" });
  });
});

describe("cron functions", () => {
  it("enqueues each function's tick once, however often and by however many instances the tick is seen", async () => {
    let clock = new Date("2030-01-15T11:00:20Z"); // 06:00 in Toronto: both are due.
    const now = () => clock;
    const scheduler = createScheduler({ functions: TEST_FUNCTIONS, now, logger });
    expect(scheduler.scheduled.map((s) => s.functionId)).toEqual(["every-minute", "six-am"]);
    // First sight of these schedules in this database: the tick that is just due runs.
    await scheduler.tick();
    const tick = "cron:2030-01-15T11:00:00.000Z";
    expect(await runOf("every-minute", tick)).toMatchObject({ trigger: "cron", eventName: "inngest/scheduled.timer" });
    expect(await runOf("six-am", tick)).toMatchObject({ trigger: "cron" });

    // The same minute again, here and in a second instance at once: nothing more.
    clock = new Date("2030-01-15T11:00:50Z");
    await Promise.all([scheduler.tick(), createScheduler({ functions: TEST_FUNCTIONS, now, logger }).tick()]);
    expect(await db.jobRun.count({ where: { runKey: tick } })).toBe(2);
    await runtime.drain();
    expect(calls[`every-minute:${tick}`]).toBe(1);
    expect(calls[`six-am:${tick}`]).toBe(1);

    clock = new Date("2030-01-15T11:01:00Z");
    await scheduler.tick();
    expect(await db.jobRun.count({ where: { runKey: "cron:2030-01-15T11:01:00.000Z" } })).toBe(1);

    // No process ran for three hours: on catch-up each function's latest tick runs once, not one per missed tick.
    clock = new Date("2030-01-16T11:30:10Z");
    await createScheduler({ functions: TEST_FUNCTIONS, now, logger }).tick();
    expect(await db.jobRun.count({ where: { functionId: "every-minute", runKey: { startsWith: "cron:2030-01-16" } } })).toBe(1);
    expect(await runOf("every-minute", "cron:2030-01-16T11:30:00.000Z")).toBeTruthy();
    expect(await runOf("six-am", "cron:2030-01-16T11:00:00.000Z")).toBeTruthy();
  });

  it("does not run every schedule's past tick when a function is scheduled for the first time", async () => {
    const late = client.createFunction({ id: "first-time", triggers: [cron("TZ=America/Toronto 0 2 * * *")] }, async () => "ok");
    await createScheduler({ functions: [late], now: () => new Date("2030-02-01T17:00:00Z"), logger }).tick();
    expect(await db.jobRun.count({ where: { functionId: "first-time" } })).toBe(0);
    expect(await db.cronState.findUniqueOrThrow({ where: { functionId: "first-time" } })).toMatchObject({ lastTickAt: new Date("2030-02-01T07:00:00Z") });
  });

  it("wakes at each scheduled instant on its own timer (a seconds schedule here), and stops", async () => {
    const rt: BackgroundRuntime = startBackgroundRuntime({ functions: [everySecond], dispatchPollMs: 20, runner: { pollMs: 20 }, logger });
    await new Promise((resolve) => setTimeout(resolve, 2_600));
    await rt.stop();
    expect(rt.scheduler?.running).toBe(false);
    const ticks = await db.jobRun.findMany({ where: { functionId: "every-second" }, select: { runKey: true, status: true } });
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    for (const t of ticks) {
      expect(t.runKey).toMatch(/^cron:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
      expect(calls[`every-second:${t.runKey}`] ?? 0, t.runKey).toBeLessThanOrEqual(1);
    }
  });
});

describe("Run now", () => {
  beforeAll(async () => {
    if ((await db.user.count()) === 0) await seedDemo();
  });

  it("runs a scheduled function once at an OCAS administrator's request and records who asked", async () => {
    const admin = await actorFor("demo.admin");
    const before = await db.jobRun.count({ where: { functionId: "every-minute", trigger: { startsWith: "manual:" } } });
    expect(await runJobNow({ actor: admin, functionId: "every-minute" })).toEqual({ ok: true, outcome: "succeeded" });
    const runs = await db.jobRun.findMany({ where: { functionId: "every-minute", trigger: { startsWith: "manual:" } }, orderBy: { createdAt: "desc" } });
    expect(runs).toHaveLength(before + 1);
    expect(runs[0]).toMatchObject({ trigger: "manual:demo.admin", status: "SUCCEEDED" });
    // A second click is a second run.
    expect(await runJobNow({ actor: admin, functionId: "every-minute" })).toEqual({ ok: true, outcome: "succeeded" });
    expect(await db.jobRun.count({ where: { functionId: "every-minute", trigger: { startsWith: "manual:" } } })).toBe(before + 2);
  });

  it("is for OCAS administrators only, and for scheduled functions only", async () => {
    const board = await actorFor("demo.board");
    expect(await runJobNow({ actor: board, functionId: "every-minute" })).toEqual({ ok: false, reason: "forbidden" });
    const admin = await actorFor("demo.admin");
    expect(await runJobNow({ actor: admin, functionId: "no-such-function" })).toEqual({ ok: false, reason: "unknownFunction" });
    expect(await runJobNow({ actor: admin, functionId: "echo" })).toEqual({ ok: false, reason: "unknownFunction" });
  });
});
