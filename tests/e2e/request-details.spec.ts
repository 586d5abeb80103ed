import Database from "better-sqlite3";
import { DEMO_ACCOUNTS, expect, test, type Locale } from "./fixtures";

// Request and applicant details, Provide a Response, the dashboard row's Action (No Upload) and cancellation, in
// both languages. Tests share data/e2e.db, so each one acts on its own request, chosen when it runs among those
// still in the right status (a retry takes the next one).

type RequestRow = { id: string; referenceNumber: string; applicantId: string; firstName: string; lastName: string; preferredLanguage: string };

function all<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database("data/e2e.db", { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** A request of the school (MIDENT) now in one of the statuses; Send Now only, so it can be completed today. */
function requestOf(mident: string, statuses: string[]): RequestRow {
  const rows = all<RequestRow>(
    `SELECT r.id, r."referenceNumber", r."applicantId", r."firstName", r."lastName", a."preferredLanguage"
       FROM "TranscriptRequest" r
       JOIN "School" s ON s.id = r."schoolId"
       JOIN "Applicant" a ON a.id = r."applicantId"
      WHERE s.mident = ? AND r.status IN (${statuses.map(() => "?").join(", ")})
        AND r."sendOption" = 'SEND_NOW' AND r."referenceNumber" <> 'REF-45454545'
      ORDER BY r."referenceNumber" DESC
      LIMIT 1`,
    mident,
    ...statuses,
  );
  if (!rows[0]) throw new Error(`no request of ${mident} in ${statuses.join(", ")}`);
  return rows[0];
}

function collegeNames(referenceNumber: string, locale: Locale): string[] {
  return all<{ name: string }>(
    `SELECT c.${locale === "fr" ? '"nameFr"' : '"nameEn"'} AS name
       FROM "RequestDestination" d
       JOIN "College" c ON c.id = d."collegeId"
       JOIN "TranscriptRequest" r ON r.id = d."requestId"
      WHERE r."referenceNumber" = ?`,
    referenceNumber,
  ).map((r) => r.name);
}

function emailsOf(requestId: string) {
  return all<{ template: string; locale: string; subject: string }>('SELECT template, locale, subject FROM "EmailOutbox" WHERE "requestId" = ?', requestId);
}

const L = {
  en: {
    details: "Transcript Request – Details",
    applicant: "Applicant – Details",
    timeline: "Timeline",
    received: "Request received",
    destinations: "Destination Colleges",
    status: "Current Status",
    respond: "Provide a Response",
    response: "Response",
    submit: "Submit",
    noUpload: "Action (No Upload)",
    requests: /^Transcript Requests/,
  },
  fr: {
    details: "Détails – Demande de relevé de notes",
    applicant: "Détails – Candidate ou candidat",
    timeline: "Historique",
    received: "Demande reçue",
    destinations: "Collèges destinataires",
    status: "État actuel",
    respond: "Fournir une réponse",
    response: "Réponse",
    submit: "Soumettre",
    noUpload: "Action (aucun téléversement)",
    requests: /^Demandes de relevé de notes/,
  },
} as const;

/** Finds the request on the dashboard (search by reference, every status) and opens it from its Reference Number. */
async function openFromDashboard(page: import("@playwright/test").Page, locale: Locale, reference: string) {
  await page.goto(`/${locale}/requests?referenceNumber=${reference}&status=ALL`);
  await page.getByRole("link", { name: reference, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/requests/${reference}$`));
  await expect(page.getByRole("heading", { level: 1, name: L[locale].details })).toBeVisible();
}

test("request details from the dashboard: fields, destinations, timeline, no cancel for a school (en)", async ({ page, loginAs, axe }) => {
  await loginAs(page, DEMO_ACCOUNTS.school.username, DEMO_ACCOUNTS.school.password);
  await openFromDashboard(page, "en", "REF-45454545");
  await expect(page.getByText("REF-45454545 · Senior Student")).toBeVisible();
  const destinations = page.getByRole("region", { name: L.en.destinations });
  for (const name of collegeNames("REF-45454545", "en")) await expect(destinations).toContainText(name);
  await expect(page.getByRole("region", { name: "School" })).toContainText("Sample High School");
  const timeline = page.getByRole("region", { name: L.en.timeline });
  await expect(timeline.getByRole("listitem").last()).toContainText(L.en.received);
  await expect(timeline.getByRole("listitem").last()).toContainText("By College application service");
  await expect(page.getByRole("region", { name: "Cancel This Request" })).toHaveCount(0);
  expect(await axe(page), "details en").toEqual([]);
});

test("request details in French: statuses, college names and timeline in French (fr)", async ({ page, loginAs, axe }) => {
  const request = requestOf("999996", ["PAPER_TRANSCRIPT_SENT", "E_TRANSCRIPT_SENT"]);
  await loginAs(page, DEMO_ACCOUNTS.otherBoard.username, DEMO_ACCOUNTS.otherBoard.password, "fr");
  await openFromDashboard(page, "fr", request.referenceNumber);
  const destinations = page.getByRole("region", { name: L.fr.destinations });
  for (const name of collegeNames(request.referenceNumber, "fr")) await expect(destinations).toContainText(name);
  await expect(page.getByRole("region", { name: L.fr.status })).toContainText("Terminé");
  await expect(page.getByRole("region", { name: L.fr.timeline }).getByRole("listitem").last()).toContainText(L.fr.received);
  // A completed request takes no response.
  await expect(page.getByRole("region", { name: L.fr.respond })).toHaveCount(0);
  expect(await axe(page), "details fr").toEqual([]);
});

test("the reason Auto-TRMS could not process a request is shown (en)", async ({ page, loginAs }) => {
  const [row] = all<{ referenceNumber: string; oen: string }>(
    `SELECT "referenceNumber", json_extract("statusReason", '$.oen') AS oen FROM "TranscriptRequest"
      WHERE status = 'AUTO_PROCESS_ERROR' AND json_extract("statusReason", '$.key') = 'sisNotFound'
        AND json_extract("statusReason", '$.oen') IS NOT NULL
      ORDER BY "referenceNumber" DESC LIMIT 1`,
  );
  expect(row, "the demo data has an Auto-Process Error with an OEN").toBeTruthy();
  await loginAs(page, DEMO_ACCOUNTS.otherBoard.username, DEMO_ACCOUNTS.otherBoard.password);
  await page.goto(`/en/requests/${row!.referenceNumber}`);
  const status = page.getByRole("region", { name: L.en.status });
  await expect(status).toContainText("Why this request could not be processed automatically");
  await expect(status).toContainText(`matched OEN ${row!.oen}`);
});

test("Provide a Response → Student Not Found: Incomplete, confirmed, in the timeline, applicant emailed (en)", async ({ page, loginAs }) => {
  const request = requestOf("999999", ["ACTION_REQUIRED"]);
  await loginAs(page, DEMO_ACCOUNTS.school.username, DEMO_ACCOUNTS.school.password);
  await openFromDashboard(page, "en", request.referenceNumber);
  const respond = page.getByRole("region", { name: L.en.respond });
  await expect(respond.getByLabel(L.en.response, { exact: true }).locator("option")).toHaveText([
    "Choose a response",
    "Paper Transcript Sent",
    "Student Not Found",
    "No Academic Data",
    "Financial Hold",
  ]);
  await respond.getByLabel(L.en.response, { exact: true }).selectOption({ label: "Student Not Found" });
  await respond.getByRole("button", { name: L.en.submit, exact: true }).click();
  await expect(respond.getByRole("status")).toContainText(`Student Not Found has been recorded for ${request.referenceNumber}`);
  const status = page.getByRole("region", { name: L.en.status });
  await expect(status).toContainText("Student Not Found");
  await expect(status).toContainText("Incomplete");
  const timeline = page.getByRole("region", { name: L.en.timeline });
  await expect(timeline).toContainText("Response: Student Not Found");
  await expect(timeline).toContainText("Status: Action Required → Student Not Found");
  // The email is background work: queued with the response, sent by the runner; the page shows it sent once it is
  // (at once when the runner was quicker than the answer, else on the next view).
  await expect(async () => {
    if (!(await timeline.textContent())?.includes("Email sent to the applicant")) await page.reload();
    await expect(timeline).toContainText("Email sent to the applicant", { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  const emails = emailsOf(request.id);
  expect(emails).toHaveLength(1);
  expect(emails[0]).toMatchObject({ template: "studentNotFound", locale: request.preferredLanguage === "fr" ? "fr" : "en" });
  // The same response again is no longer offered: the status already says it.
  await expect(respond.getByLabel(L.en.response, { exact: true }).locator("option", { hasText: "Student Not Found" })).toHaveCount(0);
});

test("Fournir une réponse → En attente (raison financière) (fr)", async ({ page, loginAs }) => {
  const request = requestOf("999998", ["ACTION_REQUIRED"]);
  await loginAs(page, DEMO_ACCOUNTS.school2.username, DEMO_ACCOUNTS.school2.password, "fr");
  await openFromDashboard(page, "fr", request.referenceNumber);
  const respond = page.getByRole("region", { name: L.fr.respond });
  await respond.getByLabel(L.fr.response, { exact: true }).selectOption({ label: "En attente (raison financière)" });
  await respond.getByRole("button", { name: L.fr.submit, exact: true }).click();
  await expect(respond.getByRole("status")).toContainText(`« En attente (raison financière) » a été enregistré pour ${request.referenceNumber}`);
  await expect(page.getByRole("region", { name: L.fr.status })).toContainText("Incomplète");
  await expect(page.getByRole("region", { name: L.fr.timeline })).toContainText("Réponse : En attente (raison financière)");
  expect(emailsOf(request.id)).toEqual([expect.objectContaining({ template: "financialHold" })]);
});

test("dashboard row: Action (No Upload) → Paper Transcript Sent completes the request without leaving the list (en)", async ({ page, loginAs }) => {
  const request = requestOf("999999", ["INCOMPLETE_ACTION_REQUIRED", "FILE_UPLOAD_ERROR", "NO_ACADEMIC_DATA"]);
  await loginAs(page, DEMO_ACCOUNTS.school.username, DEMO_ACCOUNTS.school.password);
  await page.goto(`/en/requests?referenceNumber=${request.referenceNumber}&status=ALL`);
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: request.referenceNumber, exact: true }) });
  // One compact choice: Upload Transcript by default, the responses under Action (No Upload).
  const choice = row.getByRole("combobox", { name: `Action for ${request.referenceNumber}` });
  await expect(choice).toHaveValue("upload");
  await expect(choice.locator(`optgroup[label="${L.en.noUpload}"] option`, { hasText: "Paper Transcript Sent" })).toHaveCount(1);
  await choice.selectOption({ label: "Paper Transcript Sent" });
  await row.getByRole("button", { name: `${L.en.submit} – ${request.referenceNumber}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `Paper Transcript Sent has been recorded for ${request.referenceNumber}` })).toBeVisible();
  await expect(page).toHaveURL(/\/en\/requests\?/);
  // The Request Status column (no School column for a school user).
  await expect(row.getByRole("cell").nth(7)).toHaveText("Transcript Image Sent to OCAS");
  expect(emailsOf(request.id)).toEqual([]);
  await page.getByRole("link", { name: request.referenceNumber, exact: true }).click();
  await expect(page.getByRole("region", { name: L.en.status })).toContainText("Complete");
  await expect(page.getByRole("region", { name: L.en.timeline })).toContainText("Response: Paper Transcript Sent");
});

test("ligne du tableau : Action (aucun téléversement) → Aucune donnée scolaire (fr)", async ({ page, loginAs }) => {
  const request = requestOf("999998", ["INCOMPLETE_ACTION_REQUIRED", "FILE_UPLOAD_ERROR", "STUDENT_NOT_FOUND"]);
  await loginAs(page, DEMO_ACCOUNTS.board.username, DEMO_ACCOUNTS.board.password, "fr");
  await page.goto(`/fr/requests?referenceNumber=${request.referenceNumber}&status=ALL`);
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: request.referenceNumber, exact: true }) });
  const choice = row.getByRole("combobox", { name: `Action pour ${request.referenceNumber}` });
  await expect(choice.locator(`optgroup[label="${L.fr.noUpload}"] option`, { hasText: "Aucune donnée scolaire" })).toHaveCount(1);
  await choice.selectOption({ label: "Aucune donnée scolaire" });
  await row.getByRole("button", { name: `${L.fr.submit} – ${request.referenceNumber}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `« Aucune donnée scolaire » a été enregistré pour ${request.referenceNumber}` })).toBeVisible();
  await expect(row.getByRole("cell").nth(7)).toHaveText("Aucune donnée scolaire");
  expect(emailsOf(request.id)).toEqual([]);
});

for (const locale of ["en", "fr"] as const) {
  test(`applicant details from the Name link, only requests in scope (${locale})`, async ({ page, loginAs, axe }) => {
    const request =
      locale === "en" ? { referenceNumber: "REF-45454545", firstName: "Senior", lastName: "Student" } : requestOf("999998", ["E_TRANSCRIPT_SENT"]);
    const account = locale === "en" ? DEMO_ACCOUNTS.school : DEMO_ACCOUNTS.board;
    await loginAs(page, account.username, account.password, locale);
    await page.goto(`/${locale}/requests?referenceNumber=${request.referenceNumber}&status=ALL`);
    await page.getByRole("link", { name: `${request.firstName} ${request.lastName}`, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/applicants/[^/]+$`));
    await expect(page.getByRole("heading", { level: 1, name: L[locale].applicant })).toBeVisible();
    const requests = page.getByRole("region", { name: L[locale].requests });
    await expect(requests.getByRole("link", { name: request.referenceNumber, exact: true })).toBeVisible();
    if (locale === "en") {
      await expect(page.getByText("senior.student@example.org")).toBeVisible();
      await expect(page.getByText("May 16, 1987")).toBeVisible();
    }
    expect(await axe(page), `applicant ${locale}`).toEqual([]);
    await requests.getByRole("link", { name: request.referenceNumber, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: L[locale].details })).toBeVisible();
  });
}

test("an OCAS administrator cancels a request with a reason (en)", async ({ page, loginAs }) => {
  const request = requestOf("999996", ["STUDENT_NOT_FOUND", "FINANCIAL_HOLD", "NO_ACADEMIC_DATA"]);
  await loginAs(page, DEMO_ACCOUNTS.admin.username, DEMO_ACCOUNTS.admin.password);
  await page.goto(`/en/requests/${request.referenceNumber}`);
  const cancel = page.getByRole("region", { name: "Cancel This Request" });
  await cancel.getByLabel("Reason for Cancelling").fill("The applicant withdrew the application.");
  await cancel.getByRole("button", { name: "Cancel Request" }).click();
  await expect(cancel.getByRole("status")).toContainText(`Request ${request.referenceNumber} has been cancelled.`);
  await expect(page.getByRole("region", { name: L.en.status })).toContainText("Request Cancelled");
  await expect(page.getByRole("region", { name: L.en.timeline })).toContainText("Reason: The applicant withdrew the application.");
  await expect(cancel.getByRole("button", { name: "Cancel Request" })).toHaveCount(0);
});

test("a school user gets the 404 page for another school's request and applicant", async ({ page, loginAs }) => {
  const request = requestOf("999999", ["ACTION_REQUIRED", "E_TRANSCRIPT_SENT", "STUDENT_NOT_FOUND"]);
  await loginAs(page, DEMO_ACCOUNTS.school2.username, DEMO_ACCOUNTS.school2.password);
  for (const path of [`/en/requests/${request.referenceNumber}`, `/en/applicants/${request.applicantId}`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page Not Found" })).toBeVisible();
    await expect(page.getByText(request.lastName)).toHaveCount(0);
  }
});
