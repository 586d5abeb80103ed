import fs from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

// One batch's delivery (lib/server/transmission/deliver-batch.ts) called directly, with no background runtime, so that
// its waits and its timeout can be observed: the college test double is slow, or holds another secret.

import { db } from "@/lib/db";
import { sealSecret } from "@/lib/auth/secret-box";
import { buildBatches } from "@/lib/server/transmission/build-batches";
import { collectTransmissionItems } from "@/lib/server/transmission/collect-items";
import { deliverBatch } from "@/lib/server/transmission/deliver-batch";
import { createCollegeDouble, demoCollegeSecret, type CollegeDouble } from "@/tests/doubles/college-server.mjs";
import { seedDemo } from "./helpers/seeded";
import { completeWithUpload } from "./helpers/transmission";

let double: CollegeDouble;
let base: string;
let night = 0;

beforeAll(async () => {
  double = createCollegeDouble();
  base = await double.listen();
  await seedDemo(new Date(), { collegeDoubleUrl: base });
});

afterAll(async () => {
  await double.close();
  fs.rmSync(double.dir, { recursive: true, force: true });
});

beforeEach(async () => {
  await fetch(`${base}/control`, { method: "POST", body: JSON.stringify({ reset: true }) });
});

const control = (change: Record<string, unknown>) => fetch(`${base}/control`, { method: "POST", body: JSON.stringify(change) });

/** A PDF completed by OCAS, then its items batched for a night of their own; the batch of one of its colleges. */
async function batchOfANewRequest() {
  const request = await completeWithUpload(null, undefined, { pdf: true });
  const code = request.colleges[0]!;
  const date = `2030-04-${String(++night).padStart(2, "0")}`;
  await collectTransmissionItems();
  await buildBatches({ night: date });
  const batch = await db.transmissionBatch.findFirstOrThrow({ where: { night: date, college: { code } } });
  return { request, code, batch };
}

describe("one delivery", () => {
  it("records a timeout as a failed attempt, and waits 2 s then 10 s between attempts without Retry-After", async () => {
    const { batch } = await batchOfANewRequest();
    await control({ latencyMs: 1_500 });
    const waits: number[] = [];
    const result = await deliverBatch({ batchId: batch.batchId, tuning: { timeoutMs: 300, wait: async (ms) => void waits.push(ms) } });
    expect(result).toEqual({ outcome: "failed", attempts: 3 });
    expect(waits).toEqual([2_000, 10_000]);
    const attempts = await db.transmissionAttempt.findMany({ where: { batchId: batch.id } });
    expect(attempts).toHaveLength(3);
    for (const a of attempts) expect(a).toMatchObject({ httpStatus: null, error: expect.stringMatching(/^timeout: /) });
    expect(await db.transmissionBatch.findUniqueOrThrow({ where: { id: batch.id } })).toMatchObject({ status: "FAILED", attempts: 3 });
    // The slow college kept each one: the same BatchID three times, for it to drop the repeats.
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    expect(double.state.received.filter((r) => r.batchId === batch.batchId)).toHaveLength(1);
    expect(double.state.duplicates).toBe(2);
  });

  it("waits what Retry-After asks (up to 2 minutes), and leaves the batch for the next run past that", async () => {
    const { batch } = await batchOfANewRequest();
    await control({ failNext: 3, failStatus: 429, retryAfter: 30 });
    const waits: number[] = [];
    expect(await deliverBatch({ batchId: batch.batchId, tuning: { wait: async (ms) => void waits.push(ms) } })).toEqual({ outcome: "failed", attempts: 3 });
    expect(waits).toEqual([30_000, 30_000]);

    const next = await batchOfANewRequest();
    await control({ failNext: 1, failStatus: 503, retryAfter: 3_600 });
    expect(await deliverBatch({ batchId: next.batch.batchId, tuning: { wait: async (ms) => void waits.push(ms) } })).toEqual({
      outcome: "failed",
      attempts: 1,
    });
    expect(await db.transmissionBatch.findUniqueOrThrow({ where: { id: next.batch.id } })).toMatchObject({ status: "FAILED", lastError: "HTTP 503" });
  });

  it("signs with the secret stored: a college holding another one refuses the batch", async () => {
    const { code, batch } = await batchOfANewRequest();
    await db.college.update({ where: { code }, data: { deliverySecret: sealSecret("whsec_" + Buffer.alloc(32, 9).toString("base64")) } });
    expect(await deliverBatch({ batchId: batch.batchId, tuning: { wait: async () => {} } })).toEqual({ outcome: "failed", attempts: 3 });
    expect(double.state.refused.map((r) => [r.batchId, r.reason])).toEqual([
      [batch.batchId, "badSignature"],
      [batch.batchId, "badSignature"],
      [batch.batchId, "badSignature"],
    ]);
    // With the college's secret again, the same batch goes.
    await db.college.update({ where: { code }, data: { deliverySecret: sealSecret(demoCollegeSecret(code)) } });
    expect(await deliverBatch({ batchId: batch.batchId })).toEqual({ outcome: "delivered", attempts: 1 });
    expect(double.state.received.map((r) => r.batchId)).toEqual([batch.batchId]);
  });

  it("does nothing for a batch already delivered", async () => {
    const { batch } = await batchOfANewRequest();
    expect(await deliverBatch({ batchId: batch.batchId })).toEqual({ outcome: "delivered", attempts: 1 });
    expect(await deliverBatch({ batchId: batch.batchId })).toEqual({ outcome: "skipped", attempts: 0 });
    expect(double.state.calls).toBe(1);
  });
});
