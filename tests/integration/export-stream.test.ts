import { beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { parseRequestSearch } from "@/lib/domain/request-search";
import { exportBatches } from "@/lib/server/exports/export-rows";
import { requestsCsvStream } from "@/lib/server/exports/requests-csv";
import { isPostgres } from "@/lib/database-url.mjs";
import { actorFor } from "./helpers/actors";
import { seedDemo } from "./helpers/seeded";

// On SQLite (WAL mode) the CSV is one statement streamed as the client reads it, on a connection of the export's
// own (docs/decisions/0009-export-plain-sql.md). What that must and must not do to the rest of the app.

const NOW = new Date();
const search = (query: string) => parseRequestSearch(new URLSearchParams(query)).search;
const sqlite = !isPostgres(process.env.DATABASE_URL);

beforeAll(async () => {
  await seedDemo(NOW);
});

/** Frames in the WAL, and how many of them a checkpoint could copy into the database (PASSIVE: waits for no one). */
async function walCheckpoint() {
  const [row] = await db.$queryRawUnsafe<{ busy: number | bigint; log: number | bigint; checkpointed: number | bigint }[]>("PRAGMA wal_checkpoint(PASSIVE)");
  return { log: Number(row!.log), checkpointed: Number(row!.checkpointed) };
}

describe.skipIf(!sqlite)("SQLite: the CSV streams one statement", () => {
  test("while a download is paused, the app writes without waiting, the download reads one snapshot, and cancelling it ends the snapshot", async () => {
    const actor = await actorFor("demo.admin");
    // Oldest first, two rows per batch: the last request comes in a later batch than the first read.
    const stream = requestsCsvStream({ actor, search: search("status=ALL&sort=requestDate&dir=asc"), locale: "en", batchSize: 2, now: NOW });
    const reader = stream.getReader();
    const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
    await reader.read(); // header
    const first = decoder.decode((await reader.read()).value);
    expect(first.split("\r\n").filter(Boolean)).toHaveLength(2);

    // The newest request, changed by the app while the download waits on its client.
    const newest = await db.transcriptRequest.findFirstOrThrow({ orderBy: [{ paidAt: "desc" }, { id: "desc" }] });
    const started = performance.now();
    await db.transcriptRequest.update({ where: { id: newest.id }, data: { firstName: "Changed-During-Export" } });
    expect(performance.now() - started).toBeLessThan(2000);
    // The download holds a snapshot from before the change: the WAL cannot be checkpointed past it.
    const held = await walCheckpoint();
    expect(held.checkpointed).toBeLessThan(held.log);

    let rest = "";
    for (let i = 0; i < 3; i++) rest += decoder.decode((await reader.read()).value);
    await reader.cancel();
    // Cancelled: the export's connection is closed and its snapshot with it.
    const released = await walCheckpoint();
    expect(released.checkpointed).toBe(released.log);
    expect(first + rest).not.toContain("Changed-During-Export");

    // Read to the end, the same download has the request as it was when it started.
    let whole = "";
    const again = requestsCsvStream({ actor, search: search("status=ALL&sort=requestDate&dir=asc"), locale: "en", batchSize: 2, now: NOW }).getReader();
    for (let i = 0; i < 2; i++) whole += decoder.decode((await again.read()).value); // header, first batch
    await db.transcriptRequest.update({ where: { id: newest.id }, data: { firstName: "Changed-Again" } });
    for (;;) {
      const { done, value } = await again.read();
      if (done) break;
      whole += decoder.decode(value);
    }
    // The snapshot is the one of the first batch: after "Changed-During-Export", before "Changed-Again".
    expect(whole).toContain(`Changed-During-Export ${newest.lastName}`);
    expect(whole).not.toContain("Changed-Again");
    expect((await walCheckpoint()).checkpointed).toBe((await walCheckpoint()).log);
  });

  test("an export that stops early (the PDF's cap), is left by its consumer, or fails leaves no snapshot behind", async () => {
    const actor = await actorFor("demo.admin");
    const write = () => db.transcriptRequest.updateMany({ where: { referenceNumber: "REF-45454545" }, data: { version: { increment: 1 } } });
    const noSnapshotLeft = async (what: string) => {
      // A write after the export: a snapshot still held would keep its frames out of the database.
      await write();
      const wal = await walCheckpoint();
      expect(wal.log, what).toBeGreaterThan(0);
      expect(wal.checkpointed, what).toBe(wal.log);
    };

    const sizes: number[] = [];
    for await (const batch of exportBatches({ actor, search: search("status=ALL"), batchSize: 3, limit: 5 })) sizes.push(batch.length);
    expect(sizes).toEqual([3, 2]);
    await noSnapshotLeft("capped");

    for await (const batch of exportBatches({ actor, search: search("status=ALL"), batchSize: 3 })) {
      expect(batch).toHaveLength(3);
      break;
    }
    await noSnapshotLeft("left after one batch");

    await expect(async () => {
      for await (const _ of exportBatches({ actor, search: search("status=ALL"), batchSize: 3 })) throw new Error("consumer failed");
    }).rejects.toThrow("consumer failed");
    await noSnapshotLeft("failed");

    // The check itself: a snapshot held right now is seen.
    const held = exportBatches({ actor, search: search("status=ALL"), batchSize: 3 });
    await held.next();
    await write();
    const wal = await walCheckpoint();
    expect(wal.checkpointed).toBeLessThan(wal.log);
    await held.return();
    await noSnapshotLeft("returned");
  });
});
