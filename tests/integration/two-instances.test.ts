// Two app instances on one database and one object store (issue 22): two production servers (`npm start`,
// scripts/serve.mjs) started as real child processes, each running every background function in-process (the
// embedded runner and scheduler, docs/decisions/0011), on this worker's database — PostgreSQL in CI's second pass,
// a SQLite file otherwise — and one S3-compatible server on loopback. Driven at once, they show: each cron tick runs
// once, each email is written once, each batch is delivered once, concurrent intake calls for one request make one
// request, a session made on one is valid on the other, and a file either wrote is read by both.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createCollegeDouble, type CollegeDouble } from "@/tests/doubles/college-server.mjs";
import { isPostgres } from "@/lib/database-url.mjs";
import { freePort, signIn } from "@/scripts/bench/http-helpers";
import { intakeBodies } from "./helpers/intake-body";

const s3 = await vi.hoisted(async () => {
  const { startS3Double, s3DoubleEnv } = await import("../doubles/s3-server.mjs");
  const started = await startS3Double({ bucket: "trms-cluster" });
  Object.assign(process.env, s3DoubleEnv(started.endpoint, started.bucket, "files"));
  // The servers' secret, before this process reads its settings: the seed seals the boards' and colleges' secrets
  // with it, and the servers open them.
  process.env.AUTH_SECRET = "two-instances-test-auth-secret-0123456789abcdef";
  return started;
});

const { db } = await import("@/lib/db");
const { scheduledFunctions } = await import("@/lib/inngest/scheduler");
const { functions } = await import("@/inngest");
const { seedDemo } = await import("./helpers/seeded");

const root = path.resolve(import.meta.dirname, "../..");
const AUTH_SECRET = process.env.AUTH_SECRET!;
const INTAKE_KEY = "two-instances-intake-key";
const body = intakeBodies(88_000_000);

type Instance = { name: string; base: string; child: ChildProcess; log: string[] };
const instances: Instance[] = [];
let college: CollegeDouble;

async function startInstance(name: string): Promise<Instance> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    AUTH_SECRET,
    AUTH_TRUST_HOST: "true",
    INTAKE_API_KEY: INTAKE_KEY,
    APP_URL: base,
    TRMS_ALLOW_LOOPBACK_HTTP: "true",
    TRMS_RUNNER_LEASE_SECONDS: "10",
  };
  // Every instance runs the scheduler: that is what is tested.
  delete env.TRMS_DISABLE_SCHEDULER;
  delete env.VITEST;
  delete env.VITEST_POOL_ID;
  delete env.VITEST_WORKER_ID;
  const child = spawn(process.execPath, [path.join(root, "scripts/serve.mjs"), "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  child.stdout!.on("data", (d: Buffer) => log.push(d.toString()));
  child.stderr!.on("data", (d: Buffer) => log.push(d.toString()));
  const end = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${log.join("")}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) throw new Error(`${name} did not start:\n${log.join("")}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { name, base, child, log };
}

async function until<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 60_000, explain?: () => Promise<string>): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${explain ? `: ${await explain()}` : ""}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const s3Client = new S3Client({
  endpoint: s3.endpoint,
  region: "us-east-1",
  forcePathStyle: true,
  credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
});
async function objectKeys(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3Client.send(new ListObjectsV2Command({ Bucket: "trms-cluster", Prefix: prefix, ContinuationToken: token }));
    keys.push(...(page.Contents ?? []).map((o) => o.Key!));
    token = page.NextContinuationToken;
  } while (token);
  return keys;
}

const scheduled = scheduledFunctions(functions);
const scheduledIds = scheduled.map((s) => s.functionId);
let startedAt: Date;
let readyAt: Date;

// On one PostgreSQL, as the scaled deployment runs (contracts §0): CI's second pass. Two processes on one SQLite file
// are the embedded setup's cluster mode (scripts/serve-cluster.mjs), not this one.
describe.runIf(isPostgres(process.env.DATABASE_URL ?? ""))("two instances, one database, one object store", () => {
  beforeAll(async () => {
    if (!fs.existsSync(path.join(root, ".next/BUILD_ID"))) {
      // npm test runs vitest before Playwright builds the app: build it once here.
      execFileSync(path.join(root, "node_modules/.bin/next"), ["build"], { cwd: root, stdio: "ignore", env: { ...process.env, NODE_ENV: "production" } });
    }
    college = createCollegeDouble();
    const collegeUrl = await college.listen();
    // The seed encrypts the boards' SIS secrets with the servers' AUTH_SECRET.
    process.env.AUTH_SECRET = AUTH_SECRET;
    await seedDemo(new Date(), { collegeDoubleUrl: collegeUrl });
    // Each request to process emailed to demo.school; no board asks its SIS first.
    await db.board.updateMany({ data: { autoTrmsEnabled: false } });
    const school = await db.user.findUniqueOrThrow({ where: { username: "demo.school" } });
    await db.notificationSetting.upsert({
      where: { userId: school.id },
      create: { userId: school.id, eachRequest: true, emails: school.email },
      update: { eachRequest: true },
    });
    // Every schedule last ran two days ago: both instances find the same ticks due the moment they start.
    const longAgo = new Date(Date.now() - 2 * 86_400_000);
    for (const functionId of scheduledIds)
      await db.cronState.upsert({ where: { functionId }, create: { functionId, lastTickAt: longAgo }, update: { lastTickAt: longAgo } });
    startedAt = new Date();
    instances.push(...(await Promise.all([startInstance("instance A"), startInstance("instance B")])));
    readyAt = new Date();
  }, 600_000);

  afterAll(async () => {
    // TWO_INSTANCES_LOG=<file> keeps both servers' output, to see why a run failed.
    if (process.env.TWO_INSTANCES_LOG) fs.writeFileSync(process.env.TWO_INSTANCES_LOG, instances.map((i) => `== ${i.name}\n${i.log.join("")}`).join("\n"));
    for (const i of instances) i.child.kill("SIGTERM");
    await Promise.all(instances.map((i) => new Promise((r) => (i.child.exitCode !== null ? r(null) : i.child.once("exit", r)))));
    await college?.close();
    if (college) fs.rmSync(college.dir, { recursive: true, force: true });
    await s3.close();
  }, 60_000);

  it("run each schedule's due tick once between them, and the nightly transmission delivers each batch once", async () => {
    const runs = await until(
      "the catch-up runs to finish",
      async () => {
        const all = await db.jobRun.findMany({ where: { trigger: "cron" }, select: { functionId: true, runKey: true, status: true, leaseOwner: true } });
        return all.length >= scheduledIds.length && all.every((r) => r.status === "SUCCEEDED" || r.status === "FAILED") ? all : null;
      },
      120_000,
    );
    // Two schedulers raced for every tick and exactly one won each. Per schedule: first the tick due when a scheduler
    // first looked (the two days missed collapse into it: the latest tick at some moment between the start and both
    // servers answering), then every tick that fell due since, each once and none skipped. A tick falling due in the
    // last seconds before this check may not have been enqueued yet.
    const checkedAt = new Date();
    const EDGE_MS = 10_000;
    const keys = runs.map((r) => `${r.functionId} ${r.runKey}`);
    expect(keys.length, "one run per tick").toBe(new Set(keys).size);
    for (const f of scheduled) {
      const latestAt = (at: Date) => Math.max(...f.schedules.map((c) => c.previous(at)?.getTime() ?? -Infinity));
      // The function's ticks from the latest one due at the start up to the check, in order.
      const ticks = new Set<number>([latestAt(startedAt)]);
      for (const c of f.schedules) for (let t = c.next(startedAt); t && t <= checkedAt; t = c.next(t)) ticks.add(t.getTime());
      const sequence = [...ticks].sort((a, b) => a - b);
      const got = runs
        .filter((r) => r.functionId === f.functionId)
        .map((r) => new Date(r.runKey.replace(/^cron:/, "")).getTime())
        .sort((a, b) => a - b);
      const first = sequence.indexOf(got[0] ?? NaN);
      const why = `${f.functionId}: ${got.map((t) => new Date(t).toISOString()).join(", ")} (started ${startedAt.toISOString()}, ready ${readyAt.toISOString()}, checked ${checkedAt.toISOString()})`;
      expect(first, why).toBeGreaterThanOrEqual(0);
      expect(got[0]!, why).toBeLessThanOrEqual(latestAt(readyAt));
      // Contiguous from there: no tick skipped, none outside the sequence.
      expect(got, why).toEqual(sequence.slice(first, first + got.length));
      // Every tick due since the first, up to a few seconds before this check, ran.
      const due = sequence.slice(first).filter((t) => t <= checkedAt.getTime() - EDGE_MS);
      expect(got.length, why).toBeGreaterThanOrEqual(due.length);
    }
    expect(runs.filter((r) => r.status !== "SUCCEEDED")).toEqual([]);

    // The nightly run builds the batches; each is then delivered by a function of its own, on either instance.
    const batches = await until("every batch delivered or kept for download", async () => {
      const all = await db.transmissionBatch.findMany({ select: { batchId: true, status: true } });
      return all.length > 0 && all.every((b) => !["BUILDING", "READY", "RETRYING"].includes(b.status)) ? all : null;
    });
    // Delivered to the colleges with an endpoint; kept for download for the others (contracts §4).
    expect(
      batches.filter((b) => b.status !== "DELIVERED" && b.status !== "WAITING_DOWNLOAD"),
      JSON.stringify(batches),
    ).toEqual([]);
    const delivered = batches.filter((b) => b.status === "DELIVERED").map((b) => b.batchId);
    expect(delivered.length).toBeGreaterThan(0);
    // Each delivered once: the college double keeps one copy per webhook-id and counts repeats.
    const received = college.state.received.map((r) => r.batchId);
    expect(received.sort()).toEqual(delivered.sort());
    expect(college.state.duplicates).toBe(0);
    // The batch files are in the object store, not on either machine's disk.
    expect((await objectKeys("files/batches/")).length).toBe(batches.length);
  }, 180_000);

  it("make one request of concurrent intake calls for it, and email each new request once", async () => {
    const emailsBefore = await db.emailOutbox.count({ where: { template: "requestToProcess" } });
    const post = (instance: Instance, payload: unknown) =>
      fetch(`${instance.base}/api/v1/transcript-requests`, {
        method: "POST",
        headers: { authorization: `Bearer ${INTAKE_KEY}`, "content-type": "application/json" },
        body: JSON.stringify(payload),
      });
    // The same request sent to both at once, five times over.
    const payloads = Array.from({ length: 5 }, () => body());
    const answers = await Promise.all(payloads.flatMap((p) => [post(instances[0]!, p), post(instances[1]!, p)]));
    const statuses = answers.map((a) => a.status);
    expect(
      statuses.every((s) => s === 200 || s === 201),
      statuses.join(","),
    ).toBe(true);
    const references = await Promise.all(answers.map(async (a) => ((await a.json()) as { referenceNumber: string }).referenceNumber));
    for (let i = 0; i < payloads.length; i++) expect(references[2 * i]).toBe(references[2 * i + 1]);
    expect(await db.transcriptRequest.count({ where: { requestNumber: { in: payloads.map((p) => p.requestNumber) } } })).toBe(5);

    const emails = await until(
      "one email per new request",
      async () => {
        const rows = await db.emailOutbox.findMany({ where: { template: "requestToProcess" }, select: { id: true, status: true, dedupeKey: true } });
        return rows.length - emailsBefore >= 5 && rows.every((e) => e.status === "OUTBOX") ? rows : null;
      },
      60_000,
      async () =>
        JSON.stringify({
          emails: await db.emailOutbox.findMany({ select: { template: true, status: true, error: true } }),
          runs: await db.jobRun.findMany({ where: { functionId: "notify-request-to-process" }, select: { status: true, output: true, error: true } }),
          requests: await db.transcriptRequest.findMany({
            where: { requestNumber: { in: payloads.map((p) => p.requestNumber) } },
            select: { status: true, tab: true },
          }),
        }),
    );
    expect(emails.length - emailsBefore).toBe(5);
    // Each written once to the outbox's copies in the object store, whichever instance sent it.
    const copies = await objectKeys("files/outbox/");
    for (const email of emails)
      expect(
        copies.filter((k) => k.endsWith(`-${email.id}.txt`)),
        email.id,
      ).toHaveLength(1);
  }, 120_000);

  it("accept a session made on one instance on the other, and serve a file from either", async () => {
    const [a, b] = instances as [Instance, Instance];
    const cookie = await signIn(a.base, "demo.admin", "Demo-Admin-2026!");
    for (const instance of [a, b]) {
      const page = await fetch(`${instance.base}/en/requests`, { headers: { cookie } });
      expect(page.status, instance.name).toBe(200);
      expect(await page.text()).toContain("<tbody");
    }
    const downloaded = async (instance: Instance, route: string) => {
      const download = await fetch(`${instance.base}${route}`, { headers: { cookie } });
      expect(download.status, `${instance.name} ${route}`).toBe(200);
      return crypto
        .createHash("sha256")
        .update(Buffer.from(await download.arrayBuffer()))
        .digest("hex");
    };
    const file = await db.uploadedFile.findFirstOrThrow({ select: { id: true, sha256: true } });
    // A batch file one instance wrote, downloaded from each.
    const batch = await db.transmissionBatch.findFirstOrThrow({ select: { batchId: true, sha256: true } });
    for (const instance of [a, b]) {
      expect(await downloaded(instance, `/api/files/${file.id}`)).toBe(file.sha256);
      expect(await downloaded(instance, `/api/admin/transmission-batches/${encodeURIComponent(batch.batchId)}`)).toBe(batch.sha256);
    }
    // Neither instance wrote a file to its own disk.
    const local = path.resolve(process.env.FILE_STORAGE_DIR!);
    expect(
      fs.existsSync(local) ? (fs.readdirSync(local, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(local, f)).isFile()) : [],
    ).toEqual([]);
  }, 60_000);
});
