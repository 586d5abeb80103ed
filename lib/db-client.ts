import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "@/lib/generated/sqlite/client";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgresql/client";
import { isPostgres, sqlitePath } from "@/lib/database-url.mjs";

// SQLite is the embedded default; DATABASE_URL=postgresql://… switches to PostgreSQL. Both generated clients
// come from one schema and have the same model API, so the app is typed against one of them.
export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

// Transactions wait for a lock up to 10 s and may run 20 s: long enough for a seed or a batch on a busy machine,
// short enough that a stuck transaction does not hold the (SQLite: only) writer lock for long.
const transactionOptions = { maxWait: 10_000, timeout: 20_000 };

/**
 * Page cache of the app's SQLite connections that serve the dashboard, in KiB (128 MB): it keeps a board's rows warm
 * for sorts on unindexed columns (docs/decisions/0005). Each connection has its own cache, filled only with the pages
 * it reads: the Prisma connection below and the dashboard's read connection (lib/server/requests/dashboard-reader.ts).
 */
export const SQLITE_APP_CACHE_KIB = 131_072;

/** A new client for `url`. The app uses the shared one in lib/db.ts; scripts and tests call this. */
export function createDbClient(url: string): Db {
  if (isPostgres(url)) {
    const adapter = new PrismaPg({ connectionString: url, max: 10 });
    return new PostgresClient({ adapter, transactionOptions }) as unknown as Db;
  }
  // busy timeout: a writer waits for another writer instead of failing at once.
  const adapter = serializeOutsideTransactions(new PrismaBetterSQLite3({ url: sqlitePath(url), timeout: 10_000 }));
  const client = new SqliteClient({ adapter, transactionOptions });
  // The adapter keeps one connection, with the app's page cache; `optimize` gives the planner statistics so that
  // scoped searches pick their indexes (docs/decisions/0005).
  void client
    .$queryRawUnsafe(`PRAGMA cache_size = -${SQLITE_APP_CACHE_KIB}`)
    .then(() => client.$queryRawUnsafe("PRAGMA optimize = 0x10002"))
    .catch((error: unknown) => console.warn("[db] SQLite tuning skipped:", error instanceof Error ? error.message : error));
  return client;
}

type Factory = PrismaBetterSQLite3;
type Adapter = Awaited<ReturnType<Factory["connect"]>>;

/**
 * The SQLite adapter has one connection and serialises transactions with each other only: a query outside an
 * interactive transaction runs on that connection while one is open, i.e. inside it — it reads the transaction's
 * uncommitted rows, and its own acknowledged writes vanish when that transaction rolls back. Here every transaction
 * and every query outside one take turns (first come, first served). Never use the global client inside a
 * transaction callback (use `tx`): it would wait for its own transaction until that one times out.
 */
function serializeOutsideTransactions(factory: Factory): Factory {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter: Adapter = await connect();
    let tail: Promise<void> = Promise.resolve();
    const turn = (): Promise<() => void> => {
      let release!: () => void;
      const done = new Promise<void>((resolve) => (release = resolve));
      const previous = tail;
      tail = previous.then(() => done);
      return previous.then(() => release);
    };

    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (...args: Parameters<Adapter["startTransaction"]>) => {
      const release = await turn();
      let tx: Awaited<ReturnType<Adapter["startTransaction"]>>;
      try {
        tx = await startTransaction(...args);
      } catch (error) {
        release();
        throw error;
      }
      const commit = tx.commit.bind(tx);
      const rollback = tx.rollback.bind(tx);
      tx.commit = async () => {
        try {
          return await commit();
        } finally {
          release();
        }
      };
      tx.rollback = async () => {
        try {
          return await rollback();
        } finally {
          release();
        }
      };
      return tx;
    };
    for (const method of ["queryRaw", "executeRaw"] as const) {
      const original = adapter[method].bind(adapter) as (query: unknown) => Promise<unknown>;
      (adapter as unknown as Record<string, unknown>)[method] = async (query: unknown) => {
        const release = await turn();
        try {
          return await original(query);
        } finally {
          release();
        }
      };
    }
    return adapter;
  };
  return factory;
}
