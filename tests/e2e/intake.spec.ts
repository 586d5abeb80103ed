import { DEMO_ACCOUNTS, E2E_INTAKE_API_KEY, expect, test } from "./fixtures";

// A request sent by the application service through the intake API (contracts §5) reaches the school's To Do.

function intakeBody(requestNumber: string) {
  return {
    requestNumber,
    accountNumber: `7${requestNumber}`,
    requestType: "ORIGINAL",
    paidAt: new Date().toISOString(),
    sendOption: "SEND_NOW",
    sendAfter: null,
    // demo.school's school (contracts §7).
    schoolMident: "999999",
    lastAttended: "2023-06",
    applicant: {
      firstName: "Zoé",
      lastName: "Intake-Tessier",
      middleName: null,
      formerLastName: null,
      dateOfBirth: "2005-03-09",
      gender: "FEMALE",
      oen: null,
      studentNumber: null,
      email: "zoe.intake@example.org",
      phone: null,
      preferredLanguage: "fr",
    },
    destinations: ["SENE", "ALGO"],
  };
}

test("a request created through the intake API appears in the school's To Do", async ({ page, request, loginAs }) => {
  // Nine digits not used by the seed (its request numbers are drawn from a fixed generator); new on each run.
  const requestNumber = `9${String(Date.now()).slice(-8)}`;
  const body = intakeBody(requestNumber);
  const headers = { Authorization: `Bearer ${E2E_INTAKE_API_KEY}` };

  expect((await request.post("/api/v1/transcript-requests", { data: body })).status()).toBe(401);

  const created = await request.post("/api/v1/transcript-requests", { headers, data: body });
  expect(created.status()).toBe(201);
  const answer = (await created.json()) as { referenceNumber: string; status: string };
  expect(answer).toEqual({ referenceNumber: expect.stringMatching(/^REF-\d{8}$/), status: "ACTION_REQUIRED" });

  // Sent again (a retry of the application service): the same answer.
  const again = await request.post("/api/v1/transcript-requests", { headers, data: body });
  expect(again.status()).toBe(201);
  expect(await again.json()).toEqual(answer);

  await loginAs(page, DEMO_ACCOUNTS.school.username, DEMO_ACCOUNTS.school.password);
  await page.goto(`/en/requests?tab=todo&referenceNumber=${answer.referenceNumber}`);
  await expect(page.getByRole("tab", { name: "To Do", exact: true })).toHaveAttribute("aria-selected", "true");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: answer.referenceNumber, exact: true }) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Intake-Tessier");
  await expect(row).toContainText("Action Required");
});

test("the OpenAPI document describes the intake API", async ({ request }) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  const doc = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toEqual(["/api/v1/transcript-requests", "/api/v1/transcript-requests/{requestNumber}/cancel"]);
});

test("an OCAS administrator runs the end-of-semester release now and sees the run, in both languages", async ({ page, loginAs, axe }) => {
  await loginAs(page, DEMO_ACCOUNTS.admin.username, DEMO_ACCOUNTS.admin.password);
  await page.goto("/en/admin");
  await page.getByRole("link", { name: /Background Jobs/ }).click();
  await expect(page).toHaveURL(/\/en\/admin\/jobs$/);
  await expect(page.getByRole("heading", { level: 1, name: "Background Jobs" })).toBeVisible();
  const job = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /Release Send at End of Semester requests/ }) });
  // When it runs, in words: no cron line, no function id.
  await expect(job).toContainText("Every day at 06:00, Toronto time");
  await expect(page.getByRole("heading", { level: 2, name: "Waiting Now" })).toBeVisible();
  await expect(page.getByText("Events not yet handed on")).toBeVisible();

  await job.getByRole("button", { name: "Run Now: Release Send at End of Semester requests", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "ran successfully" })).toBeVisible();
  const run = page
    .getByRole("table", { name: "The latest runs, newest first" })
    .getByRole("row")
    .filter({ hasText: `Run Now by ${DEMO_ACCOUNTS.admin.username}` })
    .first();
  await expect(run).toContainText("Succeeded");
  expect(await axe(page)).toEqual([]);

  await page.goto("/fr/admin/jobs");
  await expect(page.getByRole("heading", { level: 1, name: "Tâches d'arrière-plan" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Exécuter maintenant : Libérer les demandes/ })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "En attente maintenant" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Rapprochement du travail d'arrière-plan" }).first()).toContainText("Toutes les 5 minutes");
  // The failed runs, one click away; none in the demo.
  await page.getByRole("link", { name: "Échouées", exact: true }).click();
  await expect(page).toHaveURL(/\/fr\/admin\/jobs\?view=failed$/);
  await expect(page.getByText("Aucune exécution dans cet état.")).toBeVisible();
  expect(await axe(page)).toEqual([]);
});

test("the background jobs page is not found for a board administrator", async ({ page, loginAs }) => {
  await loginAs(page, DEMO_ACCOUNTS.board.username, DEMO_ACCOUNTS.board.password);
  await page.goto("/en/admin");
  await expect(page.getByRole("link", { name: /Background Jobs/ })).toHaveCount(0);
  await page.goto("/en/admin/jobs");
  await expect(page.getByRole("heading", { level: 1, name: "Page Not Found" })).toBeVisible();
});
