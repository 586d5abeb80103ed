import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Layer rules (architecture: data flows page → action → lib/server → lib/domain + Prisma; ADR 0011).
const NO_SCRIPTS = { group: ["@/scripts/*", "**/scripts/*"], message: "The app must not depend on tool scripts: move what it needs into lib/." };
const NO_TESTS = { group: ["@/tests/*", "**/tests/*"], message: "The app must not depend on tests." };
const restrict = (...patterns) => ({ "@typescript-eslint/no-restricted-imports": ["error", { patterns }] });

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", "lib/generated/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Data flows one way: page → action → lib/server → lib/domain + Prisma (docs: architecture).
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/generated/*", "@/lib/db", "@/lib/server/*"],
              message: "Components get data through pages and actions, not Prisma.",
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // Services never import the background functions or their runtime: the composition roots register them
    // (instrumentation.ts, app/api/inngest/route.ts, the test setup), and events go through the outbox (ADR 0011).
    // Nothing in lib/ depends on tool scripts or tests.
    files: ["lib/**/*.{ts,tsx}"],
    ignores: ["lib/domain/**", "lib/inngest/**"],
    rules: restrict(NO_SCRIPTS, NO_TESTS),
  },
  {
    // Actions reach the database only through lib/server (and its scope in every query).
    files: ["lib/actions/**/*.ts"],
    rules: restrict(NO_SCRIPTS, NO_TESTS, {
      group: ["@/lib/db", "@/lib/generated/*"],
      message: "Actions call lib/server, never Prisma.",
      allowTypeImports: true,
    }),
  },
  {
    files: ["lib/server/**/*.{ts,tsx}"],
    rules: restrict(
      NO_SCRIPTS,
      NO_TESTS,
      {
        group: ["@/inngest", "@/inngest/*"],
        message: "Services do not import the functions: write events to the outbox (lib/server/jobs/outbox.ts).",
        allowTypeImports: true,
      },
      { group: ["@/lib/inngest/*"], message: "Services do not import the background runtime: the composition roots start it.", allowTypeImports: true },
    ),
  },
  {
    files: ["lib/inngest/**/*.ts"],
    rules: restrict(NO_SCRIPTS, NO_TESTS, {
      group: ["@/inngest", "@/inngest/*"],
      message: "The runtime is given the functions by a composition root; it never imports them.",
      allowTypeImports: true,
    }),
  },
  {
    files: ["lib/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/*", "!@/lib/domain", "!@/lib/domain/*", "node:fs", "node:fs/*"], message: "lib/domain is pure: it imports only itself." },
          ],
        },
      ],
    },
  },
];

export default config;
