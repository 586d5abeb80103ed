import path from "node:path";
import { COLLEGE_DOUBLE_URL, DEMO_ACCOUNTS, E2E_INTAKE_API_KEY, expect, test, type Locale } from "./fixtures";

// A transcript leaves the system (contracts §4): a request arrives through the intake API, the school uploads the
// real PESC transcript, an OCAS administrator runs Nightly College Transmission now, the college test double receives
// the signed batch and answers with a receipt, and the request's timeline shows "Received by {college} on {date}";
// the Transmission Log shows the batch, delivered, with the request in its manifest.

const PESC_FILE = path.resolve("tests/fixtures/pesc/ontario-highschool-transcript.xml");

const L = {
  en: {
    browse: "Browse",
    upload: /^(Upload Transcript|Re-upload Transcript)$/,
    yes: "Yes – Save and continue",
    status: "Current Status",
    sent: "E-Transcript Sent",
    runNow: "Run Now: Nightly College Transmission",
    ran: /“Nightly College Transmission” (ran successfully|is still running)/,
    timeline: "Timeline",
    sentTo: "Sent to Seneca Polytechnic",
    received: /Received by Seneca Polytechnic on /,
    log: "Transmission Log",
    delivered: "Delivered",
    manifest: "The items of the batch, in order",
  },
  fr: {
    browse: "Parcourir",
    upload: /^Téléverser relevé de notes( de nouveau)?$/,
    yes: "Oui – Enregistrer et continuer",
    status: "État actuel",
    sent: "Relevé de notes électronique envoyé",
    runNow: "Exécuter maintenant : Transmission nocturne aux collèges",
    ran: /« Transmission nocturne aux collèges » (s'est exécutée avec succès|est encore en cours)/,
    timeline: "Historique",
    sentTo: "Envoyé à Polytechnique Seneca",
    received: /Reçu par Polytechnique Seneca le /,
    log: "Journal des transmissions",
    delivered: "Livré",
    manifest: "Les éléments du lot, dans l'ordre",
  },
} as const;

/** A request of demo.school for the student of the PESC example, to Seneca and Algonquin, through the intake API. */
async function newRequest(request: import("@playwright/test").APIRequestContext, locale: Locale): Promise<string> {
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
      schoolMident: "999999",
      lastAttended: "2005-06",
      applicant: {
        firstName: "Senior",
        lastName: "Student",
        middleName: null,
        formerLastName: null,
        dateOfBirth: "1987-05-16",
        gender: "MALE",
        oen: null,
        studentNumber: null,
        email: `senior.student.${locale}@example.org`,
        phone: null,
        preferredLanguage: locale,
      },
      destinations: ["SENE", "ALGO"],
    },
  });
  expect(created.status()).toBe(201);
  return ((await created.json()) as { referenceNumber: string }).referenceNumber;
}

for (const locale of ["en", "fr"] as const) {
  test(`an uploaded transcript goes to its colleges with Run Now, and the request shows the receipt (${locale})`, async ({ page, request, loginAs }) => {
    test.setTimeout(120_000);
    const l = L[locale];
    const reference = await newRequest(request, locale);

    // The school uploads the transcript and confirms it on the validation screen.
    await loginAs(page, DEMO_ACCOUNTS.school.username, DEMO_ACCOUNTS.school.password, locale);
    await page.goto(`/${locale}/requests/${reference}?action=upload#upload`);
    const upload = page.locator("#upload");
    await upload.getByLabel(l.browse).setInputFiles(PESC_FILE);
    await upload.getByRole("button", { name: l.upload }).click();
    await page.waitForURL(new RegExp(`/${locale}/requests/${reference}/validate\\?pending=`));
    await page.getByRole("button", { name: l.yes, exact: true }).click();
    await page.waitForURL(new RegExp(`/${locale}/requests/${reference}\\?uploaded=XML`));
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole("region", { name: l.status })).toContainText(l.sent, { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });

    // An OCAS administrator runs the night now.
    await page.context().clearCookies();
    await loginAs(page, DEMO_ACCOUNTS.admin.username, DEMO_ACCOUNTS.admin.password, locale);
    await page.goto(`/${locale}/admin/jobs`);
    await page.getByRole("button", { name: l.runNow, exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: l.ran })).toBeVisible({ timeout: 30_000 });

    // The college received it, signed (the double refuses a bad signature), in a batch of its own night.
    await expect(async () => {
      const state = (await (await fetch(`${COLLEGE_DOUBLE_URL}/control`)).json()) as { received: { college: string; batchId: string; references: string[] }[] };
      const batch = state.received.find((b) => b.college === "SENE" && b.references.includes(reference));
      expect(batch?.batchId).toMatch(/^TRMS-SENE-\d{4}-\d{2}-\d{2}-\d{3}$/);
    }).toPass({ timeout: 30_000 });

    // The request's timeline: sent, then received, for each college.
    await expect(async () => {
      await page.goto(`/${locale}/requests/${reference}`);
      const timeline = page.getByRole("region", { name: l.timeline });
      await expect(timeline).toContainText(l.sentTo, { timeout: 1_000 });
      await expect(timeline).toContainText(l.received, { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });

    // The Transmission Log: Seneca's delivered batch holds the request.
    await page.goto(`/${locale}/admin/transmissions?college=SENE&state=DELIVERED`);
    await expect(page.getByRole("heading", { level: 1, name: l.log })).toBeVisible();
    const rows = page.getByRole("row");
    await expect(rows.nth(1)).toContainText(l.delivered);
    await rows
      .nth(1)
      .getByRole("link", { name: /^TRMS-SENE-/ })
      .click();
    // In the manifest (and among the receipts).
    await expect(page.getByRole("table", { name: l.manifest }).getByRole("link", { name: reference, exact: true })).toBeVisible();
  });
}
