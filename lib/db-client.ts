import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "@/lib/generated/sqlite/client";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgresql/client";
import { isPostgres, sqlitePath } from "@/scripts/database-url.mjs";

// SQLite is the embedded default; DATABASE_URL=postgresql://… switches to PostgreSQL. Both generated clients
// come from one schema and have the same model API, so the app is typed against one of them.
export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

// Transactions wait for a lock up to 10 s and may run 20 s: long enough for a seed or a batch on a busy machine,
// short enough that a stuck transaction does not hold the (SQLite: only) writer lock for long.
const transactionOptions = { maxWait: 10_000, timeout: 20_000 };

/** A new client for `url`. The app uses the shared one in lib/db.ts; scripts and tests call this. */
export function createDbClient(url: string): Db {
  if (isPostgres(url)) {
    const adapter = new PrismaPg({ connectionString: url, max: 10 });
    return new PostgresClient({ adapter, transactionOptions }) as unknown as Db;
  }
  // busy timeout: a writer waits for another writer instead of failing at once.
  const adapter = new PrismaBetterSQLite3({ url: sqlitePath(url), timeout: 10_000 });
  const client = new SqliteClient({ adapter, transactionOptions });
  // The adapter keeps one connection. A 128 MB page cache keeps a board's rows warm for sorts on unindexed columns,
  // and `optimize` gives the planner statistics so that scoped searches pick their indexes (docs/decisions/0005).
  void client
    .$queryRawUnsafe("PRAGMA cache_size = -131072")
    .then(() => client.$queryRawUnsafe("PRAGMA optimize = 0x10002"))
    .catch((error: unknown) => console.warn("[db] SQLite tuning skipped:", error instanceof Error ? error.message : error));
  return client;
}
