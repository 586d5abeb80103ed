// One database's benchmark (run by scripts/bench.ts in its own process, because the app's database client is
// one per process): builds or reuses the data set, points the app at it, then measures the app's dashboard
// queries beside hand-written SQL for the same rows, and the CSV export in a child process of its own.
// Usage: tsx scripts/bench/suite.ts --kind sqlite|postgres --size N --out result.json [--pg-url URL] [--rebuild]
//        [--runs N] [--csv-module path] [--no-export]
import { spawn } from "node:child_process";
import fs from "node:fs";
import { register } from "node:module";
import os from "node:os";
import path from "node:path";
import type { Actor } from "@/lib/auth/roles";
import { projectRoot, sqlitePath } from "@/lib/database-url.mjs";
import { ensureDataset } from "./dataset";
import type { Figure, PlanReport, SuiteResult } from "./figures";
import { appSqliteDriver, countSql, fullScans, openHandDb, pageSql, usesColumnIndex, type HandDb, type HandFilter, type Row } from "./hand-sql";
import { captureSql, installSqlCapture, recordSql } from "./sql-capture";
import { timePair, type TimingOptions } from "./stats";
import { exportCommand, type ExportCommand } from "./export-bundle";
import { POSTGRES_DIALECT, SQLITE_DIALECT } from "./generate";

// lib/server/** imports "server-only", which throws outside a React Server environment.
register("../server-only-hook.mjs", import.meta.url);

type Args = {
  kind: "sqlite" | "postgres";
  size: number;
  out: string;
  pgUrl?: string;
  rebuild: boolean;
  runs: number;
  csvModule?: string;
  exportRuns: boolean;
  analyze: boolean;
  /** SQLite pragmas set on every connection (the app's Prisma and dashboard connections, the hand-written SQL's, the export's). */
  pragmas: string[];
  /** Candidate indexes, "Table(column, …)", created for this run only. */
  indexes: string[];
  /** Only the reports' figures (section e): a quick measure of them without the dashboard's. */
  reportsOnly: boolean;
};

function parseArgs(argv: string[]): Args {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i === -1 ? undefined : argv[i + 1];
  };
  const kind = value("--kind");
  if (kind !== "sqlite" && kind !== "postgres") throw new Error("--kind sqlite|postgres");
  return {
    kind,
    size: Number(value("--size") ?? 1_000_000),
    out: value("--out") ?? "",
    pgUrl: value("--pg-url"),
    rebuild: argv.includes("--rebuild"),
    runs: Number(value("--runs") ?? 30),
    csvModule: value("--csv-module"),
    exportRuns: !argv.includes("--no-export"),
    analyze: argv.includes("--analyze"),
    pragmas: argv.flatMap((a, i) => (a === "--pragma" && argv[i + 1] ? [argv[i + 1]!] : [])),
    indexes: argv.flatMap((a, i) => (a === "--index" && argv[i + 1] ? [argv[i + 1]!] : [])),
    reportsOnly: argv.includes("--reports-only"),
  };
}

const log = (line: string) => process.stderr.write(`${line}\n`);

function actorFor(role: Actor["role"], boardId: string | null): Actor {
  return {
    id: "bench-user",
    username: "bench",
    displayName: "Benchmark",
    email: "bench@example.org",
    role,
    boardId,
    schoolId: null,
    language: "en",
    mustChangePassword: false,
    board: null,
    school: null,
  };
}

const MAX_CODE_POINT = String.fromCodePoint(0x10ffff);

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dataset = await ensureDataset({ kind: args.kind, size: args.size, rebuild: args.rebuild, pgUrl: args.pgUrl, log });
  const dialect = args.kind === "sqlite" ? SQLITE_DIALECT : POSTGRES_DIALECT;
  const candidates = await candidateIndexes(args.kind, dataset.url, args.indexes);
  const statistics = args.kind === "sqlite" ? sqliteStatistics(dataset.url, args.analyze) : "ANALYZE after the load (what autovacuum does)";

  // The app's client reads DATABASE_URL when lib/db is first imported: point it at the benchmark database first.
  process.env.DATABASE_URL = dataset.url;
  process.env.TRMS_DISABLE_SCHEDULER = "1";
  installSqlCapture();
  const { db } = await import("@/lib/db");
  const { findRequestRows, findRequests } = await import("@/lib/server/requests/find-requests");
  // The dashboard reads on connections of its own (docs/decisions/0010). Its statements are recorded for the plans:
  // on SQLite through its listener; on PostgreSQL the capture of pg's queries (sql-capture.ts) already sees them.
  const { dashboardReader, listenToDashboardSql } = await import("@/lib/server/sql/dashboard-reader");
  if (args.kind === "sqlite") listenToDashboardSql(recordSql);
  const { parseRequestSearch, SORT_KEYS } = await import("@/lib/domain/request-search");
  const { foldName } = await import("@/lib/domain/fold");
  const { startOfTorontoDay, torontoDate } = await import("@/lib/domain/business-days");

  const hand: HandDb = await openHandDb(args.kind, dataset.url, args.kind === "sqlite" ? args.pragmas : []);
  if (args.kind === "sqlite") {
    for (const pragma of args.pragmas) {
      await db.$queryRawUnsafe(`PRAGMA ${pragma}`);
      dashboardReader().pragma(pragma);
    }
  }
  const settings = args.kind === "sqlite" && args.pragmas.length > 0 ? `; PRAGMA ${args.pragmas.join(", ")} on every connection` : "";
  const timing: TimingOptions = { warmup: 3, runs: args.runs, budgetMs: 20_000, minRuns: 7 };
  const figures: Figure[] = [];
  const plans: PlanReport[] = [];

  // The board holding 20 % of the requests.
  const [big] = await hand.all(`SELECT r."boardId" AS "boardId", count(*) AS n FROM "TranscriptRequest" r GROUP BY r."boardId" ORDER BY n DESC LIMIT 1`, []);
  const boardId = String(big!.boardId);
  const scopeRequests = Number(big!.n);
  const boardActor = actorFor("BOARD_USER", boardId);
  const scope: HandFilter = { sql: `r."boardId" = ?`, params: [boardId] };
  const tabFilter = (tab: string): HandFilter => ({ sql: `r."tab" = ?`, params: [tab] });
  const searchOf = (query: Record<string, string>) => parseRequestSearch(new URLSearchParams(query)).search;
  type Search = ReturnType<typeof searchOf>;

  // The page query of findRequests (after the tab counts), as the app runs it.
  const appPage = (search: Search) => findRequestRows(boardActor, search, search.page);
  const appFull = (search: Search) => findRequests({ actor: boardActor, search });

  const ids = (rows: readonly { id?: unknown }[]) => rows.map((r) => String(r.id)).join(",");
  const countsOf = (rows: Row[]) => Object.fromEntries(rows.map((r) => [String(r.tab), Number(r.n)]));
  const sameCounts = (a: Record<string, number>, b: Record<string, number>) =>
    [...new Set([...Object.keys(a), ...Object.keys(b)])].every((k) => (a[k] ?? 0) === (b[k] ?? 0));

  /** Page query of the app vs the hand SQL; rows compared. */
  async function pageFigure(section: string, figure: string, search: Search, filters: HandFilter[], bar: { ms: number; ratio?: number; text: string }) {
    const page = pageSql(filters, search.sort, search.dir);
    const appRows = await appPage(search);
    const handRows = await hand.all(page.sql, page.params);
    const notes: string[] = [];
    if (ids(appRows) !== ids(handRows)) notes.push("app and hand SQL returned different rows");
    const { a, b } = await timePair(
      () => appPage(search),
      () => hand.all(page.sql, page.params),
      timing,
    );
    figures.push(judge({ section, figure, app: a, hand: b, bar: bar.text, ratioBar: bar.ratio, notes }, bar.ms));
    return { page, appRows: appRows.length };
  }

  /** findRequests (tab counts, then the page) vs the two hand queries in the same order. */
  async function fullFigure(
    section: string,
    figure: string | ((total: number) => string),
    search: Search,
    filters: HandFilter[],
    withTab: boolean,
    bar: { ms: number; ratio?: number; text: string },
  ) {
    const countFilters = filters.filter((f) => !f.sql.startsWith(`r."tab"`));
    const count = countSql(search.statuses === null ? countFilters : filters);
    const page = pageSql(withTab ? filters : countFilters, search.sort, search.dir);
    const handBoth = async () => {
      const counts = await hand.all(count.sql, count.params);
      const rows = await hand.all(page.sql, page.params);
      return { counts, rows };
    };
    const app = await appFull(search);
    const mine = await handBoth();
    const notes: string[] = [];
    if (ids(app.rows) !== ids(mine.rows)) notes.push("app and hand SQL returned different rows");
    if (!sameCounts(app.counts, countsOf(mine.counts))) notes.push("app and hand SQL returned different tab counts");
    const { a, b } = await timePair(() => appFull(search), handBoth, timing);
    const label = typeof figure === "string" ? figure : figure(app.total);
    figures.push(judge({ section, figure: label, app: a, hand: b, bar: bar.text, ratioBar: bar.ratio, notes }, bar.ms));
    return { count, page };
  }

  function judge(f: Omit<Figure, "holds">, maxMs: number): Figure {
    const ratio = f.app && f.hand ? f.app.median / f.hand.median : 0;
    const holds = f.notes.length === 0 && f.app!.median <= maxMs && (f.ratioBar === undefined || ratio <= f.ratioBar);
    return { ...f, holds };
  }

  const dashBar = { ms: 100, ratio: 1.5, text: "≤ 1.5× SQL, ≤ 100 ms" };

  const loadAtStart = os.loadavg()[0]!;
  // Warm-up: the app's client, the query compiler and the database's cache, for every query shape measured.
  log(`${args.kind}: warming up…`);
  for (let i = 0; i < (args.reportsOnly ? 1 : 20); i++) await appFull(searchOf({ tab: "todo" }));
  if (!args.reportsOnly) for (const sort of SORT_KEYS) for (const dir of ["asc", "desc"]) await appFull(searchOf({ tab: "todo", sort, dir }));

  if (!args.reportsOnly) {
    // (a) The dashboard's first page, board scope, default sort.
    const dash = `Dashboard, board scope (${scopeRequests.toLocaleString("en-CA")} requests), first page of 50`;
    log(`${args.kind}: dashboard…`);
    for (const [tab, param] of [
      ["TODO", "todo"],
      ["COMPLETE", "complete"],
    ] as const) {
      const search = searchOf({ tab: param });
      await pageFigure(dash, `${tab === "TODO" ? "To Do" : "Complete"} tab, default sort: page query`, search, [scope, tabFilter(tab)], dashBar);
      await fullFigure(
        dash,
        `${tab === "TODO" ? "To Do" : "Complete"} tab, default sort: findRequests (page + tab counts)`,
        search,
        [scope, tabFilter(tab)],
        true,
        dashBar,
      );
    }

    // (b) The same first page sorted by each column, both directions.
    const sorts = "To Do tab sorted by each column: findRequests (page + tab counts)";
    log(`${args.kind}: sorts…`);
    for (const sort of SORT_KEYS) {
      for (const dir of ["asc", "desc"] as const) {
        const search = searchOf({ tab: "todo", sort, dir });
        await fullFigure(sorts, `sort=${sort} ${dir}`, search, [scope, tabFilter("TODO")], true, dashBar);
      }
    }

    // (c) Searches, board scope: in the To Do tab (the default) and across every status.
    log(`${args.kind}: searches…`);
    const [todoTarget] = await hand.all(
      `SELECT r."oen", r."referenceNumber" FROM "TranscriptRequest" r WHERE r."boardId" = ? AND r."tab" = 'TODO' AND r."oen" IS NOT NULL ORDER BY r."paidAt" DESC, r."id" DESC LIMIT 1 OFFSET 100`,
      [boardId],
    );
    const [doneTarget] = await hand.all(
      `SELECT r."oen", r."referenceNumber" FROM "TranscriptRequest" r WHERE r."boardId" = ? AND r."tab" = 'COMPLETE' AND r."oen" IS NOT NULL ORDER BY r."paidAt" DESC, r."id" DESC LIMIT 1 OFFSET 5000`,
      [boardId],
    );
    const searchBar = { ms: 50, text: "≤ 50 ms, no full scan" };
    const searchSection = "Search, board scope: findRequests (page + tab counts)";
    const namePrefix = "tremb";
    const folded = foldName(namePrefix);
    const cases: { label: string; query: Record<string, string>; filter: HandFilter; column: string }[] = [];
    for (const [target, all] of [
      [todoTarget!, false],
      [doneTarget!, true],
    ] as const) {
      const where = all ? "all statuses" : "To Do tab";
      const status: Record<string, string> = all ? { status: "ALL" } : {};
      cases.push({
        label: `OEN, ${where}`,
        query: { ...status, oen: String(target.oen) },
        filter: { sql: `r."oen" = ?`, params: [target.oen] },
        column: "oen",
      });
      cases.push({
        label: `reference number, ${where}`,
        query: { ...status, referenceNumber: String(target.referenceNumber) },
        filter: { sql: `r."referenceNumber" = ?`, params: [target.referenceNumber] },
        column: "referenceNumber",
      });
      cases.push({
        label: `last-name prefix "${namePrefix}", ${where}`,
        query: { ...status, lastName: namePrefix },
        filter: { sql: `r."lastNameFolded" >= ? AND r."lastNameFolded" < ?`, params: [folded, folded + MAX_CODE_POINT] },
        column: "lastNameFolded",
      });
    }
    for (const c of cases) {
      const search = searchOf(c.query);
      const all = search.statuses === "ALL";
      const filters = all ? [scope, c.filter] : [scope, c.filter, tabFilter("TODO")];
      const found = (total: number) => `${c.label} (${total.toLocaleString("en-CA")} found)`;
      const { count, page } = await fullFigure(searchSection, found, search, filters, !all, searchBar);
      // Plans: of the hand-written count and page, and of the app's own SQL (captured from one findRequests).
      const handPlans: [string, string[]][] = [
        ["count", await hand.plan(count.sql, count.params)],
        ["page", await hand.plan(page.sql, page.params)],
      ];
      const captured = await captureSql(() => appFull(search));
      const appPlans: [string, string[]][] = [];
      for (const q of captured) {
        if (!/TranscriptRequest/.test(q.sql)) continue;
        appPlans.push([q.sql.replace(/\s+/g, " "), await hand.plan(q.sql, q.params)]);
      }
      const problems: string[] = [];
      for (const [who, list] of [
        ["hand SQL", handPlans],
        ["app SQL", appPlans],
      ] as const) {
        for (const [name, plan] of list) {
          const what = who === "hand SQL" ? `${who} (${name})` : `${who} (${/count\(/i.test(name) ? "count" : "page"})`;
          for (const line of fullScans(args.kind, plan)) problems.push(`${what}: full scan: ${line.trim()}`);
          if (!usesColumnIndex(args.kind, plan, c.column)) problems.push(`${what}: no index on ${c.column} used (reads the whole scope)`);
        }
      }
      const figure = figures[figures.length - 1]!;
      if (problems.length > 0) {
        figure.notes.push(...problems);
        figure.holds = false;
      }
      plans.push({
        figure: figure.figure,
        hand: handPlans.flatMap(([name, plan]) => [`${name}:`, ...plan.map((l) => `  ${l}`)]),
        app: appPlans.map(([sql, plan]) => [sql.length > 300 ? `${sql.slice(0, 300)}…` : sql, ...plan]),
        fullScans: problems,
      });
    }
  }

  // Timestamps as text (pg would read a TIMESTAMP without time zone in the process's local zone).
  const asText = args.kind === "sqlite" ? `r."paidAt"` : `r."paidAt"::text`;
  const asDate = (v: unknown) => new Date(args.kind === "sqlite" ? String(v) : `${String(v).replace(" ", "T")}Z`);
  const [last] = await hand.all(`SELECT ${asText} AS "paidAt" FROM "TranscriptRequest" r ORDER BY r."paidAt" DESC, r."id" DESC LIMIT 1`, []);
  const to = torontoDate(asDate(last!.paidAt));
  const next = new Date(`${to}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  /** The most recent whole Toronto days holding at least `rows` requests. */
  const rangeOf = async (rows: number) => {
    const [edge] = await hand.all(`SELECT ${asText} AS "paidAt" FROM "TranscriptRequest" r ORDER BY r."paidAt" DESC, r."id" DESC LIMIT 1 OFFSET ?`, [
      Math.min(rows - 1, dataset.size - 1),
    ]);
    const from = torontoDate(asDate(edge!.paidAt));
    const filter: HandFilter = {
      sql: `r."paidAt" >= ? AND r."paidAt" < ?`,
      params: [dialect.ts(startOfTorontoDay(from).getTime()), dialect.ts(startOfTorontoDay(next.toISOString().slice(0, 10)).getTime())],
    };
    const [{ n } = { n: 0 }] = await hand.all(`SELECT count(*) AS n FROM "TranscriptRequest" r WHERE ${filter.sql}`, filter.params);
    return { from, filter, expected: Number(n) };
  };

  // (d) CSV export, in a process of its own so that its memory is its own.
  if (args.exportRuns && !args.reportsOnly) {
    log(`${args.kind}: CSV export…`);
    const { from, filter: range, expected: expectedRows } = await rangeOf(100_000);
    // The hand-written reference: the same rows, with the school, the applicant and the destination colleges,
    // read by the driver in one query (no formatting).
    const colleges =
      args.kind === "sqlite"
        ? `(SELECT group_concat(c."code") FROM "RequestDestination" d JOIN "College" c ON c."id" = d."collegeId" WHERE d."requestId" = r."id")`
        : `(SELECT string_agg(c."code", ',') FROM "RequestDestination" d JOIN "College" c ON c."id" = d."collegeId" WHERE d."requestId" = r."id")`;
    const readSql = `SELECT r."id", r."referenceNumber", r."requestNumber", r."accountNumber", r."firstName", r."lastName", r."paidAt",
      r."requestType", r."lastAttended", r."sendOption", r."sendAfter", r."status", s."mident", s."nameEn", s."nameFr",
      a."firstName" AS "aFirstName", a."middleName", a."lastName" AS "aLastName", a."formerLastName", a."dateOfBirth", a."gender",
      a."oen", a."studentNumber", a."email", a."phone", a."preferredLanguage", ${colleges} AS "colleges"
      FROM "TranscriptRequest" r JOIN "School" s ON s."id" = r."schoolId" JOIN "Applicant" a ON a."id" = r."applicantId"
      WHERE ${range.sql} ORDER BY r."paidAt" DESC, r."id" DESC`;
    const readStart = performance.now();
    const handRate = (await hand.count(readSql, range.params)) / ((performance.now() - readStart) / 1000);

    const query = { status: "ALL", from, to };
    const label = `OCAS, all statuses, ${from} to ${to} (${expectedRows.toLocaleString("en-CA")} rows)`;
    const result = await spawnExport({ url: dataset.url, query, mode: "csv", csvModule: args.csvModule, pragmas: args.pragmas });
    figures.push(...csvFigures(`CSV export, ${label}`, result, expectedRows, handRate));
    if (result.status === "ok" && dataset.size > expectedRows) {
      // Memory must not grow with the size of the export: three times as many rows, if that takes under two minutes.
      const bigger = await rangeOf(Math.min(dataset.size, 300_000));
      const seconds = bigger.expected / rate(result);
      const section = `CSV export, OCAS, all statuses, ${bigger.from} to ${to} (${bigger.expected.toLocaleString("en-CA")} rows)`;
      if (seconds <= 120) {
        const larger = await spawnExport({
          url: dataset.url,
          query: { status: "ALL", from: bigger.from, to },
          mode: "csv",
          csvModule: args.csvModule,
          pragmas: args.pragmas,
        });
        figures.push(...csvFigures(section, larger, bigger.expected, undefined).filter((f) => /RSS|rate/.test(f.figure)));
      } else {
        figures.push({
          section,
          figure: "peak RSS",
          appText: `not measured: would take ${seconds.toFixed(0)} s at the rate above`,
          bar: "< 200 MB",
          holds: null,
          notes: [],
        });
      }
    }
    const rows = await spawnExport({ url: dataset.url, query, mode: "rows", csvModule: args.csvModule, pragmas: args.pragmas });
    if (rows.status === "ok") {
      figures.push({
        section: `CSV export, ${label}`,
        figure: "exportRows() alone (no CSV formatting): rate",
        appText: `${fmtInt(rate(rows))} rows/s`,
        handText: `${fmtInt(handRate)} rows/s`,
        bar: "(information)",
        holds: null,
        notes: rows.rows === expectedRows ? [] : [`exportRows yielded ${rows.rows} rows, expected ${expectedRows}`],
      });
    }
  }

  // (e) Reports (docs/decisions/0018): the Summary of the biggest board for one year; the Detailed CSV at the
  // dashboard CSV's bars.
  {
    log(`${args.kind}: reports…`);
    const { summaryReport } = await import("@/lib/server/reports/summary-report");
    const yearAgo = new Date(`${to}T00:00:00Z`);
    yearAgo.setUTCFullYear(yearAgo.getUTCFullYear() - 1);
    yearAgo.setUTCDate(yearAgo.getUTCDate() + 1);
    const from = yearAgo.toISOString().slice(0, 10);
    const params = { type: "summary" as const, from, to, page: 1 };
    const yearFilter: HandFilter = {
      sql: `r."paidAt" >= ? AND r."paidAt" < ?`,
      params: [dialect.ts(startOfTorontoDay(from).getTime()), dialect.ts(startOfTorontoDay(next.toISOString().slice(0, 10)).getTime())],
    };
    // The hand-written reference counts the same requests per school and status (the ages are not in it).
    const handSql = `SELECT r."schoolId", r."status", count(*) AS n FROM "TranscriptRequest" r WHERE ${scope.sql} AND ${yearFilter.sql} GROUP BY r."schoolId", r."status"`;
    const handParams = [...scope.params, ...yearFilter.params];
    const report = (await summaryReport(boardActor, params))!;
    const handRows = await hand.all(handSql, handParams);
    const handTotal = handRows.reduce((n, r) => n + Number(r.n), 0);
    const notes = report.total.total === handTotal ? [] : [`the Summary counts ${report.total.total} requests, the hand SQL ${handTotal}`];
    const { a, b } = await timePair(
      () => summaryReport(boardActor, params),
      () => hand.all(handSql, handParams),
      timing,
    );
    figures.push(
      judge(
        {
          section: `Reports, board scope, ${from} to ${to} (${handTotal.toLocaleString("en-CA")} requests)`,
          figure: "Summary: summaryReport (counts, SLA figures, ageing, weeks) vs hand SQL counts per school and status",
          app: a,
          hand: b,
          bar: "≤ 300 ms",
          notes,
        },
        300,
      ),
    );
    if (args.exportRuns) {
      const { from: csvFrom, expected } = await rangeOf(100_000);
      const result = await spawnExport({ url: dataset.url, query: { status: "ALL", from: csvFrom, to }, mode: "detailed", pragmas: args.pragmas });
      figures.push(...csvFigures(`Detailed report CSV, OCAS, ${csvFrom} to ${to} (${expected.toLocaleString("en-CA")} rows)`, result, expected, undefined));
      if (args.reportsOnly) {
        // The dashboard's CSV of the same rows, in the same conditions (section d is skipped): the bar's reference.
        const dashboardCsv = await spawnExport({ url: dataset.url, query: { status: "ALL", from: csvFrom, to }, mode: "csv", pragmas: args.pragmas });
        figures.push(
          ...csvFigures(`Dashboard CSV (reference), OCAS, ${csvFrom} to ${to} (${expected.toLocaleString("en-CA")} rows)`, dashboardCsv, expected, undefined),
        );
      }
    }
  }

  await hand.close();
  await db.$disconnect();
  await candidates.drop();
  const result: SuiteResult = {
    kind: args.kind,
    size: dataset.size,
    database: args.kind === "sqlite" ? path.relative(projectRoot, dataset.url.replace(/^file:/, "")) : dataset.url.replace(/\/\/[^@/]*@/, "//"),
    built: dataset.built,
    buildMs: dataset.buildMs,
    rowCounts: dataset.rowCounts,
    scopeRequests,
    statistics: statistics + settings + (args.indexes.length > 0 ? `; candidate indexes ${args.indexes.join(", ")}` : ""),
    engine: hand.version,
    load: [loadAtStart, os.loadavg()[0]!],
    figures,
    plans,
  };
  fs.writeFileSync(args.out, JSON.stringify(result));
}

const CANDIDATE_PREFIX = "bench_candidate_";

/** Creates the candidate indexes ("Table(col, …)") in the benchmark database, after dropping any left by an
 * interrupted run; drop() removes them, so that the cached database keeps the app's schema. */
async function candidateIndexes(kind: "sqlite" | "postgres", url: string, specs: string[]): Promise<{ drop: () => Promise<void> }> {
  const ddl = specs.map((spec, i) => {
    const m = /^\s*(\w+)\s*\(([\w\s,"]+)\)\s*$/.exec(spec);
    if (!m) throw new Error(`--index ${spec}: expected Table(column, …)`);
    const columns = m[2]!.split(",").map((c) => `"${c.trim().replace(/"/g, "")}"`);
    return `CREATE INDEX "${CANDIDATE_PREFIX}${i + 1}" ON "${m[1]}" (${columns.join(", ")})`;
  });
  const run = async (statements: (names: string[]) => string[]) => {
    if (kind === "sqlite") {
      const conn = new (appSqliteDriver())(sqlitePath(url));
      try {
        const names = (
          conn.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '${CANDIDATE_PREFIX}%'`).all() as { name: string }[]
        ).map((r) => r.name);
        for (const sql of statements(names)) conn.exec(sql);
      } finally {
        conn.close();
      }
      return;
    }
    const pgClient = new (await import("pg")).default.Client({ connectionString: url });
    await pgClient.connect();
    try {
      const names = (await pgClient.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE indexname LIKE '${CANDIDATE_PREFIX}%'`)).rows.map(
        (r) => r.indexname,
      );
      for (const sql of statements(names)) await pgClient.query(sql);
    } finally {
      await pgClient.end();
    }
  };
  const dropAll = (names: string[]) => names.map((n) => `DROP INDEX "${n}"`);
  const start = performance.now();
  await run((names) => [...dropAll(names), ...ddl]);
  if (ddl.length > 0) log(`${kind}: candidate indexes created (${((performance.now() - start) / 1000).toFixed(1)} s): ${specs.join(", ")}`);
  return { drop: () => run(dropAll) };
}

/** SQLite's planner statistics (sqlite_stat1) as the benchmark runs with: none by default, as in a database the
 * app's migrations created (nothing runs ANALYZE); with --analyze, PRAGMA optimize first (the proposed fix). */
function sqliteStatistics(url: string, analyze: boolean): string {
  const Driver = appSqliteDriver();
  const conn = new Driver(sqlitePath(url));
  try {
    if (analyze) {
      const start = performance.now();
      conn.pragma("optimize=0x10002");
      return `PRAGMA optimize=0x10002 run first (${((performance.now() - start) / 1000).toFixed(1)} s)`;
    }
    conn.exec("DROP TABLE IF EXISTS sqlite_stat1; DROP TABLE IF EXISTS sqlite_stat4;");
    return "none (no ANALYZE, as in a database made by the migrations)";
  } finally {
    conn.close();
  }
}

type ExportResult =
  | { status: "ok"; firstByteMs: number; totalMs: number; cpuMs?: number; bytes: number; rows: number; peakRss: number; baselineRss: number; peakHeap?: number }
  | { status: "missing" | "error"; message: string };

const fmtInt = (n: number) => Math.round(n).toLocaleString("en-CA");
const rate = (r: Extract<ExportResult, { status: "ok" }>) => r.rows / (r.totalMs / 1000);
const mb = (bytes: number) => bytes / 1024 / 1024;

function csvFigures(section: string, r: ExportResult & { runner?: string }, expectedRows: number, handRate: number | undefined): Figure[] {
  if (r.status !== "ok") {
    const text = r.status === "missing" ? `not measured: ${r.message}` : `not measured: ${r.message}`;
    return ["time to first byte", "rate", "peak RSS"].map((figure) => ({ section, figure, appText: text, bar: barOf(figure), holds: null, notes: [] }));
  }
  const notes = r.rows === expectedRows ? [] : [`the CSV has ${r.rows} data lines, expected ${expectedRows}`];
  return [
    { section, figure: "time to first byte", appText: `${r.firstByteMs.toFixed(0)} ms`, bar: "< 1 s", holds: r.firstByteMs < 1000, notes: [] },
    {
      section,
      figure: "rate",
      // CPU time beside the wall time: on a busy machine the difference is time spent waiting for a core.
      appText: `${fmtInt(rate(r))} rows/s (${(r.totalMs / 1000).toFixed(1)} s${r.cpuMs === undefined ? "" : `, CPU ${(r.cpuMs / 1000).toFixed(1)} s`}, ${mb(r.bytes).toFixed(0)} MB)`,
      handText: handRate === undefined ? undefined : `read: ${fmtInt(handRate)} rows/s`,
      bar: "≥ 50,000 rows/s",
      holds: notes.length === 0 && rate(r) >= 50_000,
      notes,
    },
    {
      section,
      figure: "peak RSS",
      appText: `${mb(r.peakRss).toFixed(0)} MB (${mb(r.baselineRss).toFixed(0)} MB before; JS heap peak ${mb(r.peakHeap ?? 0).toFixed(0)} MB; ${r.runner ?? "?"})`,
      bar: "< 200 MB",
      holds: mb(r.peakRss) < 200,
      notes: [],
    },
  ];
}

function barOf(figure: string): string {
  return figure === "time to first byte" ? "< 1 s" : figure === "rate" ? "≥ 50,000 rows/s" : "< 200 MB";
}

let exportRunner: Promise<ExportCommand> | undefined;

async function spawnExport(options: {
  url: string;
  query: Record<string, string>;
  mode: "csv" | "rows" | "detailed";
  csvModule?: string;
  pragmas: string[];
}): Promise<ExportResult & { runner: string }> {
  exportRunner ??= exportCommand(options.csvModule);
  const runner = await exportRunner;
  const args = [...runner.args, "--query", new URLSearchParams(options.query).toString(), "--mode", options.mode];
  if (options.csvModule) args.push("--csv-module", options.csvModule);
  return new Promise((resolve) => {
    const child = spawn(runner.command, args, {
      cwd: projectRoot,
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, DATABASE_URL: options.url, TRMS_DISABLE_SCHEDULER: "1", TRMS_BENCH_SQLITE_PRAGMAS: options.pragmas.join("\n") },
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("close", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      try {
        resolve({ ...(JSON.parse(line) as ExportResult), runner: runner.runner });
      } catch {
        resolve({ status: "error", message: `export process exited with ${code}`, runner: runner.runner });
      }
    });
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
