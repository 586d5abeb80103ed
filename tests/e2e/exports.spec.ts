import fs from "node:fs";
import { DEMO_ACCOUNTS, expect, test } from "./fixtures";

for (const [locale, csvLabel, pdfLabel, header] of [
  ["en", "Download CSV", "Download PDF", "Reference Number"],
  ["fr", "Télécharger en format CSV", "Télécharger en format PDF", "Numéro de référence"],
] as const) {
  test(`the current tab and search download as CSV and PDF (${locale})`, async ({ page, loginAs }) => {
    await loginAs(page, DEMO_ACCOUNTS.school.username, DEMO_ACCOUNTS.school.password, locale);
    await page.goto(`/${locale}/requests?tab=todo&lastName=stu`);

    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: csvLabel }).click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const text = fs.readFileSync((await csv.path())!, "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [head, ...rows] = text.slice(1).trim().split(/\r?\n/);
    expect(head).toContain(header);
    // The search it reflects: REF-45454545 (last name Student) and only rows of this school.
    expect(text).toContain("REF-45454545");
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain("999998");

    const [pdf] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: pdfLabel }).click()]);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    expect(
      fs
        .readFileSync((await pdf.path())!)
        .subarray(0, 5)
        .toString("latin1"),
    ).toBe("%PDF-");
  });
}

test("exports need a session", async ({ request }) => {
  const response = await request.get("/api/exports/requests.csv?tab=todo", { maxRedirects: 0 });
  expect(response.status()).toBe(401);
});
