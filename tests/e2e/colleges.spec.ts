import { COLLEGES } from "../../prisma/seed/reference-data";
import { COLLEGE_DOUBLE_URL, DEMO_ACCOUNTS, describeViolations, expect, test, type Locale } from "./fixtures";

// College settings through the real UI (contracts §4, §10), in both languages: an OCAS administrator opens Colleges
// from the administration home, is refused a plain-HTTP Delivery URL (the e2e server runs in production mode), saves
// an HTTPS one, generates a signing secret — shown once, gone after a reload — and sees both in the colleges table.
// The Delivery URL found at the start is put back at the end, so that no later test sends batches to the address
// set here. A board administrator gets the 404 page.

const LABELS: Record<
  Locale,
  {
    section: RegExp;
    title: string;
    table: string;
    code: string;
    college: { code: string; name: string };
    deliveryUrl: string;
    active: string;
    save: string;
    generate: string;
    fixErrors: string;
    httpsOnly: string;
    saved: RegExp;
    generated: string;
    once: string;
    secretSet: RegExp;
    tableSecretSet: RegExp;
    working: string;
    notFound: string;
  }
> = {
  en: {
    section: /^Colleges/,
    title: "Colleges",
    table: "The colleges, by code",
    code: "College Code",
    college: { code: "FLEM", name: "Fleming College" },
    deliveryUrl: "Delivery URL",
    active: "Active",
    save: "Save",
    generate: "Generate New Secret",
    fixErrors: "The settings were not saved. Correct the fields marked below.",
    httpsOnly: "The Delivery URL must start with https:// (http:// only for localhost or 127.0.0.1).",
    saved: /^The settings of Fleming College were saved/,
    generated: "A new signing secret was generated for Fleming College.",
    once: "Copy it now and give it to the college securely: it will not be shown again.",
    secretSet: /^Set on /,
    tableSecretSet: /^Set on /,
    working: "Working",
    notFound: "Page Not Found",
  },
  fr: {
    section: /^Collèges/,
    title: "Collèges",
    table: "Les collèges, par code",
    code: "Code du collège",
    college: { code: "LACI", name: "La Cité" },
    deliveryUrl: "URL de livraison",
    active: "Actif",
    save: "Enregistrer",
    generate: "Générer un nouveau secret",
    fixErrors: "Les paramètres n'ont pas été enregistrés. Corrigez les champs signalés ci-dessous.",
    httpsOnly: "L'URL de livraison doit commencer par https:// (http:// seulement pour localhost ou 127.0.0.1).",
    saved: /^Les paramètres de La Cité ont été enregistrés/,
    generated: "Un nouveau secret de signature a été généré pour La Cité.",
    once: "Copiez-le maintenant et transmettez-le au collège de façon sécuritaire : il ne sera plus jamais affiché.",
    secretSet: /^Défini le /,
    tableSecretSet: /^Défini le /,
    working: "En service",
    notFound: "Page introuvable",
  },
};

for (const locale of ["en", "fr"] as const) {
  test(`an OCAS administrator sets a college's Delivery URL and generates its signing secret (${locale})`, async ({ page, loginAs, axe }) => {
    const l = LABELS[locale];
    const { code, name } = l.college;
    const url = `https://${code.toLowerCase()}.example.org/trms-e2e`;
    await loginAs(page, DEMO_ACCOUNTS.admin.username, DEMO_ACCOUNTS.admin.password, locale);

    // From the administration home to the table of colleges.
    await page.goto(`/${locale}/admin`);
    await page.getByRole("link", { name: l.section }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/admin/colleges$`));
    await expect(page.getByRole("heading", { level: 1, name: l.title })).toBeVisible();
    const table = page.getByRole("table", { name: l.table });
    await expect(table.getByRole("columnheader", { name: l.code, exact: true })).toBeVisible();
    // A header row and one row a college.
    await expect(table.getByRole("row")).toHaveCount(COLLEGES.length + 1);
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    // The college's page, from its code.
    await table.getByRole("link", { name: code, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/admin/colleges/${code}$`));
    await expect(page.getByRole("heading", { level: 1, name: `${name} (${code})` })).toBeVisible();
    const urlField = page.getByLabel(l.deliveryUrl, { exact: true });
    const initialUrl = await urlField.inputValue();
    await expect(page.getByLabel(l.active, { exact: true })).toBeChecked();
    const again = await axe(page);
    expect(again, describeViolations(again)).toEqual([]);

    // Plain HTTP is refused (but to this machine, which the e2e server allows as the demo does), the error announced
    // and the field focused; nothing is saved.
    await urlField.fill(`http://${code.toLowerCase()}.example.org/trms`);
    await page.getByRole("button", { name: l.save, exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: l.fixErrors })).toBeVisible();
    await expect(urlField).toBeFocused();
    await expect(urlField).toHaveAccessibleDescription(new RegExp(l.httpsOnly.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")));

    // An HTTPS address is saved.
    await urlField.fill(url);
    await page.getByRole("button", { name: l.save, exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: l.saved })).toBeVisible();

    // A new secret, shown once with its warning.
    await page.getByRole("button", { name: l.generate, exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: l.generated })).toBeVisible();
    const shown = page.getByTestId("new-secret");
    await expect(shown).toContainText(l.once);
    const secret = (await shown.locator("code").textContent())?.trim() ?? "";
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    // The administrator hands the new secret to the college (here, its double), which checks batches with it from now on.
    expect((await fetch(`${COLLEGE_DOUBLE_URL}/control`, { method: "POST", body: JSON.stringify({ secrets: { [code]: secret } }) })).ok).toBe(true);
    await expect(page.getByTestId("secret-status")).toHaveText(l.secretSet);
    const withSecret = await axe(page);
    expect(withSecret, describeViolations(withSecret)).toEqual([]);

    // After a reload: the address is there, the secret is set — and shown nowhere.
    await page.reload();
    await expect(page.getByLabel(l.deliveryUrl, { exact: true })).toHaveValue(url);
    await expect(page.getByTestId("secret-status")).toHaveText(l.secretSet);
    await expect(page.getByTestId("new-secret")).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);

    // The table shows the change.
    await page.goto(`/${locale}/admin/colleges`);
    const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: code, exact: true }) });
    await expect(row).toContainText(name);
    await expect(row).toContainText(url);
    await expect(row.getByRole("cell").filter({ hasText: l.tableSecretSet })).toBeVisible();
    await expect(row).toContainText(l.working);
    expect(await page.content()).not.toContain(secret);

    // The address found at the start is put back.
    await page.goto(`/${locale}/admin/colleges/${code}`);
    await page.getByLabel(l.deliveryUrl, { exact: true }).fill(initialUrl);
    await page.getByRole("button", { name: l.save, exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: l.saved })).toBeVisible();
    await page.reload();
    await expect(page.getByLabel(l.deliveryUrl, { exact: true })).toHaveValue(initialUrl);
  });
}

test("a board administrator gets the 404 page for the colleges, in both languages", async ({ page, loginAs }) => {
  await loginAs(page, DEMO_ACCOUNTS.board.username, DEMO_ACCOUNTS.board.password, "en");
  await page.goto("/en/admin");
  await expect(page.getByRole("link", { name: /^Colleges/ })).toHaveCount(0);
  for (const [locale, title] of [
    ["en", LABELS.en.notFound],
    ["fr", LABELS.fr.notFound],
  ] as const) {
    for (const path of ["admin/colleges", "admin/colleges/SENE"]) {
      const response = await page.goto(`/${locale}/${path}`);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
      await expect(page.getByLabel(LABELS[locale].deliveryUrl, { exact: true })).toHaveCount(0);
    }
  }
});

test("an unknown college code is the 404 page for an OCAS administrator too", async ({ page, loginAs }) => {
  await loginAs(page, DEMO_ACCOUNTS.admin.username, DEMO_ACCOUNTS.admin.password, "en");
  for (const path of ["/en/admin/colleges/ZZZZ", "/en/admin/colleges/SENE-X", "/en/admin/colleges/sene"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page Not Found" })).toBeVisible();
  }
});
