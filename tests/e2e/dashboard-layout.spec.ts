import Database from "better-sqlite3";
import type { Page } from "@playwright/test";
import { DEMO_ACCOUNTS, describeViolations, expect, seriousViolations, test, type Locale } from "./fixtures";

// The dashboard as a clerk sees it (issue 21): one line per row under a sticky header, at least 20 rows in a
// 1280×800 window, cards on a phone, no sideways scrolling, and the upload window over the list, by keyboard.

const L = {
  en: {
    complete: "Complete",
    todo: "To Do",
    browse: "Browse",
    submit: "Submit",
    cancel: "Cancel",
    upload: "Upload Transcript",
    notDue: "cannot be sent before",
    notFound: "Page Not Found",
    signOut: "Sign Out",
  },
  fr: {
    complete: "Terminé",
    todo: "À traiter",
    browse: "Parcourir",
    submit: "Soumettre",
    cancel: "Annuler",
    upload: "Téléverser relevé de notes",
    notDue: "ne peut pas être envoyée avant",
    notFound: "Page introuvable",
    signOut: "Déconnexion",
  },
} as const;

/** An open request to be sent at the end of the semester, not due yet (the seed has several). */
function deferredRequest(): string {
  const db = new Database("data/e2e.db", { readonly: true });
  try {
    const row = db
      .prepare(
        `SELECT "referenceNumber" AS reference FROM "TranscriptRequest" WHERE "sendOption" = 'END_OF_SEMESTER' AND "status" = 'ACTION_REQUIRED' AND "sendAfter" > ? ORDER BY "referenceNumber" LIMIT 1`,
      )
      .get(new Date().toISOString()) as { reference: string } | undefined;
    if (!row) throw new Error("no deferred request in the seed");
    return row.reference;
  } finally {
    db.close();
  }
}

/** Width the page scrolls sideways by (0 when it does not). */
const sidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

for (const locale of ["en", "fr"] as const satisfies Locale[]) {
  test(`1280×800: one line per row, at least 20 rows in view, sticky header, axe clean (${locale})`, async ({ page, loginAs }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    // The OCAS administrator: every board, so 50 rows and the School column (the widest table).
    await loginAs(page, DEMO_ACCOUNTS.admin.username, DEMO_ACCOUNTS.admin.password, locale);
    await page.getByRole("tab", { name: L[locale].complete, exact: true }).click();
    await expect(page).toHaveURL(/tab=complete/);
    const rows = page.locator("tbody tr");
    await expect(rows).toHaveCount(50);

    expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
    const layout = await page.evaluate(() => {
      const trs = [...document.querySelectorAll("tbody tr")].map((tr) => tr.getBoundingClientRect());
      const table = document.querySelector("table.rq")!.getBoundingClientRect();
      return {
        inView: trs.filter((r) => r.top >= 0 && r.bottom <= window.innerHeight).length,
        tallest: Math.max(...trs.map((r) => r.height)),
        // Nothing below the table but the pager: no blank page left by elements positioned outside it.
        below: document.documentElement.scrollHeight - (table.bottom + window.scrollY),
        // The table is not in a scroll box of its own.
        boxed: [...document.querySelectorAll("table.rq")].some((t) => {
          for (let e = t.parentElement; e; e = e.parentElement) if (/(auto|scroll)/.test(getComputedStyle(e).overflowY)) return true;
          return false;
        }),
      };
    });
    expect(layout.inView, "rows fully in the 800 px window").toBeGreaterThanOrEqual(20);
    expect(layout.tallest, "one line per row").toBeLessThanOrEqual(32);
    expect(layout.below).toBeLessThan(200);
    expect(layout.boxed).toBe(false);

    // The header stays at the top of the window when the page scrolls.
    await page.mouse.wheel(0, 900);
    await expect
      .poll(() =>
        page
          .locator("thead th")
          .first()
          .evaluate((th) => Math.round(th.getBoundingClientRect().top)),
      )
      .toBe(0);

    const violations = await seriousViolations(page, { enable: ["label-content-name-mismatch"] });
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  test(`every tab's page is at most 120 kB of HTML, for each scope (${locale})`, async ({ page, loginAs }) => {
    // quality.md: a dashboard page at demo size is at most 120 kB. The heaviest are the OCAS administrator's and the
    // board's (the School column) To Do and Incomplete tabs (a row action with its choices in every row), in French
    // (longer labels).
    const sizes: string[] = [];
    for (const account of [DEMO_ACCOUNTS.admin, DEMO_ACCOUNTS.board, DEMO_ACCOUNTS.school]) {
      await loginAs(page, account.username, account.password, locale);
      for (const tab of ["todo", "incomplete", "in-progress", "complete"]) {
        const response = await page.request.get(`/${locale}/requests?tab=${tab}`, { headers: { "accept-encoding": "identity" } });
        expect(response.status()).toBe(200);
        const body = await response.body();
        expect(body.toString("utf8")).toContain("<tbody");
        sizes.push(`${account.username} ${tab}: ${body.byteLength}`);
      }
      await page.context().clearCookies();
    }
    const over = sizes.filter((s) => Number(s.split(": ")[1]) > 120_000);
    expect(over, sizes.join("\n")).toEqual([]);
  });

  test(`390 px: rows are cards, no sideways scrolling, axe clean (${locale})`, async ({ page, loginAs }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await loginAs(page, DEMO_ACCOUNTS.admin.username, DEMO_ACCOUNTS.admin.password, locale);
    await page.getByRole("tab", { name: L[locale].todo, exact: true }).click();
    await expect(page).toHaveURL(/tab=todo/);
    expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
    const card = page.locator("tbody tr").first();
    // Reference, name, status, age and the action; the other columns stay on the details page.
    await expect(card.locator("td:nth-child(3) a")).toBeVisible();
    await expect(card.locator("td:nth-child(4) a")).toBeVisible();
    await expect(card.locator("td:nth-child(8)")).toBeVisible();
    await expect(card.locator("td:nth-child(2)")).toBeVisible();
    await expect(card.getByRole("combobox")).toBeVisible();
    await expect(card.getByRole("button", { name: new RegExp(`^${L[locale].submit} – `) })).toBeVisible();
    await expect(card.locator("td:nth-child(1)")).toBeHidden();
    const box = await card.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    const violations = await seriousViolations(page, { enable: ["label-content-name-mismatch"] });
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  test(`the upload window opens from the row by keyboard, and Escape gives the focus back (${locale})`, async ({ page, loginAs }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await loginAs(page, DEMO_ACCOUNTS.admin.username, DEMO_ACCOUNTS.admin.password, locale);
    await page.getByRole("tab", { name: L[locale].todo, exact: true }).click();
    await expect(page).toHaveURL(/tab=todo/);
    // A Send Now row: Upload Transcript is the row's default choice.
    const form = page.locator("td:last-child form:not([data-due])").first();
    const reference = await form.getAttribute("data-r");
    const select = form.getByRole("combobox");
    await select.focus();
    await page.keyboard.press("Tab");
    const submit = form.getByRole("button", { name: `${L[locale].submit} – ${reference}` });
    await expect(submit).toBeFocused();
    await page.keyboard.press("Enter");

    const dialog = page.getByRole("dialog", { name: `${L[locale].upload} – ${reference}` });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel(L[locale].browse, { exact: true })).toBeFocused();
    await expect(dialog.getByRole("button", { name: L[locale].submit, exact: true })).toBeVisible();
    await expect(dialog.getByRole("button", { name: L[locale].cancel, exact: true })).toBeVisible();
    await expect(dialog).not.toContainText(L[locale].notDue);
    const violations = await seriousViolations(page, { enable: ["label-content-name-mismatch"] });
    expect(violations, describeViolations(violations)).toEqual([]);

    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(submit).toBeFocused();

    // Cancel closes it too.
    await page.keyboard.press("Enter");
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: L[locale].cancel, exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(submit).toBeFocused();
  });

  test(`a Send at End of Semester request says in the upload window that it cannot be sent before its date (${locale})`, async ({ page, loginAs }) => {
    await loginAs(page, DEMO_ACCOUNTS.admin.username, DEMO_ACCOUNTS.admin.password, locale);
    const reference = deferredRequest();
    await page.goto(`/${locale}/requests?referenceNumber=${reference}&status=ALL`);
    const form = page.locator(`td:last-child form[data-r="${reference}"]`);
    await expect(form).toHaveAttribute("data-due", /.+/);
    await form.getByRole("button").click();
    const dialog = page.getByRole("dialog", { name: `${L[locale].upload} – ${reference}` });
    await expect(dialog).toBeVisible();
    // Before any file is chosen.
    await expect(dialog.getByRole("status")).toContainText(L[locale].notDue);
    await expect(dialog.getByLabel(L[locale].browse, { exact: true })).toHaveAttribute("aria-describedby", /upload-not-due/);
  });

  test(`the 404 page keeps the signed-in header, for an unknown path and an unknown request (${locale})`, async ({ page, loginAs }) => {
    await loginAs(page, DEMO_ACCOUNTS.school.username, DEMO_ACCOUNTS.school.password, locale);
    for (const path of [`/${locale}/no-such-page`, `/${locale}/requests/REF-00000000`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: L[locale].notFound })).toBeVisible();
      await expect(page.getByRole("banner").getByRole("button", { name: L[locale].signOut })).toBeVisible();
    }
  });
}
