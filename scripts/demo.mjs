// `npm run demo`: from a fresh clone to a running app with demo data (contracts §0, §7).
// Prepares a secret, migrates, seeds an empty database, builds when the sources changed, then serves the app
// (and the SIS test double, when the project has one) until interrupted. Run again, it keeps the data.
// `npm run demo:cluster` (`--cluster`): the scaled deployment on this machine (README, "Running at scale"): two app
// instances (PORT and PORT+1) on one PostgreSQL (DATABASE_URL, or a throwaway PostgreSQL 15 started with
// .ci/postgres.sh) and one object store (FILE_STORAGE, or the S3 test double, tests/doubles/s3-server.mjs), each
// running the background functions; the data is thrown away when it stops.
import { execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { databaseUrl, isPostgres, projectRoot } from "../lib/database-url.mjs";
import { migrate } from "./db-migrate.mjs";

const bin = (name) => path.join(projectRoot, "node_modules/.bin", name);
const dataDir = path.join(projectRoot, "data");
const secretsFile = path.join(dataDir, "secrets.json");
const nextDir = path.join(projectRoot, ".next");
const buildStamp = path.join(nextDir, "trms-demo-build.json");
const sisDouble = path.join(projectRoot, "tests/doubles/sis-server.mjs");
const collegeDouble = path.join(projectRoot, "tests/doubles/college-server.mjs");

const cluster = process.argv.includes("--cluster");
const port = integerSetting("PORT", 3000);
const clusterPgPort = integerSetting("CLUSTER_PG_PORT", 54331);
const clusterS3Port = integerSetting("CLUSTER_S3_PORT", 4569);
const sisPort = integerSetting("SIS_DOUBLE_PORT", 4010);
const collegePort = integerSetting("COLLEGE_DOUBLE_PORT", 4020);
const appUrl = process.env.APP_URL || `http://localhost:${port}`;
const intakeKey = process.env.INTAKE_API_KEY || "demo-intake-key";

const DEMO_ACCOUNTS = [
  ["demo.admin", "Demo-Admin-2026!", "OCAS administrator"],
  ["demo.board", "Demo-Board-2026!", "board administrator, first board"],
  ["demo.school", "Demo-School-2026!", "school user, first school of the first board"],
  ["demo.school2", "Demo-School2-2026!", "school user, second school of the first board"],
  ["other.board", "Demo-Other-2026!", "board user, second board"],
];

const children = new Set();
let stopping = false;

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    for (const child of children) child.kill(signal);
    // The children exit on their own; their exit handlers end this process. Force it if one hangs.
    setTimeout(() => process.exit(signalExitCode(signal)), 10_000).unref();
    if (children.size === 0) process.exit(signalExitCode(signal));
  });
}

async function main() {
  const started = Date.now();
  const authSecret = await phase("secret", () => loadAuthSecret());

  const env = {
    ...process.env,
    AUTH_SECRET: authSecret,
    INTAKE_API_KEY: intakeKey,
    APP_URL: appUrl,
    AUTH_TRUST_HOST: "true",
    // The demo's SIS and college doubles are plain HTTP on this machine (and so may a tester's endpoints be).
    TRMS_ALLOW_LOOPBACK_HTTP: process.env.TRMS_ALLOW_LOOPBACK_HTTP || "true",
  };

  if (fs.existsSync(sisDouble)) {
    // Started first: the seed may talk to it, and the boards on Auto-TRMS need it as soon as the app runs.
    await phase("sis double", async () => {
      const child = track(
        "SIS double",
        spawn(process.execPath, [sisDouble], {
          cwd: projectRoot,
          stdio: "inherit",
          // PORT too, in case the double reads that: it must not take the app's port.
          env: { ...env, SIS_DOUBLE_PORT: String(sisPort), PORT: String(sisPort) },
        }),
      );
      await waitForPort(sisPort, child, 15_000);
    });
    env.SIS_DOUBLE_URL = `http://127.0.0.1:${sisPort}/sis`;
  }

  if (fs.existsSync(collegeDouble)) {
    // The colleges the nightly transmission (and Run Now) delivers to: it keeps what it receives under data/.
    await phase("college double", async () => {
      const child = track(
        "college double",
        spawn(process.execPath, [collegeDouble], {
          cwd: projectRoot,
          stdio: "inherit",
          env: { ...env, COLLEGE_DOUBLE_PORT: String(collegePort), PORT: String(collegePort), COLLEGE_DOUBLE_DIR: path.join(dataDir, "college-double") },
        }),
      );
      await waitForPort(collegePort, child, 15_000, "the college double");
    });
    env.COLLEGE_DOUBLE_URL = `http://127.0.0.1:${collegePort}`;
  }

  if (cluster) await phase("cluster: database and object store", () => startClusterStores(env));

  await phase("migrate", () => migrate({ quiet: true }));

  await phase("seed (if empty)", async () => {
    // The seed refuses to run in production (contracts §7); it needs the app's AUTH_SECRET (it encrypts the
    // boards' SIS secrets with a key derived from it).
    const { NODE_ENV: _ignored, ...seedEnv } = env;
    await run(bin("tsx"), ["prisma/seed.ts", "--if-empty"], seedEnv);
  });

  const buildEnv = { ...env, NODE_ENV: "production" };
  await phase("build", async () => {
    const sources = sourceHash();
    if (buildIsCurrent(sources)) {
      log("build of the current sources found in .next: skipping `next build`");
      return;
    }
    fs.rmSync(buildStamp, { force: true });
    await run(bin("next"), ["build"], buildEnv);
    fs.writeFileSync(buildStamp, JSON.stringify({ sources, buildId: readBuildId() }, null, 2));
  });

  await phase("start", async () => {
    const ports = cluster ? [port, port + 1] : [port];
    await Promise.all(
      ports.map(async (p, i) => {
        const app = track(
          ports.length > 1 ? `app instance ${i + 1}` : "app",
          spawn(process.execPath, [path.join(projectRoot, "scripts/serve.mjs"), "-p", String(p)], {
            cwd: projectRoot,
            stdio: "inherit",
            env: { ...buildEnv, PORT: String(p) },
          }),
        );
        await waitForHealth(`http://127.0.0.1:${p}/api/health`, app, 90_000);
      }),
    );
  });

  banner(env, Date.now() - started);
}

// --- cluster --------------------------------------------------------------------------------------------------

/** PostgreSQL and object storage for `--cluster`: the ones the environment names, or throwaway ones of this machine. */
async function startClusterStores(env) {
  if (!isPostgres(databaseUrl())) {
    // Under the system's temporary folder: the postgres user must be able to reach it.
    const pgData = path.join(os.tmpdir(), `trms-cluster-pg-${clusterPgPort}`);
    const script = path.join(projectRoot, ".ci/postgres.sh");
    const url = await new Promise((resolve, reject) => {
      const child = spawn("bash", [script, "start"], { cwd: projectRoot, env: { ...process.env, PGDATA: pgData, PGPORT: String(clusterPgPort) } });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.pipe(process.stderr);
      child.on("error", reject);
      child.on("exit", (code) =>
        code === 0 ? resolve(out.trim()) : reject(new Error(`could not start PostgreSQL 15 (Debian package postgresql; or set DATABASE_URL)`)),
      );
    });
    process.on("exit", () => {
      try {
        execFileSync("bash", [script, "stop"], { env: { ...process.env, PGDATA: pgData, PGPORT: String(clusterPgPort) }, stdio: "ignore" });
      } catch {
        // already stopped
      }
    });
    // A fresh server has only the `postgres` database: make the one the URL names.
    const { default: pg } = await import("pg");
    const admin = new pg.Client({ connectionString: url.replace(/\/trms$/, "/postgres") });
    await admin.connect();
    await admin.query('CREATE DATABASE "trms"');
    await admin.end();
    log(`PostgreSQL 15 at ${url} (data in ${pgData}, removed when the demo stops)`);
    env.DATABASE_URL = url;
    process.env.DATABASE_URL = url;
  }
  if (!env.FILE_STORAGE) {
    const double = path.join(projectRoot, "tests/doubles/s3-server.mjs");
    const child = track("S3 double", spawn(process.execPath, [double, String(clusterS3Port), "trms"], { cwd: projectRoot, stdio: "inherit", env }));
    await waitForPort(clusterS3Port, child, 15_000, "the S3 double");
    const { s3DoubleEnv } = await import("../tests/doubles/s3-server.mjs");
    Object.assign(env, s3DoubleEnv(`http://127.0.0.1:${clusterS3Port}`, "trms", "files"));
  }
}

// --- secret ---------------------------------------------------------------------------------------------------

function loadAuthSecret() {
  if (process.env.AUTH_SECRET && process.env.AUTH_SECRET.trim() !== "") {
    log("AUTH_SECRET from the environment");
    return process.env.AUTH_SECRET;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  if (fs.existsSync(secretsFile)) {
    let secret;
    try {
      secret = JSON.parse(fs.readFileSync(secretsFile, "utf8")).AUTH_SECRET;
    } catch {
      // Regenerating would make the stored board secrets unreadable: let a person decide.
      throw new Error(`${path.relative(projectRoot, secretsFile)} is not valid JSON: fix or delete it (with data/)`);
    }
    if (typeof secret !== "string" || secret.length < 32) {
      throw new Error(`${path.relative(projectRoot, secretsFile)} has no AUTH_SECRET of 32+ characters`);
    }
    return secret;
  }
  const secret = crypto.randomBytes(32).toString("base64url");
  fs.writeFileSync(secretsFile, `${JSON.stringify({ AUTH_SECRET: secret }, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(secretsFile, 0o600);
  log(`generated AUTH_SECRET in ${path.relative(projectRoot, secretsFile)}`);
  return secret;
}

// --- build stamp ----------------------------------------------------------------------------------------------

// Everything but these can change what `next build` produces; hashing a little too much only costs a rebuild.
const NOT_BUILD_INPUTS = new Set([
  "node_modules",
  ".next",
  ".git",
  "data",
  "tests",
  "docs",
  ".ci",
  "test-results",
  "playwright-report",
  "coverage",
  "next-env.d.ts",
]);

function sourceHash() {
  const hash = crypto.createHash("sha256");
  const walk = (dir, rel) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (!rel && (NOT_BUILD_INPUTS.has(entry.name) || entry.name.endsWith(".md"))) continue;
      if (entry.name.endsWith(".tsbuildinfo")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, relPath);
      else if (entry.isFile()) {
        hash.update(`${relPath}\0`);
        hash.update(fs.readFileSync(full));
        hash.update("\0");
      }
    }
  };
  walk(projectRoot, "");
  // Inlined into the client bundle at build time.
  for (const key of Object.keys(process.env)
    .filter((k) => k.startsWith("NEXT_PUBLIC_"))
    .sort()) {
    hash.update(`${key}=${process.env[key]}\0`);
  }
  return hash.digest("hex");
}

function readBuildId() {
  try {
    return fs.readFileSync(path.join(nextDir, "BUILD_ID"), "utf8").trim();
  } catch {
    return null;
  }
}

// Current when the last demo build was of these sources and nothing (e.g. the e2e run) has built since.
function buildIsCurrent(sources) {
  try {
    const stamp = JSON.parse(fs.readFileSync(buildStamp, "utf8"));
    const buildId = readBuildId();
    return stamp.sources === sources && buildId !== null && stamp.buildId === buildId;
  } catch {
    return false;
  }
}

// --- processes ------------------------------------------------------------------------------------------------

function track(name, child) {
  children.add(child);
  child.on("exit", (code, signal) => {
    children.delete(child);
    if (stopping) {
      if (children.size === 0) process.exit(code ?? signalExitCode(signal));
      return;
    }
    // A long-running child that stops ends the demo: a half-running demo is harder to understand than none.
    stopping = true;
    console.error(`[demo] ${name} exited (${signal ?? `code ${code}`}): stopping`);
    for (const other of children) other.kill("SIGTERM");
    if (children.size === 0) process.exit(code || 1);
    else setTimeout(() => process.exit(code || 1), 10_000).unref();
  });
  return child;
}

/** Runs a command to completion (killable by the signal handlers); rejects on a non-zero exit. */
function run(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: projectRoot, stdio: "inherit", env });
    children.add(child);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      children.delete(child);
      if (stopping) process.exit(code ?? signalExitCode(signal));
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(command)} ${args.join(" ")} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

async function waitForPort(targetPort, child, timeoutMs, name = "the SIS double") {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`);
    const open = await new Promise((resolve) => {
      const socket = net.connect({ host: "127.0.0.1", port: targetPort });
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await sleep(200);
  }
  throw new Error(`${name} did not listen on port ${targetPort} within ${timeoutMs / 1000} s`);
}

async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return; // its exit handler reports and stops the demo
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(300);
  }
  console.error(`[demo] ${url} did not answer 200 within ${timeoutMs / 1000} s; the app may not be healthy`);
}

// --- output ---------------------------------------------------------------------------------------------------

async function phase(name, fn) {
  const t0 = Date.now();
  const result = await fn();
  log(`${name}: ${seconds(Date.now() - t0)}`);
  return result;
}

function banner(env, elapsedMs) {
  const width = Math.max(...DEMO_ACCOUNTS.map(([u]) => u.length));
  const lines = [
    "",
    `TRMS demo ready in ${seconds(elapsedMs)}: ${appUrl}`,
    ...(appUrl === `http://localhost:${port}` ? [] : [`  local:      http://localhost:${port}`]),
    ...(cluster ? [`  instances:  http://localhost:${port} and http://localhost:${port + 1} (one database, one object store)`] : []),
    `  database:   ${isPostgres(databaseUrl()) ? "PostgreSQL (DATABASE_URL)" : databaseUrl()}`,
    ...(env.FILE_STORAGE ? [`  files:      ${env.FILE_STORAGE}${env.S3_ENDPOINT ? ` at ${env.S3_ENDPOINT}` : ""}`] : []),
    `  intake API: POST ${appUrl}/api/v1/transcript-requests  Authorization: Bearer ${intakeKey}`,
    ...(env.SIS_DOUBLE_URL ? [`  SIS double: ${env.SIS_DOUBLE_URL}`] : []),
    ...(env.COLLEGE_DOUBLE_URL ? [`  college double: ${env.COLLEGE_DOUBLE_URL}/colleges/<code> (batches kept in data/college-double)`] : []),
    "  demo accounts (username / password):",
    ...DEMO_ACCOUNTS.map(([u, p, role]) => `    ${u.padEnd(width)}  ${p.padEnd(20)} ${role}`),
    "Press Ctrl+C to stop.",
    "",
  ];
  console.log(lines.join("\n"));
}

function log(message) {
  console.log(`[demo] ${message}`);
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function signalExitCode(signal) {
  return 128 + ({ SIGINT: 2, SIGTERM: 15 }[signal] ?? 1);
}

function integerSetting(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    console.error(`[demo] ${name} must be a port number (1-65535), got "${raw}"`);
    process.exit(1);
  }
  return value;
}

try {
  await main();
} catch (error) {
  console.error(`[demo] ${error instanceof Error ? error.message : error}`);
  for (const child of children) child.kill("SIGTERM");
  process.exit(1);
}
