import Database from "better-sqlite3";
import { DEMO_ACCOUNTS, E2E_INTAKE_API_KEY, describeViolations, expect, test, type Locale } from "./fixtures";

// Notifications (contracts §8) in both languages: the page's fields by their glossary labels, a bad address refused,
// Submit saves (announced), Clear empties the form without saving (a reload shows the saved values), and "each
// request to process" sends one email to the outbox for a new request of the user's school.

const L = {
  en: {
    account: DEMO_ACCOUNTS.school,
    mident: "999999",
    title: "Notifications",
    summary: "Enable Summary Notifications",
    days: "Select Day(s)",
    monday: "Monday",
    friday: "Friday",
    time: "Select Time",
    email: "Email",
    pending: /^Notify me of requests pending for/,
    each: "Notify me of each request to process",
    submit: "Submit",
    clear: "Clear",
    saved: "Your notification settings were saved.",
    badEmail: /Each address must be a valid email address/,
    notSaved: "Your settings were not saved.",
    address: "notify.school.en@example.org",
  },
  fr: {
    account: DEMO_ACCOUNTS.school2,
    mident: "999998",
    title: "Avis",
    summary: "Activer les notifications sommaires",
    days: "Sélectionner un jour",
    monday: "Lundi",
    friday: "Vendredi",
    time: "Sélectionner une heure",
    email: "Courriel",
    pending: /^Notification pour les demandes de relevé de notes en attente de traitement pendant/,
    each: "Notification pour toute demande de relevé de notes à traiter",
    submit: "Soumettre",
    clear: "Effacer",
    saved: "Vos paramètres d'avis ont été enregistrés.",
    badEmail: /Chaque adresse doit être une adresse électronique valide/,
    notSaved: "Vos paramètres n'ont pas été enregistrés.",
    address: "notify.school.fr@example.org",
  },
} as const;

function outboxTo(address: string, template: string): number {
  const db = new Database("data/e2e.db", { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM "EmailOutbox" WHERE "to" = ? AND template = ?').get(address, template) as { n: number }).n;
  } finally {
    db.close();
  }
}

for (const locale of ["en", "fr"] as const satisfies readonly Locale[]) {
  test(`a user sets their notifications, and a new request of their school is emailed once (${locale})`, async ({ page, request, loginAs, axe }) => {
    const l = L[locale];
    await loginAs(page, l.account.username, l.account.password, locale);
    await page.goto(`/${locale}/requests`);
    await page.getByRole("link", { name: l.title, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/notifications$`));
    await expect(page.getByRole("heading", { level: 1, name: l.title })).toBeVisible();
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    const summary = page.getByLabel(l.summary, { exact: true });
    const days = page.getByRole("group", { name: l.days });
    const time = page.getByLabel(l.time, { exact: true });
    const email = page.getByLabel(l.email, { exact: true });
    const pending = page.getByLabel(l.pending);
    const each = page.getByLabel(l.each, { exact: true });

    await summary.check();
    await days.getByLabel(l.monday, { exact: true }).check();
    await days.getByLabel(l.friday, { exact: true }).check();
    await time.selectOption("07:00");
    await pending.fill("24");
    await each.check();

    // A bad address: refused, said in the field, nothing saved.
    await email.fill(`${l.address}; not-an-address`);
    await page.getByRole("button", { name: l.submit, exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: l.notSaved })).toBeVisible();
    await expect(email).toHaveAccessibleDescription(l.badEmail);
    await expect(email).toBeFocused();

    await email.fill(l.address);
    await page.getByRole("button", { name: l.submit, exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: l.saved })).toBeVisible();

    // Clear empties the form without saving: a reload shows what was saved.
    await page.getByRole("button", { name: l.clear, exact: true }).click();
    await expect(summary).not.toBeChecked();
    await expect(email).toHaveValue("");
    await expect(pending).toHaveValue("");
    await page.reload();
    await expect(summary).toBeChecked();
    await expect(days.getByLabel(l.monday, { exact: true })).toBeChecked();
    await expect(days.getByLabel(l.friday, { exact: true })).toBeChecked();
    await expect(time).toHaveValue("07:00");
    await expect(email).toHaveValue(l.address);
    await expect(pending).toHaveValue("24");
    await expect(each).toBeChecked();

    // A new request of the school: one email to process it.
    const requestNumber = `6${String(Date.now()).slice(-8)}`;
    const created = await request.post("/api/v1/transcript-requests", {
      headers: { Authorization: `Bearer ${E2E_INTAKE_API_KEY}` },
      data: {
        requestNumber,
        accountNumber: `5${requestNumber}`,
        requestType: "ORIGINAL",
        paidAt: new Date().toISOString(),
        sendOption: "SEND_NOW",
        sendAfter: null,
        schoolMident: l.mident,
        lastAttended: "2023-06",
        applicant: {
          firstName: "Avis",
          lastName: `Test-${locale}`,
          middleName: null,
          formerLastName: null,
          dateOfBirth: "2005-03-09",
          gender: "FEMALE",
          oen: null,
          studentNumber: null,
          email: `avis.${locale}@example.org`,
          phone: null,
          preferredLanguage: locale,
        },
        destinations: ["SENE"],
      },
    });
    expect(created.status()).toBe(201);
    await expect.poll(() => outboxTo(l.address, "requestToProcess"), { timeout: 20_000 }).toBe(1);
    // Still one a little later (the event is not handled twice).
    await page.waitForTimeout(1_000);
    expect(outboxTo(l.address, "requestToProcess")).toBe(1);
  });
}
