import Database from "better-sqlite3";
import { DEMO_ACCOUNTS, E2E_INTAKE_API_KEY, expect, test } from "./fixtures";

/** The stored (folded) last names of requests, in the order of the given reference numbers. */
function foldedLastNames(references: string[]): string[] {
  const db = new Database("data/e2e.db", { readonly: true });
  try {
    const get = db.prepare('SELECT "lastNameFolded" AS name FROM "TranscriptRequest" WHERE "referenceNumber" = ?');
    return references.map((r) => (get.get(r.trim()) as { name: string }).name);
  } finally {
    db.close();
  }
}

const TABS = {
  en: ["To Do", "Incomplete", "In Progress", "Complete"],
  fr: ["À traiter", "Incomplète", "En cours", "Terminé"],
} as const;
const PARAMS = ["todo", "incomplete", "in-progress", "complete"];

for (const locale of ["en", "fr"] as const) {
  test(`tabs, counts and accessibility (${locale})`, async ({ page, loginAs, axe }) => {
    await loginAs(page, DEMO_ACCOUNTS.board.username, DEMO_ACCOUNTS.board.password, locale);
    for (const [i, name] of TABS[locale].entries()) {
      const tab = page.getByRole("tab", { name, exact: true });
      await tab.click();
      await expect(page).toHaveURL(new RegExp(`tab=${PARAMS[i]}`));
      await expect(tab).toHaveAttribute("aria-selected", "true");
      const count = Number(await tab.locator("[aria-hidden]").innerText());
      const rows = page.getByRole("tabpanel").getByRole("row");
      // Header row plus one row per request on the first page (page size 50).
      if (count > 0) await expect(rows).toHaveCount(Math.min(count, 50) + 1);
      // axe on the two kinds of rows (open: action radios; complete: re-upload); it is slow on full tables.
      if (i === 0 || i === 3) expect(await axe(page), `${locale} ${name}`).toEqual([]);
    }
  });
}

test("board users see the School column; school users only their school", async ({ page, loginAs }) => {
  await loginAs(page, DEMO_ACCOUNTS.board.username, DEMO_ACCOUNTS.board.password);
  await expect(page.getByRole("columnheader", { name: /School/ })).toBeVisible();
  await page.getByRole("button", { name: "Sign Out" }).click();
  await loginAs(page, DEMO_ACCOUNTS.school.username, DEMO_ACCOUNTS.school.password);
  await expect(page.getByRole("columnheader", { name: /School/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "REF-45454545" })).toBeVisible();
});

test("sorting by a header keeps the order in the URL; Name sorts by last name", async ({ page, loginAs }) => {
  await loginAs(page, DEMO_ACCOUNTS.board.username, DEMO_ACCOUNTS.board.password);
  await page.getByRole("tab", { name: "Complete", exact: true }).click();
  await page.getByRole("columnheader", { name: /^Name/ }).getByRole("link").click();
  await expect(page).toHaveURL(/sort=name&dir=asc/);
  await expect(page.getByRole("columnheader", { name: /^Name/ })).toHaveAttribute("aria-sort", "ascending");
  const references = await page.locator("tbody tr td:nth-child(3)").allInnerTexts();
  const lastNames = foldedLastNames(references);
  expect(lastNames.length).toBeGreaterThan(10);
  expect(lastNames).toEqual([...lastNames].sort());
  await page.getByRole("columnheader", { name: /^Name/ }).getByRole("link").click();
  await expect(page).toHaveURL(/sort=name&dir=desc/);
});

test("search by last name ignores accents and case, and Clear resets it", async ({ page, loginAs }) => {
  await loginAs(page, DEMO_ACCOUNTS.admin.username, DEMO_ACCOUNTS.admin.password, "fr");
  await page.getByText("Recherche", { exact: true }).click();
  await page.getByLabel("Nom de famille").fill("BELA");
  await page.getByText("Autres options de recherche").click();
  await page.getByLabel("Sélectionner tout").check();
  await page.getByRole("button", { name: "Chercher" }).click();
  await expect(page).toHaveURL(/lastName=BELA/);
  await expect(page).toHaveURL(/status=ALL/);
  const names = page.locator("tbody tr td:nth-child(4)");
  await expect(names.first()).toBeVisible();
  for (const name of await names.allInnerTexts()) expect(name).toMatch(/B[ée]langer/i);
  await page.getByRole("button", { name: "Effacer" }).click();
  await expect(page).toHaveURL(/\/fr\/requests\?tab=todo$/);
  await expect(page.getByLabel("Nom de famille")).not.toBeVisible();
});

test("invalid search input is explained in the user's language", async ({ page, loginAs }) => {
  await loginAs(page, DEMO_ACCOUNTS.board.username, DEMO_ACCOUNTS.board.password);
  await page.goto("/en/requests?oen=12345&from=2026-02-10&to=2026-02-01");
  await expect(page.getByText("An OEN has exactly 9 digits.")).toBeVisible();
  await expect(page.getByText("The end date is before the start date.")).toBeVisible();
  await expect(page.getByLabel("OEN")).toHaveAttribute("aria-invalid", "true");
});

test("search by reference number finds the request in any tab", async ({ page, loginAs }) => {
  await loginAs(page, DEMO_ACCOUNTS.school.username, DEMO_ACCOUNTS.school.password);
  await page.goto("/en/requests?referenceNumber=REF-45454545&status=ALL");
  await expect(page.getByRole("link", { name: "REF-45454545" })).toBeVisible();
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await expect(page.getByRole("link", { name: "Senior Student" })).toBeVisible();
});

test("the dashboard refreshes itself when a new request arrives, and says so", async ({ page, loginAs, request }) => {
  await loginAs(page, DEMO_ACCOUNTS.school2.username, DEMO_ACCOUNTS.school2.password);
  const todo = page.getByRole("tab", { name: "To Do", exact: true });
  const before = Number(await todo.locator("[aria-hidden]").innerText());
  const requestNumber = `8${String(Date.now()).slice(-8)}`;
  const created = await request.post("/api/v1/transcript-requests", {
    headers: { Authorization: `Bearer ${E2E_INTAKE_API_KEY}` },
    data: {
      requestNumber,
      accountNumber: `6${requestNumber}`,
      requestType: "ORIGINAL",
      paidAt: new Date().toISOString(),
      sendOption: "SEND_NOW",
      sendAfter: null,
      schoolMident: "999998",
      lastAttended: "2024-06",
      applicant: {
        firstName: "Live",
        lastName: "Refresh",
        middleName: null,
        formerLastName: null,
        dateOfBirth: "2006-01-02",
        gender: "X",
        oen: null,
        studentNumber: null,
        email: "live.refresh@example.org",
        phone: null,
        preferredLanguage: "en",
      },
      destinations: ["SENE"],
    },
  });
  expect(created.status()).toBe(201);
  const { referenceNumber } = (await created.json()) as { referenceNumber: string };
  // No reload: the page polls every 10 s.
  await expect(page.getByTestId("live-refresh")).toHaveText("The list was updated with the latest changes.", { timeout: 25_000 });
  await expect(todo.locator("[aria-hidden]")).toHaveText(String(before + 1));
  await expect(page.getByRole("link", { name: referenceNumber, exact: true })).toBeVisible();
});

test("opening the dashboard asks the server for nothing it was not asked for: no prefetch of its links", async ({ page, loginAs }) => {
  const prefetches: string[] = [];
  page.on("request", (request) => {
    if (request.headers()["next-router-prefetch"]) prefetches.push(request.url());
  });
  await loginAs(page, DEMO_ACCOUNTS.board.username, DEMO_ACCOUNTS.board.password);
  await expect(page.getByRole("tab", { name: "To Do", exact: true })).toHaveAttribute("aria-selected", "true");
  // Links in view (tabs, sort headers, the menu) and one hovered: Next prefetches either way by default.
  await page.getByRole("link", { name: /^Age/ }).hover();
  await page.waitForTimeout(1500);
  expect(prefetches).toEqual([]);
  // A click still navigates in place (the page is not loaded again: what it holds survives), for a tab, a sort
  // header and the pager.
  await page.evaluate(() => Object.assign(window, { trmsSamePage: true }));
  await page.getByRole("tab", { name: "Complete", exact: true }).click();
  await expect(page).toHaveURL(/tab=complete/);
  await expect(page.getByRole("tab", { name: "Complete", exact: true })).toHaveAttribute("aria-selected", "true");
  await page.getByRole("link", { name: /^Age/ }).click();
  await expect(page).toHaveURL(/sort=age/);
  await expect(page.getByRole("columnheader", { name: /^Age/ })).toHaveAttribute("aria-sort", /ascending|descending/);
  await page.getByRole("navigation", { name: /pag/i }).getByRole("link", { name: /2/ }).click();
  await expect(page).toHaveURL(/page=2/);
  expect(await page.evaluate(() => (window as unknown as { trmsSamePage?: boolean }).trmsSamePage)).toBe(true);
  expect(prefetches).toEqual([]);
});
