import { DEMO_ACCOUNTS, expect, LOGIN_LABELS, test, type Locale } from "./fixtures";
import { emailOf, latestEmailTo } from "./outbox";

for (const locale of ["en", "fr"] as const satisfies Locale[]) {
  test(`every demo account signs in (${locale}) and lands on its requests with its scope in the header`, async ({ page, loginAs }) => {
    const expected: Record<string, RegExp> = {
      "demo.admin": locale === "en" ? /All boards and schools/ : /Tous les conseils/,
      "demo.board": /Demo District School Board|Conseil scolaire de district démo/,
      "demo.school": /Sample High School/,
      "demo.school2": /Lakeview Secondary School/,
      "other.board": /Northern Lights|Aurores boréales/,
    };
    for (const account of Object.values(DEMO_ACCOUNTS)) {
      await loginAs(page, account.username, account.password, locale);
      await expect(page.getByTestId("current-user")).toContainText(expected[account.username]!);
      await page.getByRole("button", { name: locale === "en" ? "Sign Out" : "Déconnexion" }).click();
      await expect(page).toHaveURL(new RegExp(`/${locale}/login`));
    }
  });
}

test("a password in the wrong case is refused with a clear message", async ({ page }) => {
  await page.goto("/en/login");
  await page.getByLabel("Username", { exact: true }).fill("demo.school");
  await page.getByLabel("Password", { exact: true }).fill("demo-school-2026!");
  await page.getByRole("button", { name: "Sign In", exact: true }).click();
  await expect(page.getByText("The username or password is incorrect. Passwords are case-sensitive.")).toBeVisible();
  await expect(page).toHaveURL(/\/en\/login/);
  await expect(page.getByLabel("Username", { exact: true })).toHaveValue("demo.school");
});

test("a signed-out visitor is sent to sign in and then back to the page asked for", async ({ page }) => {
  await page.goto("/fr/requests?tab=complete");
  await expect(page).toHaveURL(/\/fr\/login\?callbackUrl=/);
  const labels = LOGIN_LABELS.fr;
  await page.getByLabel(labels.username, { exact: true }).fill(DEMO_ACCOUNTS.school.username);
  await page.getByLabel(labels.password, { exact: true }).fill(DEMO_ACCOUNTS.school.password);
  await page.getByRole("button", { name: labels.submit, exact: true }).click();
  await expect(page).toHaveURL(/\/fr\/requests\?tab=complete$/);
  await expect(page.getByRole("tab", { name: "Terminé", exact: true })).toHaveAttribute("aria-selected", "true");
});

test("forgot password: same answer for any address, and the emailed link sets a new password", async ({ page }) => {
  await page.goto("/en/login");
  await page.getByRole("link", { name: "Forgot your password or username?" }).click();
  await expect(page).toHaveURL(/\/en\/forgot$/);
  await page.getByLabel("Email Address").fill("nobody-at-all@example.org");
  await page.getByRole("button", { name: "Send Reset Link" }).click();
  const neutral = page.getByText(/If an account uses this address/);
  await expect(neutral).toBeVisible();

  const address = emailOf("aurora.school");
  await page.getByLabel("Email Address").fill(address);
  await page.getByRole("button", { name: "Send Reset Link" }).click();
  // The same neutral answer (still on screen from the first address): wait for the email itself.
  await expect.poll(() => latestEmailTo(address)?.text ?? "").toContain("aurora.school");
  await expect(neutral).toBeVisible();
  const email = latestEmailTo(address);
  const link = /http:\/\/localhost:\d+(\/\w\w\/reset\/[A-Za-z0-9_-]+)/.exec(email!.text)![1]!;

  await page.goto(link);
  await page.getByLabel("New Password", { exact: true }).fill("Fresh-Start-2026!");
  await page.getByLabel("Confirm New Password", { exact: true }).fill("Fresh-Start-2026!");
  await page.getByRole("button", { name: "Change Password" }).click();
  await expect(page.getByText("Your password has been changed.")).toBeVisible();
  // Single use.
  await page.goto(link);
  await expect(page.getByText(/invalid, has already been used or has expired/)).toBeVisible();
  // The new password works.
  await page.goto("/en/login");
  await page.getByLabel("Username", { exact: true }).fill("aurora.school");
  await page.getByLabel("Password", { exact: true }).fill("Fresh-Start-2026!");
  await page.getByRole("button", { name: "Sign In", exact: true }).click();
  await expect(page).toHaveURL(/\/en\/requests/);
});

test("repeated failed sign-ins are blocked with a message, even with the right password", async ({ page }) => {
  await page.goto("/en/login");
  const attempt = async (password: string) => {
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign In", exact: true }).click();
    await expect(page.getByRole("button", { name: "Sign In", exact: true })).toBeEnabled();
  };
  await page.getByLabel("Username", { exact: true }).fill("boreale.school");
  for (let i = 0; i < 5; i++) await attempt(`wrong-${i}`);
  await expect(page.getByText(/Too many failed sign-in attempts/)).toBeVisible();
  await attempt("Demo-Extra-2026!");
  await expect(page.getByText(/Too many failed sign-in attempts/)).toBeVisible();
  await expect(page).toHaveURL(/\/en\/login/);
});

test("a school user reaching another school's request by URL gets the 404 page", async ({ page, loginAs }) => {
  await loginAs(page, DEMO_ACCOUNTS.school2.username, DEMO_ACCOUNTS.school2.password);
  const response = await page.goto("/en/requests/REF-45454545");
  expect(response?.status()).toBe(404);
  await expect(page.getByText("Senior")).toHaveCount(0);
});
