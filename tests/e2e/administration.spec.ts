import { DEMO_ACCOUNTS, E2E_INTAKE_API_KEY, describeViolations, expect, test, type Locale } from "./fixtures";

// Administration through the real UI (contracts §10), in both languages: an OCAS administrator adds a school — a
// duplicate MIDENT is refused naming it — and the intake API accepts a request for it at once; changes the SLA, sees
// the dashboard follow and the change in the Audit Log (then puts the SLA back); every administration page passes axe.
// A board administrator gets the 404 page from every OCAS page and from the audit export.

const L: Record<
  Locale,
  {
    schools: RegExp;
    schoolsTitle: string;
    newSchool: string;
    mident: string;
    nameEn: string;
    nameFr: string;
    city: string;
    board: string;
    boardOption: string;
    addSchool: string;
    added: RegExp;
    midentTaken: (mident: string) => string;
    settings: RegExp;
    settingsTitle: string;
    sla: string;
    save: string;
    saved: RegExp;
    slaLegend: (days: number) => string;
    audit: RegExp;
    auditTitle: string;
    what: string;
    settingsEntity: string;
    filter: string;
    settingsChanged: string;
    notFound: string;
  }
> = {
  en: {
    schools: /^Schools/,
    schoolsTitle: "Schools",
    newSchool: "New School",
    mident: "MIDENT",
    nameEn: "Name (English)",
    nameFr: "Name (French)",
    city: "City",
    board: "Board",
    boardOption: "Demo District School Board (99999)",
    addSchool: "Add School",
    added: /was added\. The intake API accepts its requests now\./,
    midentTaken: (m) => `The MIDENT ${m} is already used by another school. Check the number.`,
    settings: /^Service Settings/,
    settingsTitle: "Service Settings",
    sla: "SLA (business days)",
    save: "Save",
    saved: /^The service settings were saved\. The SLA is \d+ business days\.$/,
    slaLegend: (d) => `Under ${d} business days: within SLA`,
    audit: /^Audit Log/,
    auditTitle: "Audit Log",
    what: "What",
    settingsEntity: "Service Settings",
    filter: "Filter",
    settingsChanged: "Service settings changed",
    notFound: "Page Not Found",
  },
  fr: {
    schools: /^Écoles/,
    schoolsTitle: "Écoles",
    newSchool: "Nouvelle école",
    mident: "MIDENT",
    nameEn: "Nom (anglais)",
    nameFr: "Nom (français)",
    city: "Ville",
    board: "Conseil scolaire",
    boardOption: "Conseil scolaire de district démo (99999)",
    addSchool: "Ajouter l'école",
    added: /a été ajoutée\. L'API de réception accepte maintenant ses demandes\./,
    midentTaken: (m) => `Le MIDENT ${m} est déjà utilisé par une autre école. Vérifiez le numéro.`,
    settings: /^Paramètres du service/,
    settingsTitle: "Paramètres du service",
    sla: "Délai de l'accord de service (jours ouvrables)",
    save: "Enregistrer",
    saved: /^Les paramètres du service ont été enregistrés\. Le délai est de \d+ jours ouvrables\.$/,
    slaLegend: (d) => `Moins de ${d} jours ouvrables : dans le délai prévu`,
    audit: /^Journal d'audit/,
    auditTitle: "Journal d'audit",
    what: "Quoi",
    settingsEntity: "Paramètres du service",
    filter: "Filtrer",
    settingsChanged: "Paramètres du service modifiés",
    notFound: "Page introuvable",
  },
};

/** Every page only OCAS administrators reach. */
const OCAS_PAGES = [
  "/admin/boards",
  "/admin/boards/new",
  "/admin/boards/99999",
  "/admin/schools",
  "/admin/schools/new",
  "/admin/schools/999999",
  "/admin/colleges",
  "/admin/colleges/new",
  "/admin/colleges/SENE",
  "/admin/settings",
  "/admin/audit",
  "/admin/transmissions",
  "/admin/jobs",
  "/admin/pdf-queue",
];

function intakeBody(requestNumber: string, schoolMident: string) {
  return {
    requestNumber,
    accountNumber: `6${requestNumber}`,
    requestType: "ORIGINAL",
    paidAt: new Date().toISOString(),
    sendOption: "SEND_NOW",
    sendAfter: null,
    schoolMident,
    lastAttended: "2023-06",
    applicant: {
      firstName: "Amara",
      lastName: "Admin-Okafor",
      middleName: null,
      formerLastName: null,
      dateOfBirth: "2005-03-09",
      gender: "FEMALE",
      oen: null,
      studentNumber: null,
      email: "amara.admin@example.org",
      phone: null,
      preferredLanguage: "en",
    },
    destinations: ["SENE"],
  };
}

for (const [index, locale] of (["en", "fr"] as const).entries()) {
  test(`an OCAS administrator adds a school the intake accepts, and changes the SLA seen in the audit log (${locale})`, async ({
    page,
    request,
    loginAs,
    axe,
  }) => {
    const l = L[locale];
    // Six digits no seeded school uses (the seed's are 9999xx), new on each run.
    const mident = `${5 + index}${String(Date.now()).slice(-5)}`;
    await loginAs(page, DEMO_ACCOUNTS.admin.username, DEMO_ACCOUNTS.admin.password, locale);

    // Administration home → Schools → New School.
    await page.goto(`/${locale}/admin`);
    await page.getByRole("link", { name: l.schools }).click();
    await expect(page.getByRole("heading", { level: 1, name: l.schoolsTitle })).toBeVisible();
    await page.getByRole("link", { name: l.newSchool, exact: true }).click();
    await page.getByLabel(l.mident, { exact: true }).fill(mident);
    await page.getByLabel(l.nameEn, { exact: true }).fill(`E2E Secondary School ${mident}`);
    await page.getByLabel(l.nameFr, { exact: true }).fill(`École secondaire E2E ${mident}`);
    await page.getByLabel(l.city, { exact: true }).fill("Thunder Bay");
    await page.getByLabel(l.board, { exact: true }).selectOption({ label: l.boardOption });
    let violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.getByRole("button", { name: l.addSchool, exact: true }).click();
    await page.waitForURL(new RegExp(`/${locale}/admin/schools/${mident}\\?created=1$`));
    await expect(page.getByRole("status").filter({ hasText: l.added })).toBeVisible();

    // The intake API accepts a request for it at once.
    const requestNumber = `8${String(Date.now()).slice(-8)}`;
    const created = await request.post("/api/v1/transcript-requests", {
      headers: { Authorization: `Bearer ${E2E_INTAKE_API_KEY}` },
      data: intakeBody(requestNumber, mident),
    });
    expect(created.status()).toBe(201);

    // The same MIDENT again is refused, naming it.
    await page.goto(`/${locale}/admin/schools/new`);
    await page.getByLabel(l.mident, { exact: true }).fill(mident);
    await page.getByLabel(l.nameEn, { exact: true }).fill("Duplicate");
    await page.getByLabel(l.nameFr, { exact: true }).fill("Doublon");
    await page.getByLabel(l.board, { exact: true }).selectOption({ label: l.boardOption });
    await page.getByRole("button", { name: l.addSchool, exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: l.midentTaken(mident) })).toBeVisible();
    await expect(page.getByLabel(l.mident, { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel(l.nameEn, { exact: true })).toHaveValue("Duplicate");

    // Service Settings: a new SLA, followed by the dashboard at once.
    await page.goto(`/${locale}/admin`);
    await page.getByRole("link", { name: l.settings }).click();
    await expect(page.getByRole("heading", { level: 1, name: l.settingsTitle })).toBeVisible();
    violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    const slaField = page.getByLabel(l.sla, { exact: true });
    const original = Number(await slaField.inputValue());
    const changed = original === 7 + index ? 9 + index : 7 + index;
    await slaField.fill(String(changed));
    await page.getByRole("button", { name: l.save, exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: l.saved })).toBeVisible();
    await page.goto(`/${locale}/requests`);
    await expect(page.getByText(l.slaLegend(changed), { exact: true })).toBeVisible();

    // The Audit Log shows the change, filtered to the service settings.
    await page.goto(`/${locale}/admin`);
    await page.getByRole("link", { name: l.audit }).click();
    await expect(page.getByRole("heading", { level: 1, name: l.auditTitle })).toBeVisible();
    await page.getByLabel(l.what, { exact: true }).selectOption({ label: l.settingsEntity });
    await page.getByRole("button", { name: l.filter, exact: true }).click();
    await page.waitForURL(/entity=settings/);
    const row = page.getByRole("row").filter({ hasText: l.settingsChanged }).first();
    await expect(row).toContainText(DEMO_ACCOUNTS.admin.username);
    await expect(row).toContainText(`slaBusinessDays: ${original}`);
    await expect(row).toContainText(String(changed));
    violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    // The SLA goes back to what it was, for the tests that follow.
    await page.goto(`/${locale}/admin/settings`);
    await page.getByLabel(l.sla, { exact: true }).fill(String(original));
    await page.getByRole("button", { name: l.save, exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: l.saved })).toBeVisible();
  });

  test(`every administration page passes axe (${locale})`, async ({ page, loginAs, axe }) => {
    await loginAs(page, DEMO_ACCOUNTS.admin.username, DEMO_ACCOUNTS.admin.password, locale);
    for (const path of ["/admin", ...OCAS_PAGES.slice(0, 11), "/admin/users", `/admin/users/${DEMO_ACCOUNTS.school.username}`]) {
      await page.goto(`/${locale}${path}`);
      await expect(page.getByRole("heading", { level: 1 }), path).toBeVisible();
      await expect(page.getByRole("heading", { level: 1, name: L[locale].notFound }), path).toHaveCount(0);
      const violations = await axe(page);
      expect(violations, `${path}\n${describeViolations(violations)}`).toEqual([]);
    }
  });

  test(`a board administrator is refused every OCAS page and the audit export (${locale})`, async ({ page, loginAs }) => {
    await loginAs(page, DEMO_ACCOUNTS.board.username, DEMO_ACCOUNTS.board.password, locale);
    for (const path of OCAS_PAGES) {
      const response = await page.goto(`/${locale}${path}`);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: L[locale].notFound }), path).toBeVisible();
    }
    expect((await page.request.get("/api/admin/audit.csv")).status()).toBe(404);
    // Their own administration stays theirs, without the OCAS sections.
    await page.goto(`/${locale}/admin`);
    await expect(page.getByRole("link", { name: L[locale].schools })).toHaveCount(0);
    await expect(page.getByRole("link", { name: L[locale].audit })).toHaveCount(0);
  });
}
