// Builds (or reuses) the benchmark database: the app's migrations first, then the generated rows loaded with raw
// SQL as fast as the database allows (secondary indexes dropped during the load and rebuilt after, as a bulk
// import would), then 0.2 × N stored transcripts. A database whose _BenchMeta row says it holds this version of
// the data set at this size, built on these migrations, is reused unless --rebuild.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { migrate } from "@/scripts/db-migrate.mjs";
import { migrationsPath, projectRoot, sqlitePath } from "@/lib/database-url.mjs";
import {
  COLUMNS,
  DATASET_VERSION,
  POSTGRES_DIALECT,
  referenceData,
  requestBatches,
  SQLITE_DIALECT,
  type Batch,
  type ReferenceData,
  type Table,
} from "./generate";

export type DatasetInfo = {
  kind: "sqlite" | "postgres";
  url: string;
  size: number;
  built: boolean;
  buildMs: number;
  rowCounts: Record<string, number>;
};

type Log = (line: string) => void;

const BIG_TABLES = ["Applicant", "TranscriptRequest", "RequestDestination", "StoredTranscript"] as const;

/** Identifies the schema the data was loaded into: the migration files of the database's kind. */
function schemaHash(url: string): string {
  const dir = path.join(projectRoot, migrationsPath(url));
  const hash = crypto.createHash("sha256");
  for (const entry of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, entry, "migration.sql");
    if (fs.existsSync(file)) hash.update(entry).update(fs.readFileSync(file));
  }
  return hash.digest("hex").slice(0, 16);
}

function metaFor(url: string, size: number): Record<string, string> {
  return { version: String(DATASET_VERSION), size: String(size), schema: schemaHash(url) };
}

function sameMeta(found: Record<string, string>, wanted: Record<string, string>): boolean {
  return Object.entries(wanted).every(([k, v]) => found[k] === v);
}

function withEnvUrl<T>(url: string, fn: () => T): T {
  const before = process.env.DATABASE_URL;
  process.env.DATABASE_URL = url;
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = before;
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** The smallest XML transcript that looks like one; the content column is what the transmission reads. */
const TRANSCRIPT_XML_HEAD = `<?xml version="1.0" encoding="UTF-8"?><CollegeTranscript xmlns="urn:org:pesc:message:CollegeTranscript:v1.7.0"><TransmissionData><DocumentID>`;

// ---------------------------------------------------------------------------------------------------- SQLite

export function sqliteBenchUrl(size: number): string {
  const name = size === 1_000_000 ? "bench-1m" : `bench-${size}`;
  return `file:${path.join(projectRoot, "data/bench", `${name}.db`)}`;
}

function readSqliteMeta(file: string): Record<string, string> | null {
  if (!fs.existsSync(file)) return null;
  try {
    const conn = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const rows = conn.prepare(`SELECT "key", "value" FROM "_BenchMeta"`).all() as { key: string; value: string }[];
      const meta = Object.fromEntries(rows.map((r) => [r.key, r.value]));
      const count = (conn.prepare(`SELECT count(*) AS n FROM "TranscriptRequest"`).get() as { n: number }).n;
      return { ...meta, rows: String(count) };
    } finally {
      conn.close();
    }
  } catch {
    return null;
  }
}

function sqliteCounts(file: string): Record<string, number> {
  const conn = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(
      ["Board", "School", "College", ...BIG_TABLES].map((t) => [t, (conn.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]),
    );
  } finally {
    conn.close();
  }
}

async function buildSqlite(url: string, size: number, log: Log): Promise<void> {
  const file = sqlitePath(url);
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let t = performance.now();
  withEnvUrl(url, () => migrate({ quiet: true }));
  log(`  migrations applied (${seconds(performance.now() - t)})`);

  const conn = new Database(file);
  try {
    // A throwaway file: no journal, no fsync, a large cache while loading.
    conn.pragma("journal_mode = OFF");
    conn.pragma("synchronous = OFF");
    conn.pragma("foreign_keys = OFF");
    conn.pragma("locking_mode = EXCLUSIVE");
    conn.pragma("cache_size = -262144");
    conn.pragma("temp_store = MEMORY");
    const indexes = conn
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${BIG_TABLES.map(() => "?").join(",")})`)
      .all(...BIG_TABLES) as { name: string; sql: string }[];
    for (const index of indexes) conn.exec(`DROP INDEX "${index.name}"`);

    const ref = referenceData(SQLITE_DIALECT);
    const statements = new Map<Table, Database.Statement>();
    const insert = (table: Table, rows: unknown[][]) => {
      let stmt = statements.get(table);
      if (!stmt) {
        const columns = COLUMNS[table];
        stmt = conn.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(",")}) VALUES (${columns.map(() => "?").join(",")})`);
        statements.set(table, stmt);
      }
      for (const row of rows) stmt.run(row);
    };
    const load = conn.transaction((batch: Partial<Batch & ReferenceData["rows"]>) => {
      for (const [table, rows] of Object.entries(batch) as [Table, unknown[][]][]) insert(table, rows);
    });

    t = performance.now();
    load(ref.rows);
    let done = 0;
    let lastLog = performance.now();
    for (const batch of requestBatches(size, SQLITE_DIALECT, ref)) {
      load(batch);
      done += batch.TranscriptRequest.length;
      if (performance.now() - lastLog > 10_000) {
        log(`  ${done.toLocaleString("en-CA")} requests loaded…`);
        lastLog = performance.now();
      }
    }
    log(`  ${done.toLocaleString("en-CA")} requests, applicants and destinations loaded (${seconds(performance.now() - t)})`);

    t = performance.now();
    for (const index of indexes) conn.exec(index.sql);
    log(`  ${indexes.length} indexes rebuilt (${seconds(performance.now() - t)})`);

    t = performance.now();
    conn.function("bench_sha256", { deterministic: true }, (s: unknown) => crypto.createHash("sha256").update(String(s)).digest("hex"));
    conn.exec(storedTranscriptsSql("sqlite", Math.round(size * 0.2)));
    log(`  stored transcripts added (${seconds(performance.now() - t)})`);

    conn.exec(`CREATE TABLE "_BenchMeta" ("key" TEXT PRIMARY KEY, "value" TEXT NOT NULL)`);
    const putMeta = conn.prepare(`INSERT INTO "_BenchMeta" ("key", "value") VALUES (?, ?)`);
    for (const [k, v] of Object.entries(metaFor(url, size))) putMeta.run(k, v);
    conn.pragma("locking_mode = NORMAL");
  } finally {
    conn.close();
  }
  // Back to the journal the app runs with (db-migrate.mjs sets WAL).
  const again = new Database(file);
  again.pragma("journal_mode = WAL");
  again.close();
}

/** The most recent 0.2 × N requests that have an electronic transcript get one (small XML content). */
function storedTranscriptsSql(kind: "sqlite" | "postgres", count: number): string {
  const sha = kind === "sqlite" ? "bench_sha256(x.content)" : "encode(sha256(convert_to(x.content, 'UTF8')), 'hex')";
  const transcriptId =
    kind === "sqlite" ? `'c' || substr(r."id", 2, 12) || 'st' || substr(r."id", 15)` : `'c' || substr(r."id", 2, 12) || 'st' || substr(r."id", 15)`;
  const reissue = kind === "sqlite" ? `(r."requestType" = 'REISSUE')` : `(r."requestType" = 'REISSUE')`;
  const source = `CASE WHEN r."version" % 2 = 0 THEN 'MANUAL' ELSE 'AUTO_TRMS' END`;
  const cast = kind === "postgres" ? (type: string) => `::"${type}"` : () => "";
  return `
    INSERT INTO "StoredTranscript" ("id", "requestId", "format", "source", "isReissue", "isCurrent", "sha256", "content", "createdAt")
    SELECT x.id, x."requestId", 'XML'${cast("FileKind")}, x.source${cast("TranscriptSource")}, x."isReissue", ${kind === "sqlite" ? "1" : "true"}, ${sha}, x.content, x."createdAt"
    FROM (
      SELECT ${transcriptId} AS id, r."id" AS "requestId", ${source} AS source, ${reissue} AS "isReissue", r."statusChangedAt" AS "createdAt",
        '${TRANSCRIPT_XML_HEAD}' || r."referenceNumber" || '</DocumentID></TransmissionData><Student><Person><Name><FirstName>'
          || r."firstName" || '</FirstName><LastName>' || r."lastName" || '</LastName></Name></Person></Student></CollegeTranscript>' AS content
      FROM "TranscriptRequest" r
      WHERE r."status" IN ('E_TRANSCRIPT_SENT', 'TRANSCRIPT_UPLOADED')
      ORDER BY r."paidAt" DESC
      LIMIT ${count}
    ) x`;
}

async function ensureSqlite(size: number, rebuild: boolean, log: Log): Promise<DatasetInfo> {
  const url = sqliteBenchUrl(size);
  const file = sqlitePath(url);
  const found = rebuild ? null : readSqliteMeta(file);
  const wanted = metaFor(url, size);
  if (found && sameMeta(found, wanted) && found.rows === String(size)) {
    log(`SQLite: reusing ${path.relative(projectRoot, file)} (${size.toLocaleString("en-CA")} requests; --rebuild to build it again)`);
    return { kind: "sqlite", url, size, built: false, buildMs: 0, rowCounts: sqliteCounts(file) };
  }
  log(`SQLite: building ${path.relative(projectRoot, file)} with ${size.toLocaleString("en-CA")} requests…`);
  const t = performance.now();
  await buildSqlite(url, size, log);
  const buildMs = performance.now() - t;
  log(`SQLite: data set built in ${seconds(buildMs)}`);
  return { kind: "sqlite", url, size, built: true, buildMs, rowCounts: sqliteCounts(file) };
}

// ------------------------------------------------------------------------------------------------ PostgreSQL

async function pgMeta(client: pg.Client): Promise<Record<string, string> | null> {
  try {
    const meta = await client.query<{ key: string; value: string }>(`SELECT "key", "value" FROM "_BenchMeta"`);
    const count = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "TranscriptRequest"`);
    return { ...Object.fromEntries(meta.rows.map((r) => [r.key, r.value])), rows: count.rows[0]!.n };
  } catch {
    return null;
  }
}

async function pgCounts(client: pg.Client): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ["Board", "School", "College", ...BIG_TABLES]) {
    out[t] = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${t}"`)).rows[0]!.n);
  }
  return out;
}

/** Creates the database of `url` if the server does not have it yet. */
async function ensurePgDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ""));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

async function buildPostgres(url: string, size: number, log: Log): Promise<void> {
  await ensurePgDatabase(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Throwaway database: start from an empty schema.
    await client.query(`DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;`);
    let t = performance.now();
    withEnvUrl(url, () => migrate({ quiet: true }));
    log(`  migrations applied (${seconds(performance.now() - t)})`);

    // Foreign-key triggers off for the load (superuser session), secondary indexes dropped and rebuilt after.
    await client.query(`SET session_replication_role = replica`);
    await client.query(`SET synchronous_commit = off`);
    await client.query(`SET maintenance_work_mem = '256MB'`);
    const indexes = (
      await client.query<{ indexname: string; indexdef: string }>(
        `SELECT i.indexname, i.indexdef FROM pg_indexes i
         WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
        [BIG_TABLES as unknown as string[]],
      )
    ).rows;
    for (const index of indexes) await client.query(`DROP INDEX "${index.indexname}"`);

    const ref = referenceData(POSTGRES_DIALECT);
    const insert = async (table: Table, rows: unknown[][]) => {
      const columns = COLUMNS[table];
      const perStatement = Math.floor(30_000 / columns.length);
      for (let start = 0; start < rows.length; start += perStatement) {
        const chunk = rows.slice(start, start + perStatement);
        const values: unknown[] = [];
        const tuples = chunk.map((row) => {
          const placeholders = row.map((v) => {
            values.push(v);
            return `$${values.length}`;
          });
          return `(${placeholders.join(",")})`;
        });
        await client.query(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(",")}) VALUES ${tuples.join(",")}`, values);
      }
    };
    t = performance.now();
    await client.query("BEGIN");
    for (const [table, rows] of Object.entries(ref.rows) as [Table, unknown[][]][]) await insert(table, rows);
    let done = 0;
    let lastLog = performance.now();
    for (const batch of requestBatches(size, POSTGRES_DIALECT, ref)) {
      for (const [table, rows] of Object.entries(batch) as [Table, unknown[][]][]) await insert(table, rows);
      done += batch.TranscriptRequest.length;
      if (performance.now() - lastLog > 10_000) {
        log(`  ${done.toLocaleString("en-CA")} requests loaded…`);
        lastLog = performance.now();
      }
    }
    await client.query("COMMIT");
    log(`  ${done.toLocaleString("en-CA")} requests, applicants and destinations loaded (${seconds(performance.now() - t)})`);

    t = performance.now();
    for (const index of indexes) await client.query(index.indexdef);
    log(`  ${indexes.length} indexes rebuilt (${seconds(performance.now() - t)})`);

    t = performance.now();
    await client.query(storedTranscriptsSql("postgres", Math.round(size * 0.2)));
    log(`  stored transcripts added (${seconds(performance.now() - t)})`);
    await client.query(`SET session_replication_role = origin`);

    await client.query(`CREATE TABLE "_BenchMeta" ("key" TEXT PRIMARY KEY, "value" TEXT NOT NULL)`);
    for (const [k, v] of Object.entries(metaFor(url, size))) await client.query(`INSERT INTO "_BenchMeta" VALUES ($1, $2)`, [k, v]);
    // What autovacuum would do shortly after a bulk load: statistics for the planner, visibility map for
    // index-only scans.
    t = performance.now();
    await client.query(`VACUUM ANALYZE`);
    log(`  VACUUM ANALYZE (${seconds(performance.now() - t)})`);
  } finally {
    await client.end();
  }
}

async function ensurePostgres(url: string, size: number, rebuild: boolean, log: Log): Promise<DatasetInfo> {
  await ensurePgDatabase(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const found = rebuild ? null : await pgMeta(client);
    if (found && sameMeta(found, metaFor(url, size)) && found.rows === String(size)) {
      log(`PostgreSQL: reusing the data set already loaded (${size.toLocaleString("en-CA")} requests; --rebuild to build it again)`);
      return { kind: "postgres", url, size, built: false, buildMs: 0, rowCounts: await pgCounts(client) };
    }
  } finally {
    await client.end();
  }
  log(`PostgreSQL: building the data set with ${size.toLocaleString("en-CA")} requests…`);
  const t = performance.now();
  await buildPostgres(url, size, log);
  const buildMs = performance.now() - t;
  log(`PostgreSQL: data set built in ${seconds(buildMs)}`);
  const counter = new pg.Client({ connectionString: url });
  await counter.connect();
  try {
    return { kind: "postgres", url, size, built: true, buildMs, rowCounts: await pgCounts(counter) };
  } finally {
    await counter.end();
  }
}

/** The benchmark database of `size` requests: SQLite (a cached file under data/bench) or the PostgreSQL of `pgUrl`. */
export async function ensureDataset(options: { kind: "sqlite" | "postgres"; size: number; rebuild: boolean; pgUrl?: string; log: Log }): Promise<DatasetInfo> {
  if (options.kind === "sqlite") return ensureSqlite(options.size, options.rebuild, options.log);
  if (!options.pgUrl) throw new Error("PostgreSQL benchmark without a URL");
  return ensurePostgres(options.pgUrl, options.size, options.rebuild, options.log);
}
