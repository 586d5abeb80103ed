import "server-only";
import { createDbClient, type Db } from "@/lib/db-client";
import { env } from "@/lib/env";

export type { Db, DbOrTx, Tx } from "@/lib/db-client";

const globalForDb = globalThis as unknown as { trmsDb?: Db };

/** The process's one database client. */
export const db: Db = globalForDb.trmsDb ?? createDbClient(env().DATABASE_URL);
globalForDb.trmsDb = db;
