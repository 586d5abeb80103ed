import { DEMO_ACCOUNTS, expect, test } from "./fixtures";

test("/ sends a French browser to /fr and an English one to /en", async ({ browser }) => {
  for (const [browserLocale, locale] of [
    ["fr-CA", "fr"],
    ["en-CA", "en"],
  ] as const) {
    const context = await browser.newContext({ locale: browserLocale });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page).toHaveURL(new RegExp(`/${locale}/login`));
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await context.close();
  }
});

test("the sign-in page in both languages, and the switch keeps the page and its query", async ({ page, axe }) => {
  await page.goto("/en/login?callbackUrl=%2Fen%2Frequests%3Ftab%3Dcomplete");
  await expect(page.getByRole("heading", { name: "Sign In" })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.getByRole("link", { name: "Français" }).click();
  await expect(page).toHaveURL(/\/fr\/login\?callbackUrl=%2Fen%2Frequests%3Ftab%3Dcomplete$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { name: "Connexion" })).toBeVisible();
  await expect(page.getByLabel("Nom d'utilisateur", { exact: true })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  // The choice is remembered: / now opens French.
  await page.goto("/");
  await expect(page).toHaveURL(/\/fr\/login/);
});

test("a signed-in user's switch keeps the tab and search, in the other language", async ({ page, loginAs }) => {
  await loginAs(page, DEMO_ACCOUNTS.board.username, DEMO_ACCOUNTS.board.password);
  await page.goto("/en/requests?tab=incomplete&lastName=b");
  await page.getByRole("link", { name: "Français" }).click();
  await expect(page).toHaveURL(/\/fr\/requests\?tab=incomplete&lastName=b$/);
  await expect(page.getByRole("tab", { name: "Incomplète", exact: true })).toHaveAttribute("aria-selected", "true");
  await page.getByRole("link", { name: "English" }).click();
  await expect(page).toHaveURL(/\/en\/requests\?tab=incomplete&lastName=b$/);
});

test("unknown pages get the 404 page in the page's language", async ({ page, loginAs }) => {
  await loginAs(page, DEMO_ACCOUNTS.school.username, DEMO_ACCOUNTS.school.password, "fr");
  const response = await page.goto("/fr/nowhere-at-all");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/introuvable/i);
});
