import fs from "node:fs";
import Database from "better-sqlite3";
import { buildPescBatch, buildPescTranscript, encodeUtf16, withXmlDeclaration } from "../../prisma/seed/pesc-template.mjs";
import { DEMO_ACCOUNTS, expect, test } from "./fixtures";

// What real SIS exports send (issue 16), through the real UI in both languages: a UTF-16 transcript and a PESC batch
// of one reach the validation screen as the UTF-8 file does (REF-45454545, then No: nothing is saved, so the other
// specs find the request as seeded); a batch of several is sent to Bulk Upload; Bulk Upload lists each transcript of a
// batch as its own row and saves its clean matches. The bulk tests take the last open requests of the second school
// (MIDENT 999998), which no other spec uses.

test.describe.configure({ mode: "serial" });

const REFERENCE = "REF-45454545";
const PESC_TEXT = fs.readFileSync("tests/fixtures/pesc/ontario-highschool-transcript.xml", "utf8");

type Seeded = {
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

const statusOf = (referenceNumber: string) =>
  query<{ status: string }>(`SELECT status FROM "TranscriptRequest" WHERE "referenceNumber" = ?`, referenceNumber)[0]!.status;

/** Open, due requests of the second school whose applicant has no other request, the last ones first. */
function lastOpenRequests(): Seeded[] {
  return query<Seeded>(
    `SELECT r."referenceNumber", r."firstName", r."lastName", r.oen, a."dateOfBirth", a.gender, s."nameEn" AS "schoolName", s.mident
       FROM "TranscriptRequest" r JOIN "Applicant" a ON a.id = r."applicantId" JOIN "School" s ON s.id = r."schoolId"
      WHERE s.mident = '999998' AND r.status = 'ACTION_REQUIRED' AND r."sendOption" = 'SEND_NOW' AND r.oen IS NOT NULL
        AND (SELECT COUNT(*) FROM "TranscriptRequest" x WHERE x."applicantId" = r."applicantId") = 1
      ORDER BY r."referenceNumber" DESC`,
  );
}

const transcriptOf = (r: Seeded, change: Partial<Parameters<typeof buildPescTranscript>[0]> = {}) =>
  buildPescTranscript({
    referenceNumber: r.referenceNumber,
    firstName: r.firstName,
    lastName: r.lastName,
    dateOfBirth: r.dateOfBirth,
    gender: r.gender,
    oen: r.oen,
    schoolName: r.schoolName,
    mident: r.mident,
    ...change,
  });

// Chosen once, when the first bulk test runs (the database is seeded after the test files are loaded).
let chosen: Seeded[] | null = null;
const available = () => (chosen ??= lastOpenRequests());

test("a UTF-16 transcript reaches the validation screen as the UTF-8 file does, then No saves nothing (en)", async ({ page, loginAs, axe }, testInfo) => {
  const file = testInfo.outputPath("windows-sis-export.xml");
  fs.writeFileSync(file, encodeUtf16(withXmlDeclaration(PESC_TEXT, "UTF-16")));
  await loginAs(page, DEMO_ACCOUNTS.school.username, DEMO_ACCOUNTS.school.password);
  await page.goto(`/en/requests/${REFERENCE}?action=upload#upload`);
  const upload = page.locator("#upload");
  await upload.getByLabel("Browse").setInputFiles(file);
  await upload.getByRole("button", { name: /^(Upload Transcript|Re-upload Transcript)$/ }).click();

  await page.waitForURL(/\/en\/requests\/REF-45454545\/validate\?pending=/);
  await expect(page.getByText("File: windows-sis-export.xml")).toBeVisible();
  await expect(page.getByText("The transcript matches the request.")).toBeVisible();
  await expect(page.getByRole("row", { name: /^First name/ })).toContainText("Senior");
  await expect(
    page
      .getByRole("row", { name: /^Last name/ })
      .getByRole("cell")
      .last(),
  ).toHaveText("Same");
  await page.getByText("Show the transcript (54 courses)").click();
  await expect(page.getByRole("table", { name: "Course Information" }).getByRole("row", { name: /^AVI1O1/ })).toContainText("Visual Arts");
  expect(await axe(page), "validation screen of a UTF-16 file").toEqual([]);

  await page.getByRole("button", { name: "No – Cancel and return to previous screen", exact: true }).click();
  await page.waitForURL(/\/en\/requests\/REF-45454545\?uploaded=cancelled/);
});

test("un lot PESC : un lot de plusieurs relevés renvoie au Téléversement groupé, un lot d'un relevé mène à l'écran de validation (fr)", async ({
  page,
  loginAs,
  axe,
}, testInfo) => {
  const several = testInfo.outputPath("lot-de-trois.xml");
  fs.writeFileSync(several, buildPescBatch([PESC_TEXT, PESC_TEXT, PESC_TEXT]));
  const one = testInfo.outputPath("lot-d-un-releve.xml");
  // UTF-16 big endian without a byte-order mark (its declaration says so), the student's identifier of British Columbia.
  const fromBc = PESC_TEXT.replace("<StateProvinceCode>ON</StateProvinceCode>", "<StateProvinceCode>BC</StateProvinceCode>");
  expect(fromBc).not.toBe(PESC_TEXT);
  fs.writeFileSync(one, encodeUtf16(buildPescBatch([fromBc], { encoding: "UTF-16" }), { bigEndian: true, bom: false }));

  await loginAs(page, DEMO_ACCOUNTS.school.username, DEMO_ACCOUNTS.school.password, "fr");
  await page.goto(`/fr/requests/${REFERENCE}?action=upload#upload`);
  const upload = page.locator("#upload");
  await upload.getByLabel("Parcourir").setInputFiles(several);
  await upload.getByRole("button", { name: /^Téléverser relevé de notes/ }).click();
  const refused = upload.getByText("Le fichier est un lot PESC de 3 relevés de notes");
  await expect(refused).toBeVisible();
  await expect(upload.getByText("Le fichier n'a pas été accepté :")).toBeVisible();
  expect(await axe(page), "lot de plusieurs refusé").toEqual([]);
  await expect(upload.getByRole("link", { name: "Aller au Téléversement groupé" })).toHaveAttribute("href", "/fr/requests/bulk-upload");

  await upload.getByLabel("Parcourir").setInputFiles(one);
  await upload.getByRole("button", { name: /^Téléverser relevé de notes/ }).click();
  await page.waitForURL(/\/fr\/requests\/REF-45454545\/validate\?pending=/);
  await expect(page.getByText("Fichier : lot-d-un-releve.xml")).toBeVisible();
  const result = (field: RegExp) => page.getByRole("row", { name: field }).getByRole("cell").last();
  await expect(result(/^Prénom/)).toHaveText("Identique");
  await expect(result(/^Date de naissance/)).toHaveText("Identique");
  // The identifier of another province is no OEN: not refused, not compared (the transcript has none), and shown under
  // its province in the preview.
  await expect(result(/^NISO/)).toHaveText("Absent");
  const preview = page.getByRole("region", { name: "Aperçu du relevé de notes" });
  await preview.getByText("Afficher le relevé de notes (54 cours)", { exact: true }).click();
  const student = preview.getByRole("region", { name: "Données personnelles" });
  await expect(student).toContainText("Identifiant (BC)999999999");
  await expect(student.getByText("NISO", { exact: true })).toHaveCount(0);
  expect(await axe(page), "écran de validation d'un lot d'un relevé").toEqual([]);
  await page.getByRole("button", { name: "Non – Annuler et retourner à l'écran précédent", exact: true }).click();
  await page.waitForURL(/\/fr\/requests\/REF-45454545\?uploaded=cancelled/);
});

test("Bulk Upload lists each transcript of a batch, and saves its clean matches (en)", async ({ page, loginAs, axe }, testInfo) => {
  expect(available().length, "the demo data has enough open requests in the second school").toBeGreaterThanOrEqual(5);
  const [clean, differing, broken, single] = available().slice(0, 4) as [Seeded, Seeded, Seeded, Seeded];
  const batch = testInfo.outputPath("sis-export.xml");
  fs.writeFileSync(
    batch,
    encodeUtf16(
      buildPescBatch(
        [
          transcriptOf(clean),
          transcriptOf(differing, { dateOfBirth: "1990-02-03" }),
          transcriptOf(broken).replace(/<BirthDate>[^<]*</, "<BirthDate>1990-02-30<"),
        ],
        { encoding: "UTF-16" },
      ),
    ),
  );
  const alone = testInfo.outputPath("single.xml");
  fs.writeFileSync(alone, transcriptOf(single));

  await loginAs(page, DEMO_ACCOUNTS.school2.username, DEMO_ACCOUNTS.school2.password);
  await page.goto("/en/requests/bulk-upload");
  await page.getByLabel("XML transcript files").setInputFiles([batch, alone]);
  await expect(page.getByText("2 files chosen")).toBeVisible();
  await page.getByRole("button", { name: "Check files", exact: true }).click();

  // The progress counts transcripts: three in the batch, one alone.
  const progress = page.getByRole("progressbar", { name: "Transcripts checked" });
  await expect(progress).toHaveAttribute("value", "4", { timeout: 30_000 });
  await expect(progress).toHaveAttribute("max", "4");
  await expect(page.getByRole("status").filter({ hasText: "2 clean matches to save; 2 transcripts to handle one by one." })).toBeVisible();

  const row = (name: RegExp) => page.getByRole("row", { name });
  const first = row(new RegExp(`^sis-export\\.xml Transcript 1 of 3 · ${clean.firstName} ${clean.lastName}`));
  await expect(first).toContainText("Clean match");
  await expect(first).toContainText(clean.referenceNumber);
  const second = row(/^sis-export\.xml Transcript 2 of 3/);
  await expect(second).toContainText("Differences");
  await expect(second).toContainText(`Date of birth: request ${differing.dateOfBirth}, transcript 1990-02-03 — Different`);
  await expect(
    second.getByRole("link", { name: new RegExp(`^Review and save sis-export\\.xml \\(Transcript 2 of 3\\) for ${differing.referenceNumber}`) }),
  ).toBeVisible();
  const third = row(/^sis-export\.xml Transcript 3 of 3/);
  await expect(third).toContainText("Refused");
  await expect(third).toContainText("is not a valid date");
  await expect(row(/^single\.xml/)).toContainText("Clean match");
  expect(await axe(page), "bulk review of a batch").toEqual([]);

  await page.getByRole("button", { name: "Save all clean matches", exact: true }).click();
  await expect(page.getByText("2 transcripts were saved and are being processed.")).toBeVisible({ timeout: 30_000 });
  await expect(first).toContainText("Saved");
  await expect(() => {
    expect([statusOf(clean.referenceNumber), statusOf(single.referenceNumber)]).toEqual(["E_TRANSCRIPT_SENT", "E_TRANSCRIPT_SENT"]);
  }).toPass({ timeout: 15_000 });
  expect([statusOf(differing.referenceNumber), statusOf(broken.referenceNumber)]).toEqual(["ACTION_REQUIRED", "ACTION_REQUIRED"]);
});

test("le Téléversement groupé liste chaque relevé d'un lot v1.0.0 (fr)", async ({ page, loginAs, axe }, testInfo) => {
  const [a, b] = available().slice(4, 6) as [Seeded, Seeded];
  expect(b, "the demo data has enough open requests in the second school").toBeTruthy();
  const batch = testInfo.outputPath("lot-v1.xml");
  // As a v1.0.0 batch: the transcripts right in the root; the second one for a student no request names.
  const stranger = transcriptOf(b, { referenceNumber: "REF-00000001", firstName: "Personne", lastName: "Inconnue", oen: "123456782" });
  fs.writeFileSync(batch, buildPescBatch([transcriptOf(a), stranger], { version: "v1.0.0", prefix: "AcRecBat", flat: true }));

  await loginAs(page, DEMO_ACCOUNTS.board.username, DEMO_ACCOUNTS.board.password, "fr");
  await page.goto("/fr/requests/bulk-upload");
  await page.getByLabel("Fichiers de relevés de notes XML").setInputFiles(batch);
  await page.getByRole("button", { name: "Vérifier les fichiers", exact: true }).click();
  await expect(page.getByRole("progressbar", { name: "Relevés de notes vérifiés" })).toHaveAttribute("value", "2", { timeout: 30_000 });
  await expect(page.getByRole("status").filter({ hasText: "1 correspondance conforme à enregistrer; 1 relevé de notes à traiter un à un." })).toBeVisible();
  const first = page.getByRole("row", { name: new RegExp(`^lot-v1\\.xml Relevé 1 sur 2 · ${a.firstName} ${a.lastName}`) });
  await expect(first).toContainText("Correspondance conforme");
  await expect(first).toContainText(a.referenceNumber);
  const second = page.getByRole("row", { name: /^lot-v1\.xml Relevé 2 sur 2 · Personne Inconnue/ });
  await expect(second).toContainText("Aucune correspondance");
  await expect(second).toContainText("ne correspond à ce relevé de notes");
  expect(await axe(page), "revue d'un lot").toEqual([]);
  // Nothing is saved: the request stays To Do, its upload waits (and expires).
  expect(statusOf(a.referenceNumber)).toBe("ACTION_REQUIRED");
});
