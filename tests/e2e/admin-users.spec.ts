import { DEMO_ACCOUNTS, describeViolations, expect, LOGIN_LABELS, test } from "./fixtures";
import { latestEmailTo } from "./outbox";

// User administration through the real UI (product §1 and §11): an OCAS administrator creates a school user, who
// receives a temporary password by email (read from the local outbox) and must choose a new one at first sign-in.

/**
 * The temporary password in the latest email to `to`, as delivered to the e2e server's local mailbox: the EmailOutbox
 * row itself holds it redacted.
 */
function temporaryPasswordSentTo(to: string): string | null {
  const email = latestEmailTo(to);
  return email ? (/Temporary password:\s*(\S+)/.exec(email.text)?.[1] ?? null) : null;
}

test("an OCAS administrator creates a school user, who signs in with the emailed temporary password and must change it", async ({ page, loginAs, axe }) => {
  // Unique per attempt: a retry runs against the same database.
  const username = `e2e.clerk.${Date.now().toString(36)}`;
  const email = `${username}@example.org`;
  const displayName = "Émilie O'Brien-Tremblay";

  await loginAs(page, DEMO_ACCOUNTS.admin.username, DEMO_ACCOUNTS.admin.password, "en");
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Administration" }).click();
  await expect(page).toHaveURL(/\/en\/admin$/);
  await expect(page.getByRole("heading", { level: 1, name: "Administration" })).toBeVisible();
  await page.getByRole("link", { name: /^Users/ }).click();
  await expect(page).toHaveURL(/\/en\/admin\/users$/);
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  const violations = await axe(page);
  expect(violations, describeViolations(violations)).toEqual([]);

  // A school user needs a school: the form says so, and nothing is created.
  await page.getByLabel("Username", { exact: true }).fill(username);
  await page.getByLabel("Name", { exact: true }).fill(displayName);
  await page.getByLabel("Email Address", { exact: true }).fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "School user" });
  await page.getByRole("button", { name: "Create User", exact: true }).click();
  await expect(page.getByText("Choose the user's school.")).toBeVisible();
  await expect(page.getByLabel("School", { exact: true })).toBeFocused();
  // The typed values are kept.
  await expect(page.getByLabel("Username", { exact: true })).toHaveValue(username);

  await page.getByLabel("School", { exact: true }).selectOption({ label: "Sample High School (999999)" });
  await page.getByLabel("Language", { exact: true }).selectOption({ label: "English" });
  await page.getByRole("button", { name: "Create User", exact: true }).click();
  await expect(page.getByText(`The account ${username} has been created. A temporary password has been emailed to ${email}.`)).toBeVisible();

  const row = page.getByRole("row", { name: new RegExp(username.replace(/\./g, "\\.")) });
  await expect(row).toContainText(displayName);
  await expect(row).toContainText("School user");
  await expect(row).toContainText("Sample High School");
  await expect(row).toContainText("Temporary password");

  // The email went to the local outbox.
  await expect.poll(() => temporaryPasswordSentTo(email)).not.toBeNull();
  const temporaryPassword = temporaryPasswordSentTo(email)!;

  await page.getByRole("button", { name: "Sign Out", exact: true }).click();
  await page.waitForURL(/\/en\/login/);

  // First sign-in with the temporary password: straight to choosing a new one.
  const labels = LOGIN_LABELS.en;
  await page.getByLabel(labels.username, { exact: true }).fill(username);
  await page.getByLabel(labels.password, { exact: true }).fill(temporaryPassword);
  await page.getByRole("button", { name: labels.submit, exact: true }).click();
  await page.waitForURL(/\/en\/change-password$/);
  await expect(page.getByText("You must choose a new password before continuing.")).toBeVisible();

  // Until then, other pages send the user back here.
  await page.goto("/en/requests");
  await page.waitForURL(/\/en\/change-password$/);

  const newPassword = "Fresh-Clerk-Pass-2026!";
  await page.getByLabel("New Password", { exact: true }).fill(newPassword);
  await page.getByLabel("Confirm New Password", { exact: true }).fill(newPassword);
  await page.getByRole("button", { name: "Change Password", exact: true }).click();
  await page.waitForURL(/\/en\/requests(?:[/?#]|$)/);
  await expect(page.getByTestId("current-user")).toContainText(displayName);
});

test("a board administrator manages the board's users, in French", async ({ page, loginAs, axe }) => {
  await loginAs(page, DEMO_ACCOUNTS.board.username, DEMO_ACCOUNTS.board.password, "en");
  await page.goto("/fr/admin/users");
  await expect(page.getByRole("heading", { level: 1, name: "Utilisateurs" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Nom d'utilisateur" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "demo.school", exact: true })).toBeVisible();
  // Nobody outside the board, and no OCAS role to grant.
  await expect(page.getByRole("rowheader", { name: "demo.admin", exact: true })).toHaveCount(0);
  await expect(page.getByRole("rowheader", { name: "other.board", exact: true })).toHaveCount(0);
  await expect(page.getByLabel("Rôle", { exact: true }).locator("option")).toHaveText([
    "Choisir un rôle",
    "Administration du conseil scolaire",
    "Personnel du conseil scolaire",
    "Personnel de l'école",
  ]);
  const violations = await axe(page);
  expect(violations, describeViolations(violations)).toEqual([]);

  // Deactivate and reactivate a user of the board (an extra account no other test signs in with); each outcome is
  // announced.
  const row = page.getByRole("row", { name: /demo\.board\.user/ });
  await row.getByRole("button", { name: "Désactiver demo.board.user", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Le compte demo.board.user a été désactivé" })).toBeVisible();
  await expect(row).toContainText("Désactivé");
  await row.getByRole("button", { name: "Réactiver demo.board.user", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Le compte demo.board.user a été réactivé" })).toBeVisible();
  await expect(row).toContainText("Actif");
});

test("a school user gets the not-found page for the administration", async ({ page, loginAs }) => {
  await loginAs(page, DEMO_ACCOUNTS.school.username, DEMO_ACCOUNTS.school.password, "en");
  await expect(page.getByRole("link", { name: "Administration" })).toHaveCount(0);
  for (const href of ["/en/admin", "/en/admin/users"]) {
    await page.goto(href);
    await expect(page.getByRole("heading", { level: 1, name: "Page Not Found" })).toBeVisible();
  }
});
