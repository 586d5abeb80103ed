// Notification Digests at the size of a busy Monday (contracts §8, issue "Notifications"), in a throwaway SQLite
// database with the demo data: N users (default 10,000) of the demo's schools and boards whose digest is due, sent by
// the Notification Digests function through the embedded runtime as the app runs it (Run Now). Measured: digests
// rendered and queued per second (bar ≥ 200/s), and that each user got exactly one (a second run queues none).
//
// `npx tsx scripts/bench/notifications.ts [--users 10000] [--json out]`; scripts/bench.ts runs it in its own process.
import crypto from "node:crypto";
import fs from "node:fs";
import { register } from "node:module";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import type { Figure } from "./figures";

register("../server-only-hook.mjs", import.meta.url);

const RATE_BAR = 200;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i === -1 ? fallback : Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number`);
  return value;
}

export async function runNotificationsBench(options: { users?: number } = {}): Promise<Figure[]> {
  const users = options.users ?? 10_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trms-bench-notifications-"));
  process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
  process.env.FILE_STORAGE_DIR = path.join(dir, "files");
  process.env.AUTH_SECRET ||= "benchmark-only-auth-secret-0123456789abcdef";
  try {
    const { migrate } = await import("@/scripts/db-migrate.mjs");
    migrate({ quiet: true });
    const { db } = await import("@/lib/db");
    const { seed } = await import("@/prisma/seed/seed-demo");
    const { jobRunRequestedEvent } = await import("@/lib/domain/events");
    const { enqueueEvents } = await import("@/lib/server/jobs/outbox");
    const { signalBackgroundWork } = await import("@/lib/server/jobs/signal");
    const { startBackgroundRuntime } = await import("@/lib/inngest/runtime");
    const { notificationDigestsFunction, NOTIFICATION_DIGESTS_ID } = await import("@/inngest/functions/notification-digests");
    await seed(db, { log: () => {} });

    // Users of the demo's scopes (schools, boards, OCAS), in both languages, each with a daily digest due now.
    const schools = await db.school.findMany({ select: { id: true, boardId: true } });
    const boards = await db.board.findMany({ select: { id: true } });
    const hash = (await db.user.findFirstOrThrow({ select: { passwordHash: true } })).passwordHash;
    const since = new Date(Date.now() - 3 * 24 * 3_600_000);
    for (let from = 0; from < users; from += 1_000) {
      const rows = Array.from({ length: Math.min(1_000, users - from) }, (_, i) => {
        const n = from + i;
        const kind = n % 10;
        const school = schools[n % schools.length]!;
        const role = kind < 6 ? "SCHOOL_USER" : kind < 9 ? "BOARD_USER" : "OCAS_ADMIN";
        return {
          id: `bench-user-${n}`,
          username: `bench.user.${n}`,
          email: `bench.user.${n}@example.org`,
          displayName: `Bench User ${n}`,
          passwordHash: hash,
          role: role as "SCHOOL_USER" | "BOARD_USER" | "OCAS_ADMIN",
          boardId: role === "BOARD_USER" ? boards[n % boards.length]!.id : null,
          schoolId: role === "SCHOOL_USER" ? school.id : null,
          language: n % 3 === 0 ? "fr" : "en",
          mustChangePassword: false,
          active: true,
        };
      });
      await db.user.createMany({ data: rows });
      await db.notificationSetting.createMany({
        data: rows.map((u) => ({
          id: crypto.randomUUID(),
          userId: u.id,
          summaryEnabled: true,
          days: "1,2,3,4,5,6,7",
          time: "00:00",
          emails: u.email,
          digestSince: since,
        })),
      });
    }

    const runtime = startBackgroundRuntime({
      functions: [notificationDigestsFunction],
      schedule: false,
      logger: { warn: (m) => console.error(m), error: (m) => console.error(m) },
    });
    const run = async (n: number) => {
      await enqueueEvents(db, [jobRunRequestedEvent(NOTIFICATION_DIGESTS_ID, "benchmark", String(n))]);
      signalBackgroundWork();
      await runtime.drain({ timeoutMs: 15 * 60_000 });
    };
    let seconds: number;
    try {
      const t0 = performance.now();
      await run(1);
      seconds = (performance.now() - t0) / 1000;
      await run(2);
    } finally {
      await runtime.stop();
    }
    const queued = await db.emailOutbox.count({ where: { template: "digest" } });
    const distinctUsers = (await db.emailOutbox.findMany({ where: { template: "digest" }, select: { to: true }, distinct: ["to"] })).length;
    await db.$disconnect();
    const notes: string[] = [];
    if (queued !== users) notes.push(`${queued} digests queued for ${users} users (after two runs)`);
    if (distinctUsers !== users) notes.push(`${distinctUsers} distinct recipients`);
    const rate = users / seconds;
    return [
      {
        section: "Notifications",
        figure: `digests due for ${users.toLocaleString("en-CA")} users, rendered and queued (Notification Digests, Run Now)`,
        appText: `${rate.toFixed(0)} digests/s (${users} in ${seconds.toFixed(1)} s; a second run queued ${queued - users})`,
        bar: `≥ ${RATE_BAR} digests/s, each once`,
        holds: notes.length === 0 ? rate >= RATE_BAR : false,
        notes,
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const figures = await runNotificationsBench({ users: arg("--users", 10_000) });
  const jsonAt = process.argv.indexOf("--json");
  if (jsonAt !== -1 && process.argv[jsonAt + 1]) fs.writeFileSync(process.argv[jsonAt + 1]!, JSON.stringify(figures));
  for (const f of figures)
    console.log(`${f.figure}: ${f.appText} (bar ${f.bar}) ${f.holds ? "holds" : "FAILED"}${f.notes.length ? ` — ${f.notes.join("; ")}` : ""}`);
  process.exit(0);
}
