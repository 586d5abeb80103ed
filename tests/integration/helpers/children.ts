import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { vi } from "vitest";

// Real child processes for the crash tests (background-crash.test.ts, transmission-crash.test.ts): the background
// runtime of crash/runtime-child.ts on the test file's database (the environment is inherited), killed with SIGKILL.

export const LEASE_SECONDS = 2;
const children = new Set<ChildProcess>();

/** Starts a child in `mode`; resolves with it and its stdout lines once it printed `ready` (a line prefix). */
export function startChild(mode: string[], ready: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/crash/runtime-child.ts", ...mode], {
    cwd: path.resolve("."),
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_ENV: "test", TRMS_RUNNER_LEASE_SECONDS: String(LEASE_SECONDS), ...env },
  });
  children.add(child);
  const lines: string[] = [];
  const errors: string[] = [];
  child.stderr!.on("data", (chunk: Buffer) => errors.push(chunk.toString()));
  return new Promise<{ child: ChildProcess; lines: string[] }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child ${mode.join(" ")} did not print ${ready}: ${errors.join("")}`)), 60_000);
    readline.createInterface({ input: child.stdout! }).on("line", (line) => {
      lines.push(line);
      if (line.startsWith(ready)) {
        clearTimeout(timer);
        resolve({ child, lines });
      }
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (!lines.some((l) => l.startsWith(ready))) reject(new Error(`child ${mode.join(" ")} exited (${code ?? signal}): ${errors.join("")}`));
    });
  });
}

/** SIGKILL: the process gets no chance to finish anything. */
export async function kill(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
  children.delete(child);
}

/** Kills every child still running (afterEach). */
export async function killAll() {
  for (const child of [...children]) await kill(child);
}

export const waitFor = <T>(check: () => Promise<T>, timeout = 30_000) => vi.waitFor(check, { timeout, interval: 100 });
