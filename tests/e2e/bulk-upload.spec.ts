import fs from "node:fs";
import Database from "better-sqlite3";
import { buildPescTranscript } from "../../prisma/seed/pesc-template.mjs";
import { DEMO_ACCOUNTS, expect, test } from "./fixtures";

// Bulk upload (product §4, issue 7) through the real UI in both languages: several PESC files generated for seeded
// requests (prisma/seed/pesc-template.mjs), checked with progress, reviewed in the table (clean matches, a
// difference, no match, refused files, two files for one request), then "Save all clean matches" and processing to
// Complete. The requests are taken from the middle of the first school's open requests: other specs use the first
// and the last ones.

test.describe.configure({ mode: "serial" });

type Seeded = {
  id: string;
  referenceNumber: string;
  firstName: string;
  lastName: string;
  oen: string | null;
  dateOfBirth: string;
  gender: string;
  schoolName: string;
  mident: string;
};

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database("data/e2e.db", { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const SELECT = `SELECT r.id, r."referenceNumber", r."firstName", r."lastName", r.oen, a."dateOfBirth", a.gender, s."nameEn" AS "schoolName", s.mident
  FROM "TranscriptRequest" r JOIN "Applicant" a ON a.id = r."applicantId" JOIN "School" s ON s.id = r."schoolId"`;

/** Open, due requests of the first school whose applicant has no other request, without the first two and last two. */
function middleOpenRequests(): Seeded[] {
  const rows = query<Seeded>(
    `${SELECT} WHERE s.mident = '999999' AND r.status = 'ACTION_REQUIRED' AND r."sendOption" = 'SEND_NOW' AND r.oen IS NOT NULL
       AND r."referenceNumber" <> 'REF-45454545'
       AND (SELECT COUNT(*) FROM "TranscriptRequest" x WHERE x."applicantId" = r."applicantId") = 1
     ORDER BY r."referenceNumber" ASC`,
  );
  return rows.slice(2, -2);
}

function statusOf(referenceNumber: string): string {
  return query<{ status: string }>(`SELECT status FROM "TranscriptRequest" WHERE "referenceNumber" = ?`, referenceNumber)[0]!.status;
}

function pendingCount(referenceNumber: string): number {
  return query<{ n: number }>(
    `SELECT COUNT(*) AS n FROM "PendingUpload" p JOIN "TranscriptRequest" r ON r.id = p."requestId" WHERE r."referenceNumber" = ?`,
    referenceNumber,
  )[0]!.n;
}

function transcriptOf(request: Seeded, change: Partial<Parameters<typeof buildPescTranscript>[0]> = {}, options: { tracking?: boolean } = {}): string {
  const xml = buildPescTranscript({
    referenceNumber: request.referenceNumber,
    firstName: request.firstName,
    lastName: request.lastName,
    dateOfBirth: request.dateOfBirth,
    gender: request.gender,
    oen: request.oen,
    schoolName: request.schoolName,
    mident: request.mident,
    ...change,
  });
  return options.tracking === false ? xml.replace(/\s*<RequestTrackingID>[^<]*<\/RequestTrackingID>/, "") : xml;
}

// Chosen once, when the first test runs (the database is only seeded after the test files are loaded), so that
// both tests keep their own requests whatever the first one changed.
let chosen: Seeded[] | null = null;
const available = () => (chosen ??= middleOpenRequests());

test("several files: progress, the review table, then Save all clean matches and Complete (en)", async ({ page, loginAs, axe }, testInfo) => {
  expect(available().length, "the demo data has enough open requests in the first school").toBeGreaterThanOrEqual(5);
  const [first, second, differing] = available().slice(0, 3) as [Seeded, Seeded, Seeded];
  const write = (name: string, content: string) => {
    const file = testInfo.outputPath(name);
    fs.writeFileSync(file, content);
    return file;
  };
  const files = [
    write("by-reference.xml", transcriptOf(first)),
    write("by-identity.xml", transcriptOf(second, { firstName: second.firstName.toUpperCase() }, { tracking: false })),
    write("other-birth-date.xml", transcriptOf(differing, { dateOfBirth: "1990-02-03" })),
    write("unknown-student.xml", transcriptOf(first, { referenceNumber: "REF-00000001", firstName: "Nobody", lastName: "Known", oen: "123456782" })),
    write("broken.xml", "<HighSchoolTranscript><Student>"),
    write("scan.xml", "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
  ];

  await loginAs(page, DEMO_ACCOUNTS.school.username, DEMO_ACCOUNTS.school.password);
  await page.getByRole("link", { name: "Bulk Upload", exact: true }).click();
  await page.waitForURL(/\/en\/requests\/bulk-upload$/);
  await expect(page.getByRole("heading", { level: 1, name: "Bulk Upload" })).toBeVisible();
  await expect(page.getByText("5 MB per file, at most 200 files at a time")).toBeVisible();
  expect(await axe(page), "bulk upload form en").toEqual([]);

  await page.getByLabel("XML transcript files").setInputFiles(files);
  await expect(page.getByText("6 files chosen")).toBeVisible();
  await page.getByRole("button", { name: "Check files", exact: true }).click();

  const progress = page.getByRole("progressbar", { name: "Transcripts checked" });
  await expect(progress).toHaveAttribute("max", "6");
  await expect(progress).toHaveAttribute("value", "6", { timeout: 30_000 });
  await expect(page.getByRole("status").filter({ hasText: "2 clean matches to save; 4 transcripts to handle one by one." })).toBeVisible();

  const row = (name: string) => page.getByRole("row", { name: new RegExp(`^${name.replace(".", "\\.")}`) });
  await expect(row("by-reference.xml")).toContainText(first.referenceNumber);
  await expect(row("by-reference.xml")).toContainText("Clean match");
  await expect(row("by-reference.xml")).toContainText("by reference number");
  await expect(row("by-identity.xml")).toContainText(second.referenceNumber);
  await expect(row("by-identity.xml")).toContainText("by OEN, name and date of birth");
  await expect(row("by-identity.xml")).toContainText("Minor");
  const differs = row("other-birth-date.xml");
  await expect(differs).toContainText("Differences");
  await expect(differs).toContainText(`Date of birth: request ${differing.dateOfBirth}, transcript 1990-02-03 — Different`);
  await expect(differs.locator('li[data-outcome="different"]')).toHaveClass(/text-red-800/);
  await expect(row("unknown-student.xml")).toContainText("No match");
  await expect(row("broken.xml")).toContainText("Refused");
  await expect(row("broken.xml")).toContainText("not well-formed");
  await expect(row("scan.xml")).toContainText("PDF files are not accepted here");
  expect(await axe(page), "bulk upload review en").toEqual([]);

  await page.getByRole("button", { name: "Save all clean matches", exact: true }).click();
  await expect(page.getByText("2 transcripts were saved and are being processed.")).toBeVisible({ timeout: 30_000 });
  await expect(row("by-reference.xml")).toContainText("Saved");
  await expect(row("by-identity.xml")).toContainText("Saved");
  await expect(differs).toContainText("Differences");
  // Processing completes both in the background; the one with a difference is untouched, its upload kept for review.
  await expect(() => {
    expect([statusOf(first.referenceNumber), statusOf(second.referenceNumber)]).toEqual(["E_TRANSCRIPT_SENT", "E_TRANSCRIPT_SENT"]);
  }).toPass({ timeout: 15_000 });
  expect(statusOf(differing.referenceNumber)).toBe("ACTION_REQUIRED");
  expect(pendingCount(differing.referenceNumber)).toBe(1);

  // The difference is handled one by one on the validation screen, in a new tab.
  const review = differs.getByRole("link", { name: new RegExp(`^Review and save other-birth-date\\.xml for ${differing.referenceNumber}`) });
  const [validation] = await Promise.all([page.context().waitForEvent("page"), review.click()]);
  await validation.waitForURL(new RegExp(`/en/requests/${differing.referenceNumber}/validate\\?pending=`));
  await expect(validation.getByRole("heading", { level: 1, name: "Transcript Request – Details" })).toBeVisible();
  await validation.getByRole("button", { name: "No – Cancel and return to previous screen", exact: true }).click();
  await validation.waitForURL(new RegExp(`/en/requests/${differing.referenceNumber}\\?uploaded=cancelled`));
  expect(pendingCount(differing.referenceNumber)).toBe(0);
  expect(statusOf(differing.referenceNumber)).toBe("ACTION_REQUIRED");
});

test("a board user: two files for one request and another board's student are left for one by one (fr)", async ({ page, loginAs, axe }, testInfo) => {
  expect(available().length, "the demo data has enough open requests in the first school").toBeGreaterThanOrEqual(5);
  const [clean, twice] = available().slice(3, 5) as [Seeded, Seeded];
  const foreign = query<Seeded>(`${SELECT} WHERE s.mident = '999997' ORDER BY r."referenceNumber" ASC LIMIT 1`)[0]!;
  const write = (name: string, content: string) => {
    const file = testInfo.outputPath(name);
    fs.writeFileSync(file, content);
    return file;
  };
  const files = [
    write("releve-conforme.xml", transcriptOf(clean)),
    write("premier-envoi.xml", transcriptOf(twice)),
    write("second-envoi.xml", transcriptOf(twice, {}, { tracking: false })),
    write("autre-conseil.xml", transcriptOf(foreign)),
  ];

  await loginAs(page, DEMO_ACCOUNTS.board.username, DEMO_ACCOUNTS.board.password, "fr");
  await page.getByRole("link", { name: "Téléversement groupé", exact: true }).click();
  await page.waitForURL(/\/fr\/requests\/bulk-upload$/);
  await expect(page.getByRole("heading", { level: 1, name: "Téléversement groupé" })).toBeVisible();
  await expect(page.getByText("5 Mo par fichier, au plus 200 fichiers à la fois")).toBeVisible();

  await page.getByLabel("Fichiers de relevés de notes XML").setInputFiles(files);
  await expect(page.getByText("4 fichiers choisis")).toBeVisible();
  await page.getByRole("button", { name: "Vérifier les fichiers", exact: true }).click();
  await expect(page.getByRole("progressbar", { name: "Relevés de notes vérifiés" })).toHaveAttribute("value", "4", { timeout: 30_000 });
  await expect(page.getByRole("status").filter({ hasText: "1 correspondance conforme à enregistrer; 3 relevés de notes à traiter un à un." })).toBeVisible();

  const row = (name: string) => page.getByRole("row", { name: new RegExp(`^${name.replace(".", "\\.")}`) });
  await expect(row("releve-conforme.xml")).toContainText("Correspondance conforme");
  for (const name of ["premier-envoi.xml", "second-envoi.xml"]) {
    await expect(row(name)).toContainText("Même demande en double");
    await expect(row(name)).toContainText(twice.referenceNumber);
  }
  await expect(row("autre-conseil.xml")).toContainText("Aucune correspondance");
  await expect(row("autre-conseil.xml")).not.toContainText(foreign.referenceNumber.slice(4));
  expect(await axe(page), "bulk upload review fr").toEqual([]);

  await page.getByRole("button", { name: "Enregistrer toutes les correspondances conformes", exact: true }).click();
  await expect(page.getByText("1 relevé de notes a été enregistré et est en cours de traitement.")).toBeVisible({ timeout: 30_000 });
  await expect(row("releve-conforme.xml")).toContainText("Enregistré");
  await expect(() => expect(statusOf(clean.referenceNumber)).toBe("E_TRANSCRIPT_SENT")).toPass({ timeout: 15_000 });
  // Neither file of the request matched twice was saved, nor kept waiting.
  expect(statusOf(twice.referenceNumber)).toBe("ACTION_REQUIRED");
  expect(pendingCount(twice.referenceNumber)).toBe(0);
});
