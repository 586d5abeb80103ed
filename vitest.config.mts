import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/setup/fail-on-console-error.ts"],
          // Projects with different maxWorkers need distinct groups to run in one `vitest run`: unit first.
          sequence: { groupOrder: 0 },
        },
      },
      {
        resolve: { alias: { ...alias, "server-only": path.resolve(import.meta.dirname, "tests/setup/server-only.ts") } },
        test: {
          name: "integration",
          // The security suite (tests/security, docs/decisions/0020) runs as integration tests: real database, real verbs.
          include: ["tests/integration/**/*.test.ts", "tests/security/**/*.test.ts"],
          // next-auth and next-intl import "next/server" and "next/navigation" without an extension, which Node's ESM
          // resolution refuses: Vite resolves them (the actions import both).
          server: { deps: { inline: ["next-auth", "@auth/core", "next-intl"] } },
          environment: "node",
          globalSetup: ["tests/setup/integration-global.ts"],
          setupFiles: ["tests/setup/fail-on-console-error.ts", "tests/setup/integration-worker.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // SQLite copies are per worker; keep the machine's two cores for the database and the app.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
