import fs from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { buildBatches } from "@/lib/server/transmission/build-batches";
import { collectTransmissionItems } from "@/lib/server/transmission/collect-items";
import { createCollegeDouble, type CollegeDouble } from "@/tests/doubles/college-server.mjs";
import { kill, killAll, startChild, waitFor } from "./helpers/children";
import { seedDemo } from "./helpers/seeded";
import { completeWithUpload } from "./helpers/transmission";

// A delivered pair is never sent twice and nothing is lost, whatever process dies when (contracts §4): the app's
// functions run in a real child process (crash/runtime-child.ts serve) on this file's database, delivering to the
// college double in this process, and the test kills the child with SIGKILL between the send and its record.

let double: CollegeDouble;
let base: string;

beforeAll(async () => {
  double = createCollegeDouble();
  base = await double.listen();
  await seedDemo(new Date(), { collegeDoubleUrl: base });
});

afterEach(killAll);

afterAll(async () => {
  await double.close();
  fs.rmSync(double.dir, { recursive: true, force: true });
});

describe("a process killed between the send and its record", () => {
  it("sends the same batch again from the next process, which the college drops as a repeat; each item is delivered once", { timeout: 120_000 }, async () => {
    const request = await completeWithUpload(null, undefined, { pdf: true, minColleges: 2 });
    await collectTransmissionItems();
    await buildBatches({ night: "2031-01-10" });
    const batches = await db.transmissionBatch.findMany({ where: { night: "2031-01-10" }, select: { id: true, batchId: true, storedName: true } });
    expect(batches.length).toBeGreaterThanOrEqual(2);

    // The colleges answer slowly: the process dies after the batches left, before it learnt they arrived.
    double.state.latencyMs = 15_000;
    const first = await startChild(["serve"], "READY");
    await waitFor(async () => expect(double.state.received.length).toBeGreaterThanOrEqual(1));
    await kill(first.child);
    const received = double.state.received.map((r) => r.batchId);
    const lost = await db.transmissionBatch.findMany({ where: { batchId: { in: received } }, include: { attemptLog: true } });
    for (const b of lost) {
      expect(b.status).not.toBe("DELIVERED");
      // The attempt is in the log, without an answer.
      expect(b.attemptLog.map((a) => [a.httpStatus, a.error])).toEqual([[null, "interrupted: no answer was recorded"]]);
    }
    expect(await db.transmissionItem.count({ where: { requestId: request.id, status: "DELIVERED" } })).toBe(0);

    double.state.latencyMs = 0;
    const second = await startChild(["serve"], "READY");
    await waitFor(async () => expect(await db.transmissionBatch.count({ where: { night: "2031-01-10", status: { not: "DELIVERED" } } })).toBe(0), 60_000);
    await waitFor(async () => expect(await db.jobRun.count({ where: { functionId: "deliver-transmission-batch", status: { not: "SUCCEEDED" } } })).toBe(0));
    await kill(second.child);

    // Every batch reached its college once; the ones sent before the kill came again under the same BatchID.
    for (const b of batches) expect(double.state.received.filter((r) => r.batchId === b.batchId)).toHaveLength(1);
    expect(double.state.duplicates).toBe(received.length);
    const items = await db.transmissionItem.findMany({ where: { requestId: request.id } });
    expect(items.map((i) => i.status)).toEqual(request.colleges.map(() => "DELIVERED"));
    // One "transmitted" row per college on the request, not one per send.
    expect(await db.timelineEvent.count({ where: { requestId: request.id, type: "transmitted" } })).toBe(request.colleges.length);
    for (const b of await db.transmissionBatch.findMany({
      where: { batchId: { in: received } },
      include: { attemptLog: { orderBy: { attemptedAt: "asc" } } },
    })) {
      expect(b.attemptLog.map((a) => a.httpStatus)).toEqual([null, 200]);
      expect(b.attempts).toBe(2);
    }
  });
});
