import fs from "node:fs/promises";
import type { Page } from "@playwright/test";
import { COLLEGES } from "../../prisma/seed/reference-data";
import { DEMO_ACCOUNTS, describeViolations, expect, test, type Locale } from "./fixtures";

// The Transmission Log through the real UI (contracts §4), in both languages: an OCAS administrator opens it from the
// administration home, filters it (the filters live in the URL), and opens a batch, downloads its file and sees it
// downloaded when it was waiting for download. The demo seed is not assumed to hold batches: when the log is empty,
// "Run Now" on Nightly College Transmission builds them, and the batch looked at is one that is delivered or waiting
// for download, whichever the colleges' endpoints lead to. A board administrator gets the 404 page.

const LABELS: Record<
  Locale,
  {
    section: RegExp;
    title: string;
    filters: string;
    college: string;
    allColleges: string;
    night: string;
    state: string;
    allStates: string;
    filter: string;
    clear: string;
    table: string;
    emptyOrNoMatch: RegExp;
    nightInvalid: string;
    states: Record<"WAITING_DOWNLOAD" | "DELIVERED" | "DOWNLOADED", string>;
    notFound: string;
  }
> = {
  en: {
    section: /^Transmission Log/,
    title: "Transmission Log",
    filters: "Filter the batches",
    college: "College",
    allColleges: "All colleges",
    night: "Night",
    state: "State",
    allStates: "All states",
    filter: "Filter",
    clear: "Clear",
    table: "The batches, newest first",
    emptyOrNoMatch: /^(No batches yet|No batch matches these filters\.)/,
    nightInvalid: "Enter the night as a date, YYYY-MM-DD. It was not used to filter the batches.",
    states: { WAITING_DOWNLOAD: "Waiting for download", DELIVERED: "Delivered", DOWNLOADED: "Downloaded" },
    notFound: "Page Not Found",
  },
  fr: {
    section: /^Journal des transmissions/,
    title: "Journal des transmissions",
    filters: "Filtrer les lots",
    college: "Collège",
    allColleges: "Tous les collèges",
    night: "Nuit",
    state: "État",
    allStates: "Tous les états",
    filter: "Filtrer",
    clear: "Effacer",
    table: "Les lots, du plus récent au plus ancien",
    emptyOrNoMatch: /^(Aucun lot pour le moment|Aucun lot ne correspond à ces filtres\.)/,
    nightInvalid: "Saisissez la nuit sous forme de date, AAAA-MM-JJ. Elle n'a pas servi à filtrer les lots.",
    states: { WAITING_DOWNLOAD: "En attente de téléchargement", DELIVERED: "Livré", DOWNLOADED: "Téléchargé" },
    notFound: "Page introuvable",
  },
};

/** The log shows either its table or the sentence that says it is empty. */
async function expectTableOrEmpty(page: Page, l: (typeof LABELS)[Locale]) {
  await expect(page.getByRole("table", { name: l.table }).or(page.getByTestId("log-empty"))).toBeVisible();
  if (await page.getByTestId("log-empty").isVisible()) await expect(page.getByTestId("log-empty")).toHaveText(l.emptyOrNoMatch);
}

for (const locale of ["en", "fr"] as const) {
  test(`an OCAS administrator opens the Transmission Log and filters it (${locale})`, async ({ page, loginAs, axe }) => {
    const l = LABELS[locale];
    await loginAs(page, DEMO_ACCOUNTS.admin.username, DEMO_ACCOUNTS.admin.password, locale);
    await page.goto(`/${locale}/admin`);
    await page.getByRole("link", { name: l.section }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/admin/transmissions$`));
    await expect(page.getByRole("heading", { level: 1, name: l.title })).toBeVisible();

    const filters = page.getByRole("form", { name: l.filters });
    const college = filters.getByLabel(l.college, { exact: true });
    const state = filters.getByLabel(l.state, { exact: true });
    await expect(college).toHaveValue("");
    await expect(college.getByRole("option", { name: l.allColleges })).toHaveCount(1);
    await expect(college.getByRole("option")).toHaveCount(COLLEGES.length + 1);
    await expect(filters.getByLabel(l.night, { exact: true })).toHaveValue("");
    await expect(state.getByRole("option", { name: l.allStates })).toHaveCount(1);
    for (const name of Object.values(l.states)) await expect(state.getByRole("option", { name, exact: true })).toHaveCount(1);
    await expectTableOrEmpty(page, l);
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    // The filters go into the URL, and come back from it.
    await college.selectOption("SENE");
    await filters.getByLabel(l.night, { exact: true }).fill("2026-12-01");
    await state.selectOption({ label: l.states.WAITING_DOWNLOAD });
    await filters.getByRole("button", { name: l.filter, exact: true }).click();
    await expect(page).toHaveURL(/[?&]college=SENE(&|$)/);
    await expect(page).toHaveURL(/[?&]night=2026-12-01(&|$)/);
    await expect(page).toHaveURL(/[?&]state=WAITING_DOWNLOAD(&|$)/);
    await expect(college).toHaveValue("SENE");
    await expect(filters.getByLabel(l.night, { exact: true })).toHaveValue("2026-12-01");
    await expect(state).toHaveValue("WAITING_DOWNLOAD");
    await expectTableOrEmpty(page, l);
    const rows = page.getByRole("table", { name: l.table }).getByRole("row");
    for (const row of (await rows.all()).slice(1)) await expect(row).toContainText(l.states.WAITING_DOWNLOAD);

    // Clear: every batch again.
    await filters.getByRole("link", { name: l.clear, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/admin/transmissions$`));
    await expect(state).toHaveValue("");

    // A night that is not a date is said so, next to its field, and not used.
    await page.goto(`/${locale}/admin/transmissions?night=yesterday`);
    await expect(filters.getByLabel(l.night, { exact: true })).toHaveAccessibleDescription(new RegExp(l.nightInvalid.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    await expectTableOrEmpty(page, l);
    const withError = await axe(page);
    expect(withError, describeViolations(withError)).toEqual([]);
  });
}

/** The BatchID of a batch delivered or waiting for download, running the nightly transmission first if none exists. */
async function findSettledBatch(page: Page): Promise<{ batchId: string; state: "WAITING_DOWNLOAD" | "DELIVERED" }> {
  const table = page.getByRole("table", { name: LABELS.en.table });
  await page.goto("/en/admin/transmissions");
  await expect(table.or(page.getByTestId("log-empty"))).toBeVisible();
  if (await page.getByTestId("log-empty").isVisible()) {
    await page.goto("/en/admin/jobs");
    await page.getByRole("button", { name: "Run Now: Nightly College Transmission", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: /“Nightly College Transmission” (ran successfully|is still running)/ })).toBeVisible({
      timeout: 30_000,
    });
  }
  // Batches of colleges without an endpoint wait for download at once; the others are delivered by their own runs.
  const deadline = Date.now() + 90_000;
  for (;;) {
    for (const state of ["WAITING_DOWNLOAD", "DELIVERED"] as const) {
      await page.goto(`/en/admin/transmissions?state=${state}`);
      await expect(table.or(page.getByTestId("log-empty"))).toBeVisible();
      if (await table.isVisible()) {
        const batchId = (await table.getByRole("row").nth(1).getByRole("rowheader").textContent())?.trim() ?? "";
        expect(batchId).toMatch(/^TRMS-[A-Z0-9]{2,8}-\d{4}-\d{2}-\d{2}-\d{3,4}$/);
        return { batchId, state };
      }
    }
    if (Date.now() > deadline) throw new Error("no batch was delivered or waiting for download");
    await page.waitForTimeout(2_000);
  }
}

test("an OCAS administrator opens a batch and downloads its file", async ({ page, loginAs, axe }) => {
  test.setTimeout(180_000);
  await loginAs(page, DEMO_ACCOUNTS.admin.username, DEMO_ACCOUNTS.admin.password, "en");
  const { batchId, state } = await findSettledBatch(page);
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: batchId, exact: true }) });
  await expect(row).toContainText(LABELS.en.states[state]);
  await row.getByRole("link", { name: batchId, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/en/admin/transmissions/${batchId}$`));
  await expect(page.getByRole("heading", { level: 1, name: `Batch ${batchId}` })).toBeVisible();
  for (const heading of ["The batch", "Attempts", "Receipts", "Manifest"]) {
    await expect(page.getByRole("heading", { level: 2, name: heading, exact: true })).toBeVisible();
  }
  // The manifest: each item's reference number links to its request.
  const manifest = page.getByRole("table", { name: "The items of the batch, in order" });
  const first = manifest.getByRole("row").nth(1);
  await expect(first.getByRole("cell").first()).toHaveText("1");
  await expect(first.getByRole("link", { name: /^REF-\d{8}$/ })).toHaveAttribute("href", /^\/en\/requests\/REF-\d{8}$/);
  await expect(first).toContainText(/Original|Reissue/);
  await expect(first).toContainText(/XML|PDF/);
  if (state === "DELIVERED") {
    await expect(page.getByRole("table", { name: "The delivery attempts, oldest first" }).getByRole("row").last()).toContainText(/(?<!\d)2\d\d(?!\d)/);
  } else {
    await expect(page.getByText("No delivery attempt.", { exact: true })).toBeVisible();
  }
  const violations = await axe(page);
  expect(violations, describeViolations(violations)).toEqual([]);

  // The file, under its BatchID.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download", exact: true }).click()]);
  expect(download.suggestedFilename()).toBe(`${batchId}.xml`);
  const xml = await fs.readFile((await download.path())!, "utf8");
  expect(xml).toContain("<AcademicRecordBatch");
  expect(xml).toContain(`<BatchID>${batchId}</BatchID>`);

  // A batch that waited for download is now downloaded; a delivered one stays delivered.
  await page.reload();
  const summary = page.getByRole("region", { name: "The batch" });
  await expect(summary).toContainText(state === "WAITING_DOWNLOAD" ? "Downloaded" : "Delivered");
  if (state === "WAITING_DOWNLOAD") {
    await page.goto("/en/admin/transmissions?state=DOWNLOADED");
    await expect(page.getByRole("rowheader", { name: batchId, exact: true })).toBeVisible();
  }
});

test("a board administrator gets the 404 page for the Transmission Log; the download needs an OCAS administrator", async ({ page, loginAs, request }) => {
  const batchId = "TRMS-SENE-2026-12-01-001";
  // Signed out, the download answers 401, never the sign-in page.
  const signedOut = await request.get(`/api/admin/transmission-batches/${batchId}`);
  expect(signedOut.status()).toBe(401);

  await loginAs(page, DEMO_ACCOUNTS.board.username, DEMO_ACCOUNTS.board.password, "en");
  await page.goto("/en/admin");
  await expect(page.getByRole("link", { name: /^Transmission Log/ })).toHaveCount(0);
  for (const locale of ["en", "fr"] as const) {
    for (const path of ["admin/transmissions", `admin/transmissions/${batchId}`]) {
      const response = await page.goto(`/${locale}/${path}`);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: LABELS[locale].notFound })).toBeVisible();
    }
  }
  const forbidden = await page.request.get(`/api/admin/transmission-batches/${batchId}`);
  expect(forbidden.status()).toBe(404);
});
