import { db } from "@/lib/db";
import { seed, type SeedOptions } from "@/prisma/seed/seed-demo";

/** Loads the demo data (contracts §7) into this test file's database. */
export async function seedDemo(today = new Date(), options: Pick<SeedOptions, "collegeDoubleUrl"> = {}) {
  await seed(db, { today, log: () => {}, ...options });
}
