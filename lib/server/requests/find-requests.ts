import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/roles";
import { PAGE_SIZE, type RequestSearch } from "@/lib/domain/request-search";
import { DB_TABS, type DbTab } from "@/lib/domain/statuses";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { orderJoins, orderSql, SqlParams, whereSql } from "@/lib/server/sql/request-sql";
import { dashboardReader, type DashboardReader } from "@/lib/server/sql/dashboard-reader";
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

/** A row of the dashboard's table. */
export type RequestRow = Prisma.TranscriptRequestGetPayload<{ select: typeof REQUEST_ROW_SELECT }>;

export type RequestsPage = {
  rows: RequestRow[];
  counts: Record<DbTab, number>;
  total: number;
  page: number;
  pageCount: number;
};

type Where = Prisma.TranscriptRequestWhereInput;
type OrderBy = Prisma.TranscriptRequestOrderByWithRelationInput[];

/** The two reads of the dashboard, for a filter built by requestWhere and an order built by requestOrderBy. */
type Reads = {
  tabCounts(where: Where): Promise<{ tab: DbTab; count: number }[]>;
  rows(where: Where, orderBy: OrderBy, skip: number, take: number): Promise<RequestRow[]>;
};

const prismaReads: Reads = {
  async tabCounts(where) {
    const grouped = await db.transcriptRequest.groupBy({ by: ["tab"], where, _count: { _all: true } });
    return grouped.map((g) => ({ tab: g.tab, count: g._count._all }));
  },
  rows(where, orderBy, skip, take) {
    return db.transcriptRequest.findMany({ where, orderBy, skip, take, select: REQUEST_ROW_SELECT });
  },
};

// The same filter and order rendered to SQL by the export's renderer (which throws on what it does not know, and is
// tested equal to Prisma on both databases), read on the dashboard's own connection (SQLite) or pool (PostgreSQL).
// Rows as Prisma returns them.
const REQUEST_COLUMNS = [
  "id",
  "referenceNumber",
  "requestNumber",
  "accountNumber",
  "applicantId",
  "firstName",
  "lastName",
  "paidAt",
  "requestType",
  "lastAttended",
  "sendOption",
  "sendAfter",
  "status",
  "tab",
  "version",
] as const;
const ROW_COLUMNS = [...REQUEST_COLUMNS.map((c) => `r."${c}"`), `s."mident"`, `s."nameEn"`, `s."nameFr"`].join(", ");

/** A row of ROW_COLUMNS as the object Prisma returns for REQUEST_ROW_SELECT. */
function requestRow(reader: DashboardReader, v: unknown[]): RequestRow {
  return {
    id: v[0] as string,
    referenceNumber: v[1] as string,
    requestNumber: v[2] as string,
    accountNumber: v[3] as string,
    applicantId: v[4] as string,
    firstName: v[5] as string,
    lastName: v[6] as string,
    paidAt: reader.time(v[7]),
    requestType: v[8] as RequestRow["requestType"],
    lastAttended: v[9] as string,
    sendOption: v[10] as RequestRow["sendOption"],
    sendAfter: v[11] === null ? null : reader.time(v[11]),
    status: v[12] as RequestRow["status"],
    tab: v[13] as RequestRow["tab"],
    version: v[14] as number,
    school: { mident: v[15] as string, nameEn: v[16] as string, nameFr: v[17] as string },
  };
}

// The school of each row, joined as the School sort joins it (alias s). A LEFT JOIN keeps the request the outer loop
// of the plan (docs/decisions/0009); every request has its school.
const SCHOOL_JOIN = orderJoins([{ school: { mident: "asc" } }]);

/** The same columns, join or order on the page's rows (the sub-select p) instead of the table (r). */
const onPage = (sql: string) => sql.replace(/\br\."/g, `p."`);

/**
 * The page's SQL. When an index gives the order, the school is joined to the rows as they are read (50 lookups).
 * When SQLite must sort (e.g. by status), the page is chosen first and the school joined to its 50 rows only:
 * joined before the sort, every row of the scope would be looked up (+20–35 % on a board of 200,000 requests).
 * PostgreSQL: the school joined directly, always (its planner hashes the School table once for a sort).
 */
function pageSql(reader: DashboardReader, where: Where, orderBy: OrderBy, skip: number, take: number): { sql: string; values: unknown[] } {
  const params = new SqlParams(reader.dialect);
  const condition = whereSql(where, params);
  const order = orderSql(orderBy);
  const limit = `LIMIT ${params.add(take, "integer")} OFFSET ${params.add(skip, "integer")}`;
  const joins = orderJoins(orderBy);
  const from = joins.includes(SCHOOL_JOIN) ? joins : `${SCHOOL_JOIN} ${joins}`.trim();
  const joined = `SELECT ${ROW_COLUMNS} FROM "TranscriptRequest" r ${from} WHERE ${condition} ORDER BY ${order} ${limit}`;
  if (!reader.sorts(joined, params.values)) return { sql: joined, values: params.values };
  // The page's requests with the columns of its order, which orders them again outside (50 rows).
  const columns = new Set<string>([...REQUEST_COLUMNS, "schoolId", ...[...order.matchAll(/\br\."(\w+)"/g)].map((m) => m[1]!)]);
  const page = `SELECT ${[...columns].map((c) => `r."${c}"`).join(", ")} FROM "TranscriptRequest" r ${joins}${joins ? " " : ""}WHERE ${condition} ORDER BY ${order} ${limit}`;
  return { sql: `SELECT ${onPage(ROW_COLUMNS)} FROM (${page}) p ${onPage(SCHOOL_JOIN)} ORDER BY ${onPage(order)}`, values: params.values };
}

function sqlReads(reader: DashboardReader): Reads {
  return {
    async tabCounts(where) {
      const params = new SqlParams(reader.dialect);
      const sql = `SELECT r."tab", count(*) FROM "TranscriptRequest" r WHERE ${whereSql(where, params)} GROUP BY r."tab"`;
      // count(*) is a number on both readers (PostgreSQL's bigint parsed by the pool).
      return (await reader.rows(sql, params.values)).map(([tab, count]) => ({ tab: tab as DbTab, count: count as number }));
    },
    async rows(where, orderBy, skip, take) {
      const { sql, values } = pageSql(reader, where, orderBy, skip, take);
      return (await reader.rows(sql, values)).map((row) => requestRow(reader, row));
    },
  };
}

/** Plain SQL on the dashboard's own connection (SQLite) or pool (PostgreSQL). */
function appReads(): Reads {
  return sqlReads(dashboardReader());
}

async function pageRows(reads: Reads, actor: Actor, search: RequestSearch, page: number): Promise<RequestRow[]> {
  const where = requestWhere(actor, search, { withStatus: true });
  return reads.rows(where, requestOrderBy(search.sort, search.dir), (page - 1) * PAGE_SIZE, PAGE_SIZE);
}

async function readPage(reads: Reads, actor: Actor, search: RequestSearch): Promise<RequestsPage> {
  // Tab counts: without a status filter, every tab's count for the search; with one, the matches in each tab.
  const grouped = await reads.tabCounts(requestWhere(actor, search, { withStatus: search.statuses !== null }));
  const counts = Object.fromEntries(DB_TABS.map((t) => [t, 0])) as Record<DbTab, number>;
  for (const g of grouped) counts[g.tab] = g.count;
  const total = search.statuses === null ? counts[search.tab] : DB_TABS.reduce((sum, t) => sum + counts[t], 0);
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(search.page, pageCount);
  const rows = await pageRows(reads, actor, search, page);
  return { rows, counts, total, page, pageCount };
}

/** One page of the dashboard with the count of each tab, all within the actor's scope. */
export async function findRequests(options: { actor: Actor; search: RequestSearch }): Promise<RequestsPage> {
  return readPage(appReads(), options.actor, options.search);
}

/** The rows of page `page` of the dashboard (the page query of findRequests, which the benchmark measures). */
export async function findRequestRows(actor: Actor, search: RequestSearch, page: number): Promise<RequestRow[]> {
  return pageRows(appReads(), actor, search, page);
}

/** findRequests read through Prisma: what the plain-SQL reads are tested equal to, on either database. */
export async function findRequestsWithPrisma(options: { actor: Actor; search: RequestSearch }): Promise<RequestsPage> {
  return readPage(prismaReads, options.actor, options.search);
}
