import fs from "node:fs";
import type { Page } from "@playwright/test";
import { describeViolations, DEMO_ACCOUNTS, expect, test } from "./fixtures";

// Reports (contracts §9) through the real UI in both languages: the form's glossary labels, both reports for a board
// user and a school user, their CSV and PDF downloads, the charts without JavaScript, axe on the page with its charts.

const L = {
  en: {
    start: "Start Date",
    end: "End Date",
    school: "Select Secondary School",
    summary: "Summary",
    detailed: "Detailed",
    generate: "Generate Report",
    clear: "Clear",
    csv: "Download CSV",
    pdf: "Download PDF",
    csvSchool: "School",
    csvReference: "Reference Number",
    statusChart: "Requests per school, by tab",
    endBeforeStart: "The end date is before the start date.",
    tooLong: "The end date is more than two years after the start date.",
  },
  fr: {
    start: "Date de début",
    end: "Date de fin",
    school: "Sélectionner école secondaire",
    summary: "Sommaire",
    detailed: "Détaillé",
    generate: "Générer rapport",
    clear: "Effacer",
    csv: "Télécharger en format CSV",
    pdf: "Télécharger en format PDF",
    csvSchool: "École",
    csvReference: "Numéro de référence",
    statusChart: "Demandes par école, par onglet",
    endBeforeStart: "La date de fin précède la date de début.",
    tooLong: "La date de fin est plus de deux ans après la date de début.",
  },
} as const;

const iso = (d: Date) => d.toISOString().slice(0, 10);
const TODAY = iso(new Date());
const YEAR_AGO = iso(new Date(Date.now() - 365 * 86_400_000));

async function generate(page: Page, locale: "en" | "fr", type: "summary" | "detailed", from = YEAR_AGO, to = TODAY) {
  const l = L[locale];
  await page.getByLabel(l.start, { exact: true }).fill(from);
  await page.getByLabel(l.end, { exact: true }).fill(to);
  await page.getByRole("radio", { name: l[type], exact: true }).check();
  await page.getByRole("button", { name: l.generate, exact: true }).click();
  await page.waitForURL(
    (url) =>
      url.pathname === `/${locale}/reports` &&
      url.searchParams.get("type") === type &&
      url.searchParams.get("from") === from &&
      url.searchParams.get("to") === to,
  );
}

async function download(page: Page, name: string) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name, exact: true }).click()]);
  return fs.readFileSync((await file.path())!);
}

for (const locale of ["en", "fr"] as const) {
  const l = L[locale];

  test(`a board user generates both reports and downloads them (${locale})`, async ({ page, loginAs, axe }) => {
    await loginAs(page, DEMO_ACCOUNTS.board.username, DEMO_ACCOUNTS.board.password, locale);
    await page
      .getByRole("navigation")
      .getByRole("link", { name: locale === "fr" ? "Rapports" : "Reports", exact: true })
      .click();
    await page.waitForURL(new RegExp(`/${locale}/reports$`));
    // The schools in scope by name and city.
    const select = page.getByLabel(l.school, { exact: true });
    await expect(select.locator("option", { hasText: "Toronto" })).toHaveCount(1);
    await expect(select.locator("option", { hasText: "Timmins" })).toHaveCount(0);

    await generate(page, locale, "summary");
    const chart = page.getByRole("img", { name: new RegExp(l.statusChart) });
    await expect(chart).toBeVisible();
    await expect(page.locator("svg[role=img]")).toHaveCount(4);
    await expect(page.getByRole("table").first()).toBeVisible();
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    const csv = (await download(page, l.csv)).toString("utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split("\r\n")[0]!.split(",")[0]).toBe(l.csvSchool);
    expect(csv).toContain("999999");
    expect(csv).not.toContain("999997");
    expect((await download(page, l.pdf)).subarray(0, 5).toString("latin1")).toBe("%PDF-");

    await generate(page, locale, "detailed");
    const rows = page.locator("table tbody tr");
    await expect(rows.first()).toBeVisible();
    expect(await rows.count()).toBeLessThanOrEqual(50);
    const detailedCsv = (await download(page, l.csv)).toString("utf8");
    expect(detailedCsv.slice(1).split("\r\n")[0]).toContain(l.csvReference);
    expect((await download(page, l.pdf)).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // A reference opens the request.
    const reference = (await rows.first().getByRole("link").first().textContent())!.trim();
    await rows.first().getByRole("link", { name: reference }).click();
    await page.waitForURL(new RegExp(`/${locale}/requests/${reference}`));
  });

  test(`a school user's reports are their school's; dates are validated in the language (${locale})`, async ({ page, loginAs, axe }) => {
    await loginAs(page, DEMO_ACCOUNTS.school.username, DEMO_ACCOUNTS.school.password, locale);
    await page.goto(`/${locale}/reports`);
    await expect(page.getByLabel(l.school, { exact: true })).toHaveCount(0);

    await generate(page, locale, "detailed", TODAY, YEAR_AGO);
    await expect(page.getByText(l.endBeforeStart)).toBeVisible();
    await expect(page.getByLabel(l.end, { exact: true })).toHaveAttribute("aria-invalid", "true");
    await generate(page, locale, "summary", "2020-01-01", "2023-01-01");
    await expect(page.getByText(l.tooLong)).toBeVisible();

    await generate(page, locale, "summary");
    await expect(page.getByRole("img", { name: new RegExp(l.statusChart) })).toBeVisible();
    // No board analytics for a school.
    await expect(page.locator("svg[role=img]")).toHaveCount(1);
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    const csv = (await download(page, l.csv)).toString("utf8");
    expect(csv).toContain("999999");
    expect(csv).not.toContain("999998");
    expect((await download(page, l.pdf)).subarray(0, 5).toString("latin1")).toBe("%PDF-");

    // Whatever `school` says, the report is the school's own.
    await page.goto(`/${locale}/reports?type=detailed&from=${YEAR_AGO}&to=${TODAY}&school=999998`);
    await expect(page.locator("table tbody tr").first()).toBeVisible();
    const detailed = (await download(page, l.csv)).toString("utf8");
    expect(detailed).toContain("999999");
    expect(detailed).not.toContain("999998");

    await page.getByRole("button", { name: l.clear, exact: true }).click();
    await page.waitForURL(new RegExp(`/${locale}/reports\\??$`));
    await expect(page.getByLabel(l.start, { exact: true })).toHaveValue("");
  });
}

test("the charts are there without JavaScript", async ({ page, loginAs, browser }) => {
  await loginAs(page, DEMO_ACCOUNTS.board.username, DEMO_ACCOUNTS.board.password, "en");
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const noJs = await context.newPage();
  await noJs.goto(`/en/reports?type=summary&from=${YEAR_AGO}&to=${TODAY}`);
  await expect(noJs.locator("svg[role=img]")).toHaveCount(4);
  await expect(noJs.locator("svg[role=img] > g > rect").first()).toBeVisible();
  await context.close();
});

test("report exports need a session, and a school outside scope is refused", async ({ request, page, loginAs }) => {
  expect((await request.get(`/api/reports/summary.csv?from=${YEAR_AGO}&to=${TODAY}`, { maxRedirects: 0 })).status()).toBe(401);
  await loginAs(page, DEMO_ACCOUNTS.board.username, DEMO_ACCOUNTS.board.password, "en");
  const response = await page.request.get(`/api/reports/summary.csv?from=${YEAR_AGO}&to=${TODAY}&school=999997`);
  expect(response.status()).toBe(404);
  const pageResponse = await page.goto(`/en/reports?type=summary&from=${YEAR_AGO}&to=${TODAY}&school=999997`);
  expect(pageResponse!.status()).toBe(404);
});
