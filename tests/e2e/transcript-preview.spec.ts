import fs from "node:fs";
import type { Locator, Page } from "@playwright/test";
import Database from "better-sqlite3";
import { DEMO_ACCOUNTS, expect, test, type Locale } from "./fixtures";

// The readable transcript (issue 7) in both languages: on the validation screen with the real PESC example of
// REF-45454545 (the upload is then cancelled with No, so nothing is saved and upload.spec.ts still finds the request
// as seeded), and on the details page of a request with a stored XML transcript; each time its PDF download.

const REFERENCE = "REF-45454545";
const PESC_FILE = "tests/fixtures/pesc/ontario-highschool-transcript.xml";

test.describe.configure({ mode: "serial" });

const L = {
  en: {
    upload: /^(Upload Transcript|Re-upload Transcript)$/,
    browse: "Browse",
    preview: "Transcript Preview",
    show: "Show the transcript (54 courses)",
    student: "Student Information",
    courses: "Course Information",
    firstCourse: ["AVI1O1", "Visual Arts", "Grade 9", "64", "Pass"],
    download: "Download the transcript as PDF",
    fileName: `transcript-${REFERENCE}.pdf`,
    no: "No – Cancel and return to previous screen",
  },
  fr: {
    upload: /^Téléverser relevé de notes/,
    browse: "Parcourir",
    preview: "Aperçu du relevé de notes",
    show: "Afficher le relevé de notes (54 cours)",
    student: "Données personnelles",
    courses: "Cours",
    firstCourse: ["AVI1O1", "Visual Arts", "9e année", "64", "Réussite"],
    download: "Télécharger le relevé de notes en format PDF",
    fileName: `releve-de-notes-${REFERENCE}.pdf`,
    no: "Non – Annuler et retourner à l'écran précédent",
  },
} as const;

/** A request of the first school (MIDENT 999999) whose current transcript is a stored XML file (seeded). */
function requestWithStoredTranscript(): string {
  const db = new Database("data/e2e.db", { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare(
        `SELECT r."referenceNumber" AS reference FROM "TranscriptRequest" r
           JOIN "School" s ON s.id = r."schoolId"
           JOIN "StoredTranscript" t ON t."requestId" = r.id
          WHERE s.mident = '999999' AND t."isCurrent" = 1 AND t.format = 'XML' AND r."referenceNumber" <> ?
          ORDER BY r."referenceNumber" ASC LIMIT 1`,
      )
      .get(REFERENCE) as { reference: string } | undefined;
    if (!row) throw new Error("the demo data has no stored XML transcript of the first school");
    return row.reference;
  } finally {
    db.close();
  }
}

async function expectPdfDownload(page: Page, link: Locator, fileName: string | RegExp) {
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  if (typeof fileName === "string") expect(download.suggestedFilename()).toBe(fileName);
  else expect(download.suggestedFilename()).toMatch(fileName);
  expect(
    fs
      .readFileSync((await download.path())!)
      .subarray(0, 5)
      .toString("latin1"),
  ).toBe("%PDF-");
}

for (const locale of ["en", "fr"] as Locale[]) {
  const l = L[locale];

  test(`the validation screen shows the uploaded transcript readably and downloads it as PDF (${locale})`, async ({ page, loginAs, axe }) => {
    await loginAs(page, DEMO_ACCOUNTS.school.username, DEMO_ACCOUNTS.school.password, locale);
    await page.goto(`/${locale}/requests/${REFERENCE}?action=upload#upload`);
    const upload = page.locator("#upload");
    await upload.getByLabel(l.browse).setInputFiles(PESC_FILE);
    await upload.getByRole("button", { name: l.upload }).click();
    await page.waitForURL(new RegExp(`/${locale}/requests/${REFERENCE}/validate\\?pending=`));

    const preview = page.getByRole("region", { name: l.preview });
    await expect(preview).toBeVisible();
    // Closed at first: the comparison stays the screen's only visible table.
    await expect(preview.getByRole("table")).toHaveCount(0);
    await preview.getByText(l.show, { exact: true }).click();

    await expect(preview.getByRole("region", { name: l.student })).toContainText("Senior");
    const courses = preview.getByRole("table", { name: l.courses });
    await expect(courses).toBeVisible();
    await expect(courses.getByRole("row")).toHaveCount(55);
    const first = courses.getByRole("row").nth(1);
    for (const cell of l.firstCourse) await expect(first).toContainText(cell);
    expect(await axe(page), `validation screen with the preview open (${locale})`).toEqual([]);

    await expectPdfDownload(page, preview.getByRole("link", { name: l.download }), l.fileName);

    // Nothing is saved.
    await page.getByRole("button", { name: l.no, exact: true }).click();
    await page.waitForURL(new RegExp(`/${locale}/requests/${REFERENCE}\\?uploaded=cancelled`));
  });

  test(`the details page shows the stored transcript readably and downloads it as PDF (${locale})`, async ({ page, loginAs, axe }) => {
    const reference = requestWithStoredTranscript();
    await loginAs(page, DEMO_ACCOUNTS.school.username, DEMO_ACCOUNTS.school.password, locale);
    await page.goto(`/${locale}/requests/${reference}`);
    const preview = page.getByRole("region", { name: l.preview });
    await expect(preview).toBeVisible();
    await preview.getByText(/^(Show the transcript|Afficher le relevé de notes) \(/).click();
    const courses = preview.getByRole("table", { name: l.courses });
    await expect(courses).toBeVisible();
    await expect(courses.getByRole("row").nth(1)).toContainText(l.firstCourse[2]);
    expect(await axe(page), `details page with the preview open (${locale})`).toEqual([]);
    await expectPdfDownload(page, preview.getByRole("link", { name: l.download }), new RegExp(`-${reference}\\.pdf$`));
  });
}

test("another school's transcript PDF is not found, and a signed-out download is refused", async ({ page, loginAs, request }) => {
  const reference = requestWithStoredTranscript();
  expect((await request.get(`/api/transcripts/${reference}/pdf?locale=en`, { maxRedirects: 0 })).status()).toBe(401);
  await loginAs(page, DEMO_ACCOUNTS.school2.username, DEMO_ACCOUNTS.school2.password);
  const response = await page.request.get(`/api/transcripts/${reference}/pdf?locale=en`);
  expect(response.status()).toBe(404);
  expect((await page.goto(`/en/requests/${reference}`))?.status()).toBe(404);
  await expect(page.getByRole("region", { name: L.en.preview })).toHaveCount(0);
});
