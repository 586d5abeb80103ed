import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/roles";
import { PAGE_SIZE, type RequestSearch } from "@/lib/domain/request-search";
import { DB_TABS, type DbTab } from "@/lib/domain/statuses";
import { requestOrderBy, requestWhere } from "./request-where";

export const REQUEST_ROW_SELECT = {
  id: true,
  referenceNumber: true,
  requestNumber: true,
  accountNumber: true,
  applicantId: true,
  firstName: true,
  lastName: true,
  paidAt: true,
  requestType: true,
  lastAttended: true,
  sendOption: true,
  sendAfter: true,
  status: true,
  tab: true,
  version: true,
  school: { select: { mident: true, nameEn: true, nameFr: true } },
} as const;

export type RequestsPage = {
  rows: Awaited<ReturnType<typeof findRows>>;
  counts: Record<DbTab, number>;
  total: number;
  page: number;
  pageCount: number;
};

function findRows(actor: Actor, search: RequestSearch, page: number) {
  return db.transcriptRequest.findMany({
    where: requestWhere(actor, search, { withStatus: true }),
    orderBy: requestOrderBy(search.sort, search.dir),
    skip: (page - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
    select: REQUEST_ROW_SELECT,
  });
}

/** One page of the dashboard with the count of each tab, all within the actor's scope. */
export async function findRequests(options: { actor: Actor; search: RequestSearch }): Promise<RequestsPage> {
  const { actor, search } = options;
  const grouped = await db.transcriptRequest.groupBy({
    by: ["tab"],
    // Tab counts: without a status filter, every tab's count for the search; with one, the matches in each tab.
    where: requestWhere(actor, search, { withStatus: search.statuses !== null }),
    _count: { _all: true },
  });
  const counts = Object.fromEntries(DB_TABS.map((t) => [t, 0])) as Record<DbTab, number>;
  for (const g of grouped) counts[g.tab] = g._count._all;
  const total = search.statuses === null ? counts[search.tab] : DB_TABS.reduce((sum, t) => sum + counts[t], 0);
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(search.page, pageCount);
  const rows = await findRows(actor, search, page);
  return { rows, counts, total, page, pageCount };
}
