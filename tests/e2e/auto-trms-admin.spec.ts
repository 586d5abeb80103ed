import { DEMO_ACCOUNTS, describeViolations, expect, test, type Locale } from "./fixtures";

// Auto-TRMS administration through the real UI (product §6 and §11): a board administrator of the second board
// (on Auto-TRMS against the SIS test double, contracts §7) tests the connection and re-runs matching, in both
// languages; the first board's administrator sees Auto-TRMS off and cannot turn it on without an address and a
// secret; a school user gets the 404 page.

/** The second board's administrator (prisma/seed/reference-data.ts EXTRA_ACCOUNTS). */
const OTHER_BOARD_ADMIN = { username: "other.board.admin", password: "Demo-Extra-2026!" } as const;
/** The SIS double's bearer secret that the seed stores, sealed, for the second board (SIS_DOUBLE_SECRET overrides it). */
const SIS_SECRET = process.env.SIS_DOUBLE_SECRET?.trim() || "demo-sis-secret-99998";

const LABELS: Record<
  Locale,
  {
    administration: string;
    section: RegExp;
    title: string;
    board: string;
    on: RegExp;
    off: RegExp;
    newSecret: string;
    secretStored: string;
    testConnection: string;
    connected: RegExp;
    rematch: string;
    started: RegExp;
    progressLabel: string;
    allChecked: RegExp;
    finished: RegExp;
    lastRun: string;
  }
> = {
  en: {
    administration: "Administration",
    section: /^Auto-TRMS/,
    title: "Auto-TRMS Settings",
    board: "Board: Northern Lights District School Board (99998)",
    on: /^On – /,
    off: /^Off – /,
    newSecret: "New secret",
    secretStored: "A secret is stored.",
    testConnection: "Test connection",
    connected: /^Connected: the SIS answered and accepted the secret \(HTTP \d{3}\)\.$/,
    rematch: "Re-run matching",
    started: /^Matching started for /,
    progressLabel: "Matching progress",
    allChecked: /(?<!\d)(\d+) of \1 requests checked|There were no To Do requests to match\./,
    finished: /^Finished: /,
    lastRun: "Last run",
  },
  fr: {
    administration: "Administration",
    section: /^Auto-SGéRN/,
    title: "Paramètres d'Auto-SGéRN",
    board: "Conseil scolaire : Conseil scolaire des Aurores boréales (99998)",
    on: /^Activé – /,
    off: /^Désactivé – /,
    newSecret: "Nouveau secret",
    secretStored: "Un secret est enregistré.",
    testConnection: "Tester la connexion",
    connected: /^Connexion réussie : le SIE a répondu et a accepté le secret \(HTTP \d{3}\)\.$/,
    rematch: "Relancer le jumelage",
    started: /^Jumelage lancé pour /,
    progressLabel: "Progression du jumelage",
    allChecked: /Demandes vérifiées : (\d+) sur \1(?!\d)|Il n'y avait aucune demande À traiter à jumeler\./,
    finished: /^Fin : /,
    lastRun: "Dernier jumelage",
  },
};

for (const locale of ["en", "fr"] as const) {
  test(`a board administrator tests the connection and re-runs matching (${locale})`, async ({ page, loginAs, axe }) => {
    // Matching every To Do request of the board against the SIS double takes a moment.
    test.setTimeout(180_000);
    const l = LABELS[locale];
    await loginAs(page, OTHER_BOARD_ADMIN.username, OTHER_BOARD_ADMIN.password, locale);

    // From the administration home.
    await page.goto(`/${locale}/admin`);
    await expect(page.getByRole("heading", { level: 1, name: l.administration })).toBeVisible();
    await page.getByRole("link", { name: l.section }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/admin/auto-trms$`));
    await expect(page.getByRole("heading", { level: 1, name: l.title })).toBeVisible();
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    // Their own board only: no board choice.
    await expect(page.getByText(l.board, { exact: true })).toBeVisible();
    await expect(page.getByRole("combobox")).toHaveCount(0);
    await expect(page.getByRole("radio", { name: l.on })).toBeChecked();
    await expect(page.getByText(l.secretStored, { exact: true })).toBeVisible();
    // The secret is never put back into the page.
    const secretField = page.getByLabel(l.newSecret, { exact: true });
    await expect(secretField).toHaveAttribute("type", "password");
    await expect(secretField).toHaveValue("");
    expect(await page.content()).not.toContain(SIS_SECRET);

    // Test connection with the stored settings (the SIS double answers the probe with "student not found").
    await page.getByRole("button", { name: l.testConnection, exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: l.connected })).toBeVisible();

    // Re-run matching, and follow the progress to the end.
    const rerun = page.getByRole("button", { name: l.rematch, exact: true });
    await expect(rerun).toBeEnabled();
    await rerun.click();
    await expect(page.getByRole("status").filter({ hasText: l.started })).toBeVisible();
    const progress = page.getByTestId("rematch-progress");
    await expect(progress.getByText(l.finished)).toBeVisible({ timeout: 150_000 });
    await expect(progress).toContainText(l.allChecked);
    const bar = page.getByRole("progressbar", { name: l.progressLabel });
    await expect(bar).toBeVisible();
    expect(await bar.evaluate((el) => (el as HTMLProgressElement).value === (el as HTMLProgressElement).max)).toBe(true);
    // The end is announced politely.
    await expect(page.getByTestId("rematch-announcement")).toHaveAttribute("aria-live", "polite");
    await expect(page.getByTestId("rematch-announcement")).not.toBeEmpty();
    await expect(rerun).toBeEnabled();

    // Opened again, the page shows the last run.
    await page.reload();
    await expect(page.getByRole("heading", { level: 3, name: l.lastRun })).toBeVisible();
    await expect(page.getByTestId("rematch-progress").getByText(l.finished)).toBeVisible();
    const again = await axe(page);
    expect(again, describeViolations(again)).toEqual([]);
  });
}

test("the first board is not on Auto-TRMS: re-run matching is unavailable and turning it on needs an address and a secret", async ({ page, loginAs }) => {
  await loginAs(page, DEMO_ACCOUNTS.board.username, DEMO_ACCOUNTS.board.password, "en");
  await page.goto("/en/admin/auto-trms");
  await expect(page.getByRole("heading", { level: 1, name: "Auto-TRMS Settings" })).toBeVisible();
  await expect(page.getByText("Board: Demo District School Board (99999)", { exact: true })).toBeVisible();
  await expect(page.getByRole("radio", { name: /^Off – / })).toBeChecked();
  await expect(page.getByText("No secret stored.", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Re-run matching", exact: true })).toBeDisabled();
  await expect(page.getByText(/Re-run matching is not available: Auto-TRMS is off for this board\./)).toBeVisible();

  await page.getByRole("radio", { name: /^On – / }).check();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Auto-TRMS cannot be turned on without an endpoint URL and a secret." })).toBeVisible();
  const url = page.getByLabel("Endpoint URL", { exact: true });
  await expect(url).toBeFocused();
  await expect(url).toHaveAccessibleDescription(/Enter the endpoint URL to turn Auto-TRMS on\./);
  await expect(page.getByLabel("New secret", { exact: true })).toHaveAccessibleDescription(/Enter a secret to turn Auto-TRMS on/);

  // Nothing was saved.
  await page.reload();
  await expect(page.getByRole("radio", { name: /^Off – / })).toBeChecked();
});

test("a school user gets the 404 page for the Auto-TRMS settings", async ({ page, loginAs }) => {
  await loginAs(page, DEMO_ACCOUNTS.school.username, DEMO_ACCOUNTS.school.password, "en");
  const response = await page.goto("/en/admin/auto-trms");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page Not Found" })).toBeVisible();
  const progress = await page.request.get("/api/admin/auto-trms/progress");
  expect(progress.status()).toBe(404);
});
