import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS as SEEDED_ACCOUNTS } from "../../prisma/seed/reference-data";

// Shared pieces of the end-to-end tests: the demo accounts, a login helper and an accessibility check.
// Import `test` and `expect` from here instead of @playwright/test.

export type Locale = "en" | "fr";

/** The seeded demo accounts (contracts §7): permanent passwords, no forced change. The seed's own list. */
const account = (username: string) => {
  const seeded = SEEDED_ACCOUNTS.find((a) => a.username === username);
  if (!seeded) throw new Error(`no demo account ${username} in prisma/seed/reference-data.ts`);
  return seeded;
};
export const DEMO_ACCOUNTS = {
  admin: account("demo.admin"),
  board: account("demo.board"),
  school: account("demo.school"),
  school2: account("demo.school2"),
  otherBoard: account("other.board"),
} as const;

export type DemoAccount = (typeof DEMO_ACCOUNTS)[keyof typeof DEMO_ACCOUNTS];

/** The intake API key the e2e server runs with (playwright.config.ts). */
export const E2E_INTAKE_API_KEY = "e2e-intake-key-123";
/** The college test double beside the app (playwright.config.ts): its control endpoint. */
export const COLLEGE_DOUBLE_URL = `http://127.0.0.1:${process.env.E2E_COLLEGE_PORT ?? 4120}`;

/** The sign-in form's accessible names in each language (messages/{en,fr}.json). */
export const LOGIN_LABELS: Record<Locale, { username: string; password: string; submit: string }> = {
  en: { username: "Username", password: "Password", submit: "Sign In" },
  fr: { username: "Nom d'utilisateur", password: "Mot de passe", submit: "Connexion" },
};

/** Signs in through the real form and waits for the dashboard. */
export async function loginAs(page: Page, username: string, password: string, locale: Locale = "en") {
  const labels = LOGIN_LABELS[locale];
  await page.goto(`/${locale}/login`);
  // exact: a "Show password" toggle or a "Forgot password?" link must not match.
  await page.getByLabel(labels.username, { exact: true }).fill(username);
  await page.getByLabel(labels.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: labels.submit, exact: true }).click();
  await page.waitForURL(new RegExp(`/${locale}/requests(?:[/?#]|$)`));
}

const SERIOUS = new Set(["serious", "critical"]);

/** The serious and critical WCAG 2.1 A/AA violations on the page as it is now. */
export async function seriousViolations(page: Page, options: { exclude?: string[]; /** axe's experimental rules to run too */ enable?: string[] } = {}) {
  // After a client-side navigation Next puts the new page's <title> in a moment after its content: wait for it (a
  // page that has none still fails, on axe's document-title rule, after this short wait).
  await page.waitForFunction(() => document.title.trim() !== "", null, { timeout: 3_000 }).catch(() => undefined);
  // options() replaces the run options, so it comes before withTags (which adds to them).
  let builder = new AxeBuilder({ page })
    .options({ rules: Object.fromEntries((options.enable ?? []).map((id) => [id, { enabled: true }])) })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const { violations } = await builder.analyze();
  return violations.filter((v) => v.impact != null && SERIOUS.has(v.impact));
}

/** A readable list of violations, for the failure message of `expect(violations, describeViolations(v))`. */
export function describeViolations(violations: Awaited<ReturnType<typeof seriousViolations>>) {
  return violations.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(" ")}`).join("\n")}`).join("\n");
}

type Fixtures = {
  /** `await loginAs(page, DEMO_ACCOUNTS.school.username, DEMO_ACCOUNTS.school.password, "fr")` */
  loginAs: typeof loginAs;
  /** `expect(await axe(page)).toEqual([])`: serious/critical violations only. */
  axe: typeof seriousViolations;
};

export const test = base.extend<Fixtures>({
  // Playwright's `use` is named `provide` here: react-hooks lint rules read `use(...)` as React's hook.
  loginAs: async ({}, provide) => {
    await provide(loginAs);
  },
  axe: async ({}, provide) => {
    await provide(seriousViolations);
  },
});

export { expect };
