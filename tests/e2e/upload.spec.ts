import fs from "node:fs";
import Database from "better-sqlite3";
import { DEMO_ACCOUNTS, expect, test } from "./fixtures";

// Upload Transcript from the details page, the validation screen and its two buttons (product §4), in both
// languages, with the real PESC example of REF-45454545 (tests/fixtures/pesc). Serial: both tests use that request;
// the French one (a mismatch, then No) saves nothing, the English one saves and the request reaches Complete.

const REFERENCE = "REF-45454545";
const PESC_FILE = "tests/fixtures/pesc/ontario-highschool-transcript.xml";

test.describe.configure({ mode: "serial" });

function countOf(sql: string, ...params: unknown[]): number {
  const db = new Database("data/e2e.db", { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(sql).get(...params) as { n: number }).n;
  } finally {
    db.close();
  }
}

const uploadedFiles = () =>
  countOf(`SELECT COUNT(*) AS n FROM "UploadedFile" f JOIN "TranscriptRequest" r ON r.id = f."requestId" WHERE r."referenceNumber" = ?`, REFERENCE);
const pendingUploads = () =>
  countOf(`SELECT COUNT(*) AS n FROM "PendingUpload" p JOIN "TranscriptRequest" r ON r.id = p."requestId" WHERE r."referenceNumber" = ?`, REFERENCE);

test("a transcript that differs from the request: the difference in red, then No saves nothing (fr)", async ({ page, loginAs, axe }, testInfo) => {
  // The real file with another date of birth.
  const mismatching = testInfo.outputPath("autre-date-de-naissance.xml");
  const xml = fs.readFileSync(PESC_FILE, "utf8");
  expect(xml).toContain("<BirthDate>1987-05-16</BirthDate>");
  fs.writeFileSync(mismatching, xml.replace("<BirthDate>1987-05-16</BirthDate>", "<BirthDate>1988-11-03</BirthDate>"));

  await loginAs(page, DEMO_ACCOUNTS.school.username, DEMO_ACCOUNTS.school.password, "fr");
  await page.goto(`/fr/requests/${REFERENCE}?action=upload#upload`);
  const status = page.getByRole("region", { name: "État actuel" });
  const statusBefore = await status.textContent();
  const filesBefore = uploadedFiles();

  const upload = page.locator("#upload");
  await expect(upload).toContainText("5 Mo");
  await upload.getByLabel("Parcourir").setInputFiles(mismatching);
  await upload.getByRole("button", { name: /^Téléverser relevé de notes/ }).click();

  await page.waitForURL(/\/fr\/requests\/REF-45454545\/validate\?pending=/);
  await expect(page.getByRole("heading", { level: 1, name: "Détails – Demande de relevé de notes" })).toBeVisible();
  const birthDate = page.getByRole("row", { name: /^Date de naissance/ });
  await expect(birthDate).toContainText("1987-05-16");
  await expect(birthDate).toContainText("1988-11-03");
  const result = birthDate.getByRole("cell").last();
  await expect(result).toHaveText("Différent");
  await expect(result).toHaveClass(/text-red-800/);
  await expect(page.getByRole("row", { name: /^Prénom/ })).toContainText("Identique");
  expect(await axe(page), "validation screen fr").toEqual([]);

  await page.getByRole("button", { name: "Non – Annuler et retourner à l'écran précédent", exact: true }).click();
  await page.waitForURL(/\/fr\/requests\/REF-45454545\?uploaded=cancelled/);
  await expect(page.locator("#upload")).toContainText("rien n'a été enregistré");
  await expect(page.getByRole("region", { name: "État actuel" })).toHaveText(statusBefore ?? "");
  expect(uploadedFiles()).toBe(filesBefore);
  expect(pendingUploads()).toBe(0);
});

test("the real PESC transcript: validation screen, Yes – Save and continue, then Complete (en)", async ({ page, loginAs, axe }) => {
  await loginAs(page, DEMO_ACCOUNTS.school.username, DEMO_ACCOUNTS.school.password);
  await page.goto(`/en/requests/${REFERENCE}?action=upload#upload`);
  const upload = page.locator("#upload");
  await expect(upload).toContainText("5 MB");
  const filesBefore = uploadedFiles();
  await upload.getByLabel("Browse").setInputFiles(PESC_FILE);
  await upload.getByRole("button", { name: /^(Upload Transcript|Re-upload Transcript)$/ }).click();

  await page.waitForURL(/\/en\/requests\/REF-45454545\/validate\?pending=/);
  await expect(page.getByRole("heading", { level: 1, name: "Transcript Request – Details" })).toBeVisible();
  for (const field of ["First name", "Last name", "Date of birth"]) {
    await expect(
      page
        .getByRole("row", { name: new RegExp(`^${field}`) })
        .getByRole("cell")
        .last(),
    ).toHaveText(/^(Same|Minor)/);
  }
  await expect(page.getByRole("row", { name: /^First name/ })).toContainText("Senior");
  await expect(page.getByRole("table")).not.toContainText("Different");
  await expect(page.getByText("The transcript matches the request.")).toBeVisible();
  expect(await axe(page), "validation screen en").toEqual([]);

  await page.getByRole("button", { name: "Yes – Save and continue", exact: true }).click();
  await page.waitForURL(/\/en\/requests\/REF-45454545\?uploaded=XML/);
  await expect(page.locator("#upload")).toContainText("was saved");
  expect(uploadedFiles()).toBe(filesBefore + 1);

  // Processing runs in the background right after the save: reload until the request is complete.
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("region", { name: "Current Status" })).toContainText("E-Transcript Sent", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByRole("region", { name: "Uploaded Files" })).toContainText("ontario-highschool-transcript.xml");
  // A completed request can take a new transcript.
  await expect(page.locator("#upload").getByRole("button", { name: "Re-upload Transcript" })).toBeVisible();
});

test("re-upload on the completed request: a new file, the old one kept, Complete again (en)", async ({ page, loginAs }) => {
  await loginAs(page, DEMO_ACCOUNTS.school.username, DEMO_ACCOUNTS.school.password);
  await page.goto(`/en/requests/${REFERENCE}?action=reupload#upload`);
  const upload = page.locator("#upload");
  await expect(upload.getByRole("heading", { name: "Re-upload Transcript" })).toBeVisible();
  const filesBefore = uploadedFiles();
  await upload.getByLabel("Browse").setInputFiles(PESC_FILE);
  await upload.getByRole("button", { name: "Re-upload Transcript", exact: true }).click();
  await page.waitForURL(/\/en\/requests\/REF-45454545\/validate\?pending=/);
  await page.getByRole("button", { name: "Yes – Save and continue", exact: true }).click();
  await page.waitForURL(/\/en\/requests\/REF-45454545\?uploaded=XML/);
  expect(uploadedFiles()).toBe(filesBefore + 1);
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("region", { name: "Current Status" })).toContainText("E-Transcript Sent", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  // Both files stay listed.
  await expect(page.getByRole("region", { name: "Uploaded Files" }).getByRole("row")).toHaveCount(filesBefore + 2);
});

test("a PDF transcript: confirmation without comparison, then the PDF queue, where an OCAS administrator completes it (en)", async ({
  page,
  loginAs,
  axe,
}, testInfo) => {
  const db = new Database("data/e2e.db", { readonly: true, fileMustExist: true });
  const row = (() => {
    try {
      return db
        .prepare(
          `SELECT r."referenceNumber" AS reference FROM "TranscriptRequest" r JOIN "School" s ON s.id = r."schoolId"
            WHERE s.mident = '999999' AND r.status = 'ACTION_REQUIRED' AND r."referenceNumber" <> ?
            ORDER BY r."referenceNumber" ASC LIMIT 1`,
        )
        .get(REFERENCE) as { reference: string } | undefined;
    } finally {
      db.close();
    }
  })();
  expect(row, "the demo data has an open request of the first school left").toBeTruthy();
  const reference = row!.reference;
  // Named .xml on purpose: the type is decided by the content.
  const pdf = testInfo.outputPath("scanned-transcript.xml");
  fs.writeFileSync(pdf, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

  await loginAs(page, DEMO_ACCOUNTS.school.username, DEMO_ACCOUNTS.school.password);
  await page.goto(`/en/requests/${reference}?action=upload#upload`);
  await page.locator("#upload").getByLabel("Browse").setInputFiles(pdf);
  await page.locator("#upload").getByRole("button", { name: "Upload Transcript", exact: true }).click();
  await page.waitForURL(new RegExp(`/en/requests/${reference}/validate\\?pending=`));
  await expect(page.getByText("This PDF will be saved")).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
  await page.getByRole("button", { name: "Yes – Save and continue", exact: true }).click();
  await page.waitForURL(new RegExp(`/en/requests/${reference}\\?uploaded=PDF`));
  await expect(page.getByRole("region", { name: "Current Status" })).toContainText("Transcript File Uploaded to OCAS");

  await page.context().clearCookies();
  await loginAs(page, DEMO_ACCOUNTS.admin.username, DEMO_ACCOUNTS.admin.password);
  await page.goto("/en/admin/pdf-queue");
  await expect(page.getByRole("heading", { level: 1, name: "PDF Queue" })).toBeVisible();
  const queued = page.getByRole("row", { name: new RegExp(reference) });
  await expect(queued).toContainText("business day");
  expect(await axe(page), "pdf queue").toEqual([]);
  await queued.getByRole("button", { name: `Complete ${reference}` }).click();
  await page.waitForURL(/\/en\/admin\/pdf-queue\?completed=/);
  await expect(page.getByRole("status").filter({ hasText: `${reference} is complete` })).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(reference) })).toHaveCount(0);
  await page.goto(`/en/requests/${reference}`);
  await expect(page.getByRole("region", { name: "Current Status" })).toContainText("E-Transcript Sent");
});
