import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/roles";
import { requestScope } from "@/lib/auth/scope";
import { DB_TABS, type DbTab } from "@/lib/domain/statuses";
import type { Prisma } from "@/lib/generated/sqlite/client";

/** Number of requests in each tab, within the actor's scope and an optional search. */
export async function countRequestsByTab(options: { actor: Actor; where?: Prisma.TranscriptRequestWhereInput }): Promise<Record<DbTab, number>> {
  const rows = await db.transcriptRequest.groupBy({
    by: ["tab"],
    where: { AND: [requestScope(options.actor), options.where ?? {}] },
    _count: { _all: true },
  });
  const counts = Object.fromEntries(DB_TABS.map((t) => [t, 0])) as Record<DbTab, number>;
  for (const row of rows) counts[row.tab] = row._count._all;
  return counts;
}
