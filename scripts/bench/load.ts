// The dashboard under load (quality.md, issue 21), against the production server (`npm start`: scripts/serve.mjs) on a throwaway
// SQLite database seeded with the demo data:
// - one dashboard page at demo size: server time (time to the last byte on loopback, one request at a time on one
//   kept-alive connection, as a browser tab navigates, median of N after a warm-up; 50 rows, the OCAS
//   administrator's Complete tab) and HTML size (the largest of that administrator's tabs in both languages);
// - "100 users": 100 signed-in sessions of several scopes (the demo accounts), each looping dashboard tab → search
//   → details → next page with 1 s think time, for --seconds (default 60): p95 ≤ 300 ms, 0 errors;
// - saturation: 50 connections, no think time, the same mix: ≥ 150 pages/s.
// The load generator is wrk (Debian package `wrk`; scripts/bench/load.lua) in a process of its own. Every session
// signs in through Auth.js; every page is rendered for its user (no page is cached across users).
// `npx tsx scripts/bench/load.ts [--seconds 60] [--instances N] [--proxy nginx] [--json out]`; --instances runs the
// production server on N processes (scripts/serve-cluster.mjs, one port; by default one per core, as
// `npm run start:cluster` does; --instances 1: scripts/serve.mjs alone); with --proxy nginx, N separate instances
// (scripts/serve.mjs, a port each) behind nginx on loopback (Debian package `nginx`), as several machines would run
// behind a load balancer, with TRUSTED_PROXIES=loopback so that the app sees each client's own address.
// scripts/bench.ts runs it in a process of its own.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import type { Figure } from "./figures";
import { signIn } from "./http-helpers";
import { stats } from "./stats";

const root = path.resolve(import.meta.dirname, "../..");
const SECTION = "Dashboard under load (demo data, npm start)";
const PAGE_MS_BAR = 15;
const PAGE_KB_BAR = 120;
const P95_BAR = 300;
const PAGES_PER_S_BAR = 150;
const SESSIONS = 100;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i === -1 ? fallback : Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number`);
  return value;
}

const ACCOUNTS: [string, string][] = [
  ["demo.admin", "Demo-Admin-2026!"],
  ["demo.board", "Demo-Board-2026!"],
  ["demo.school", "Demo-School-2026!"],
  ["demo.school2", "Demo-School2-2026!"],
  ["other.board", "Demo-Other-2026!"],
];

async function waitFor(url: string, child: ChildProcess, ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer in ${ms} ms`);
}

/** A GET on `agent`'s connection: its status and whole body. */
function getOn(agent: http.Agent, url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

type WrkResult = { requests: number; durationUs: number; p50: number; p95: number; p99: number; max: number; socketErrors: number; notOk: number };

function wrk(base: string, plan: string, connections: number, seconds: number, thinkMs: number): Promise<WrkResult> {
  const threads = Math.min(2, os.cpus().length);
  return new Promise((resolve, reject) => {
    const child = spawn(
      "wrk",
      [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, "--timeout", "10s", "-s", path.join(root, "scripts/bench/load.lua"), base],
      { env: { ...process.env, LOAD_PLAN: plan, LOAD_THINK_MS: String(thinkMs), LOAD_THREADS: String(threads) }, stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", () => {
      const line = out.split("\n").find((l) => l.startsWith("LOAD_RESULT "));
      if (!line) reject(new Error(`wrk gave no result:\n${out}`));
      else resolve(JSON.parse(line.slice("LOAD_RESULT ".length)) as WrkResult);
    });
  });
}

/** nginx in front of `upstreams` on `port`: a config of its own in `dir`, no daemon, nothing outside `dir`. */
function startNginx(dir: string, port: number, upstreams: number[]): ChildProcess {
  const conf = path.join(dir, "nginx.conf");
  fs.writeFileSync(
    conf,
    [
      ...(process.getuid?.() === 0 ? ["user root;"] : []),
      "worker_processes 1;",
      "daemon off;",
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/nginx-error.log warn;`,
      "events { worker_connections 1024; }",
      "http {",
      "  access_log off;",
      `  client_body_temp_path ${dir}/nginx-body; proxy_temp_path ${dir}/nginx-proxy;`,
      `  fastcgi_temp_path ${dir}/nginx-fcgi; uwsgi_temp_path ${dir}/nginx-uwsgi; scgi_temp_path ${dir}/nginx-scgi;`,
      `  upstream trms { ${upstreams.map((p) => `server 127.0.0.1:${p};`).join(" ")} keepalive 64; }`,
      "  server {",
      `    listen 127.0.0.1:${port};`,
      "    client_max_body_size 12m;",
      "    location / {",
      "      proxy_pass http://trms;",
      "      proxy_http_version 1.1;",
      '      proxy_set_header Connection "";',
      "      proxy_set_header Host $host;",
      "      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
      "      proxy_set_header X-Forwarded-Proto $scheme;",
      "      proxy_buffering on;",
      "    }",
      "  }",
      "}",
    ].join("\n"),
  );
  return spawn("nginx", ["-c", conf, "-p", dir], { stdio: ["ignore", "ignore", "inherit"] });
}

export async function runLoadBench(options: { seconds: number; instances: number; port: number; proxy?: "nginx" }): Promise<Figure[]> {
  if (!fs.existsSync(path.join(root, ".next/BUILD_ID"))) {
    console.error("load: no production build in .next; building…");
    execFileSync(path.join(root, "node_modules/.bin/next"), ["build"], { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trms-bench-load-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `file:${path.join(dir, "load.db")}`,
    FILE_STORAGE_DIR: path.join(dir, "files"),
    AUTH_SECRET: "benchmark-only-auth-secret-0123456789abcdef",
    AUTH_TRUST_HOST: "true",
    INTAKE_API_KEY: "benchmark-intake-key",
    APP_URL: `http://localhost:${options.port}`,
    TRMS_ALLOW_LOOPBACK_HTTP: "true",
  };
  // The e2e tests' preparation: migrate and seed the demo data into this database.
  execFileSync(process.execPath, [path.join(root, "tests/e2e/prepare-db.mjs")], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });

  const base = `http://127.0.0.1:${options.port}`;
  const behindNginx = options.proxy === "nginx";
  const extra: ChildProcess[] = [];
  if (behindNginx) {
    const ports = Array.from({ length: options.instances }, (_, i) => options.port + 1 + i);
    for (const p of ports) {
      const instance = spawn(process.execPath, [path.join(root, "scripts/serve.mjs"), "-p", String(p), "-H", "127.0.0.1"], {
        cwd: root,
        env: { ...env, NODE_ENV: "production", TRUSTED_PROXIES: "loopback" },
        stdio: ["ignore", "ignore", "inherit"],
      });
      extra.push(instance);
      await waitFor(`http://127.0.0.1:${p}/api/health`, instance, 60_000);
    }
  }
  const server = behindNginx
    ? startNginx(
        dir,
        options.port,
        Array.from({ length: options.instances }, (_, i) => options.port + 1 + i),
      )
    : options.instances > 1
      ? spawn(process.execPath, [path.join(root, "scripts/serve-cluster.mjs")], {
          cwd: root,
          env: { ...env, NODE_ENV: "production", PORT: String(options.port), WEB_CONCURRENCY: String(options.instances) },
          stdio: ["ignore", "ignore", "inherit"],
        })
      : spawn(process.execPath, [path.join(root, "scripts/serve.mjs"), "-p", String(options.port)], {
          cwd: root,
          env: { ...env, NODE_ENV: "production" },
          stdio: ["ignore", "ignore", "inherit"],
        });
  try {
    await waitFor(`${base}/api/health`, server, 60_000);
    // Sessions of several scopes (the five demo accounts, OCAS to school), each with a request in its scope.
    const db = new Database(path.join(dir, "load.db"), { readonly: true });
    const detailsOf = (username: string): string => {
      const user = db.prepare('SELECT "role", "boardId", "schoolId" FROM "User" WHERE "username" = ?').get(username) as {
        role: string;
        boardId: string | null;
        schoolId: string | null;
      };
      const where = user.schoolId ? '"schoolId" = ?' : user.boardId ? '"boardId" = ?' : "1 = 1";
      const args = user.schoolId ? [user.schoolId] : user.boardId ? [user.boardId] : [];
      const row = db.prepare(`SELECT "referenceNumber" AS r FROM "TranscriptRequest" WHERE ${where} ORDER BY "referenceNumber" LIMIT 1`).get(...args) as {
        r: string;
      };
      return row.r;
    };
    const references = new Map(ACCOUNTS.map(([u]) => [u, detailsOf(u)]));
    db.close();
    const lines: string[] = [];
    for (let i = 0; i < SESSIONS; i++) {
      const [username, password] = ACCOUNTS[i % ACCOUNTS.length]!;
      const locale = i % 2 === 0 ? "en" : "fr";
      const cookie = await signIn(base, username, password);
      lines.push(`${cookie}\t/${locale}/requests/${references.get(username)}\t${locale}`);
    }
    const plan = path.join(dir, "plan.tsv");
    fs.writeFileSync(plan, `${lines.join("\n")}\n`);

    // One page at a time: the OCAS administrator's Complete tab (50 rows).
    const adminCookie = lines[0]!.split("\t")[0]!;
    const page = `${base}/en/requests?tab=complete`;
    // One connection: fetch's pool keeps a second socket open, and one request after another alternates between the
    // two; on several processes that is two processes taking turns, which measured 3-4 ms more a page than one
    // process answering them all (docs/decisions/0021), a cost of the measuring client, not of a page.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const times: number[] = [];
    let bytes = 0;
    // A warm-up of a few hundred pages (about 5 s): a process just started and its code not yet optimized answers
    // the first pages slower than a server that has run for a while.
    const WARM_UP = 250;
    for (let i = 0; i < WARM_UP + 100; i++) {
      const t0 = performance.now();
      const { status, body } = await getOn(agent, page, { cookie: adminCookie, "accept-encoding": "identity" });
      if (status !== 200 || !body.includes("<tbody")) throw new Error(`the dashboard answered ${status}`);
      if (i >= WARM_UP) times.push(performance.now() - t0);
      bytes = Buffer.byteLength(body);
    }
    agent.destroy();
    const one = stats(times);
    // HTML size: the largest of the administrator's tabs in both languages (To Do in French, with its row actions and
    // longer labels, is the heaviest).
    let largest = { bytes, page: "en complete" };
    for (const locale of ["en", "fr"])
      for (const tab of ["todo", "incomplete", "in-progress", "complete"]) {
        const r = await fetch(`${base}/${locale}/requests?tab=${tab}`, { headers: { cookie: adminCookie, "accept-encoding": "identity" } });
        const body = await r.text();
        if (r.status !== 200 || !body.includes("<tbody")) throw new Error(`the dashboard answered ${r.status}`);
        if (Buffer.byteLength(body) > largest.bytes) largest = { bytes: Buffer.byteLength(body), page: `${locale} ${tab}` };
      }
    const kb = largest.bytes / 1024;

    console.error(`load: "100 users" for ${options.seconds} s…`);
    const users = await wrk(base, plan, SESSIONS, options.seconds, 1000);
    console.error(`load: saturation for ${options.seconds} s…`);
    const saturation = await wrk(base, plan, 50, options.seconds, 0);
    const rate = saturation.requests / (saturation.durationUs / 1e6);
    const instances = behindNginx
      ? `${options.instances} instances behind nginx`
      : options.instances > 1
        ? `${options.instances} server processes`
        : "one server process";
    const usersErrors = users.socketErrors + users.notOk;
    return [
      {
        section: SECTION,
        figure: "one dashboard page (50 rows, signed in): server time",
        app: one,
        bar: `≤ ${PAGE_MS_BAR} ms median`,
        holds: one.median <= PAGE_MS_BAR,
        notes: [],
      },
      {
        section: SECTION,
        figure: "one dashboard page (50 rows): HTML size, the largest tab",
        appText: `${kb.toFixed(1)} kB (uncompressed; ${largest.page}, the OCAS administrator)`,
        bar: `≤ ${PAGE_KB_BAR} kB`,
        holds: kb <= PAGE_KB_BAR,
        notes: [],
      },
      {
        section: SECTION,
        figure: `"100 users", 1 s think time, ${options.seconds} s (${instances})`,
        appText: `p95 ${users.p95.toFixed(0)} ms (p50 ${users.p50.toFixed(0)}, p99 ${users.p99.toFixed(0)}), ${users.requests} pages, ${usersErrors} errors`,
        bar: `p95 ≤ ${P95_BAR} ms, 0 errors`,
        holds: users.p95 <= P95_BAR && usersErrors === 0,
        notes: options.seconds < 60 ? [`shortened run (${options.seconds} s; the bar is for 60 s)`] : [],
      },
      {
        section: SECTION,
        figure: `saturation, 50 connections, ${options.seconds} s (${instances})`,
        appText: `${rate.toFixed(0)} pages/s (p95 ${saturation.p95.toFixed(0)} ms), ${saturation.socketErrors + saturation.notOk} errors`,
        bar: `≥ ${PAGES_PER_S_BAR} pages/s`,
        holds: rate >= PAGES_PER_S_BAR && saturation.socketErrors + saturation.notOk === 0,
        notes: [],
      },
    ];
  } finally {
    server.kill("SIGTERM");
    for (const instance of extra) instance.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 1000));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const seconds = arg("--seconds", 60);
  const instances = arg("--instances", os.availableParallelism());
  const port = arg("--port", 3690);
  const proxyAt = process.argv.indexOf("--proxy");
  const proxy = proxyAt === -1 ? undefined : process.argv[proxyAt + 1];
  if (proxy !== undefined && proxy !== "nginx") throw new Error("--proxy takes nginx");
  runLoadBench({ seconds, instances, port, proxy })
    .then((figures) => {
      const jsonAt = process.argv.indexOf("--json");
      if (jsonAt !== -1 && process.argv[jsonAt + 1]) fs.writeFileSync(process.argv[jsonAt + 1]!, JSON.stringify(figures));
      else
        for (const f of figures)
          console.log(
            `${f.figure}: ${f.app ? `${f.app.median.toFixed(1)} ms median (p95 ${f.app.p95.toFixed(1)})` : f.appText} — bar ${f.bar}: ${f.holds ? "holds" : "FAILED"}`,
          );
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
