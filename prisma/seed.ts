// `npm run db:seed`: replaces the database's data with the demo data (contracts §7).
// `--if-empty`: seeds only a database without boards (`npm run demo` keeps the data of an earlier run).
import { createDbClient } from "@/lib/db-client";
import { databaseUrl } from "@/lib/database-url.mjs";
import { seed } from "./seed/seed-demo";
import { DEFAULT_INTAKE_API_KEY, DEMO_ACCOUNTS } from "./seed/reference-data";

async function main(): Promise<number> {
  if (process.env.NODE_ENV === "production") {
    console.error("Refusing to seed: NODE_ENV is production. The demo data (and its known passwords) would replace real data.");
    return 1;
  }
  const ifEmpty = process.argv.includes("--if-empty");
  const intakeKey = `Intake API key for the demo: ${process.env.INTAKE_API_KEY?.trim() || DEFAULT_INTAKE_API_KEY}`;
  const db = createDbClient(databaseUrl());
  try {
    if (ifEmpty && (await db.board.count()) > 0) {
      console.log("The database already has data: keeping it (--if-empty). Run `npm run db:seed` to reset it.");
      console.log(intakeKey);
      return 0;
    }
    const summary = await seed(db, { log: (line) => console.log(line) });
    const statuses = Object.entries(summary.byStatus)
      .map(([status, n]) => `${status} ${n}`)
      .join(", ");
    console.log(`Requests by status: ${statuses}.`);
    console.log(`Demo data seeded in ${(summary.milliseconds / 1000).toFixed(1)} s.`);
    console.log(`Demo accounts: ${DEMO_ACCOUNTS.map((a) => `${a.username} / ${a.password}`).join(", ")}.`);
    console.log(intakeKey);
    return 0;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("Seeding failed:", error);
    process.exit(1);
  },
);
