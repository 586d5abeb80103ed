import fs from "node:fs";
import { DEMO_ACCOUNTS, E2E_INTAKE_API_KEY, expect, test } from "./fixtures";

// Auto-TRMS end to end (product §6, contracts §2): a request arriving through the intake API for a school of the
// Auto-TRMS board (99998) is matched in the background against the SIS test double that playwright.config.ts starts
// beside the app. A student the double knows is Complete shortly after; one it does not know waits in To Do as
// Auto-Process Error, and the details page says why.

type SisRecord = { note: string; answer: string; oen: string | null; firstName: string; lastName: string; dateOfBirth: string; gender: string; mident: string };

/** What the double knows (tests/doubles/sis-data/records.json, planned from the demo data). */
function cleanRecord(): SisRecord {
  const { records } = JSON.parse(fs.readFileSync("tests/doubles/sis-data/records.json", "utf8")) as { records: SisRecord[] };
  const record = records.find((r) => r.answer === "transcript" && r.note.startsWith("a clean match") && r.mident === "999997" && r.oen);
  if (!record) throw new Error("the SIS double has no clean record for Aurora Collegiate");
  return record;
}

/** A valid OEN (check digit) that no seeded applicant has: they are drawn from 10000000 up, these from 0. */
function unknownOen(seed: number): string {
  const first8 = String(seed % 10_000_000).padStart(8, "0");
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const digit = Number(first8[7 - i]);
    const weighted = i % 2 === 0 ? digit * 2 : digit;
    sum += weighted > 9 ? weighted - 9 : weighted;
  }
  return first8 + String((10 - (sum % 10)) % 10);
}

function intakeBody(requestNumber: string, applicant: { firstName: string; lastName: string; dateOfBirth: string; gender: string; oen: string | null }) {
  return {
    requestNumber,
    accountNumber: `6${requestNumber.slice(-7)}`,
    requestType: "ORIGINAL",
    paidAt: new Date().toISOString(),
    sendOption: "SEND_NOW",
    sendAfter: null,
    // Aurora Collegiate, of the Auto-TRMS board (contracts §7).
    schoolMident: "999997",
    lastAttended: "2023-06",
    applicant: {
      ...applicant,
      middleName: null,
      formerLastName: null,
      studentNumber: null,
      email: "auto.trms@example.org",
      phone: null,
      preferredLanguage: "en",
    },
    destinations: ["SENE"],
  };
}

async function postRequest(request: import("@playwright/test").APIRequestContext, body: ReturnType<typeof intakeBody>) {
  const created = await request.post("/api/v1/transcript-requests", { headers: { Authorization: `Bearer ${E2E_INTAKE_API_KEY}` }, data: body });
  expect(created.status()).toBe(201);
  // The intake answers at once; matching happens in the background.
  const answer = (await created.json()) as { referenceNumber: string; status: string };
  expect(answer.status).toBe("ACTION_REQUIRED");
  return answer.referenceNumber;
}

test("a request whose student the board's SIS knows is completed by Auto-TRMS (en)", async ({ page, request, loginAs, axe }) => {
  const record = cleanRecord();
  const requestNumber = `8${String(Date.now()).slice(-8)}`;
  const { firstName, lastName, dateOfBirth, gender, oen } = record;
  const reference = await postRequest(request, intakeBody(requestNumber, { firstName, lastName, dateOfBirth, gender, oen }));

  await loginAs(page, DEMO_ACCOUNTS.otherBoard.username, DEMO_ACCOUNTS.otherBoard.password);
  const status = page.getByRole("region", { name: "Current Status" });
  await expect(async () => {
    await page.goto(`/en/requests/${reference}`);
    await expect(status).toContainText("E-Transcript Sent", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(status).toContainText("Complete");
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline).toContainText("Auto-TRMS");
  await expect(timeline).toContainText("E-Transcript Sent");
  expect(await axe(page)).toEqual([]);
});

test("a request whose student the SIS does not know waits in To Do as Auto-Process Error, with the reason (en, fr)", async ({ page, request, loginAs }) => {
  const stamp = Date.now();
  const oen = unknownOen(stamp);
  const requestNumber = `7${String(stamp).slice(-8)}`;
  const reference = await postRequest(
    request,
    intakeBody(requestNumber, { firstName: "Inconnue", lastName: `Sansdossier-${stamp % 100_000}`, dateOfBirth: "2006-02-03", gender: "FEMALE", oen }),
  );

  await loginAs(page, DEMO_ACCOUNTS.otherBoard.username, DEMO_ACCOUNTS.otherBoard.password);
  const status = page.getByRole("region", { name: "Current Status" });
  await expect(async () => {
    await page.goto(`/en/requests/${reference}`);
    await expect(status).toContainText("Auto-Process Error", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(status).toContainText("To Do");
  await expect(status).toContainText("Why this request could not be processed automatically");
  await expect(status).toContainText(`matched OEN ${oen}`);
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText("Auto-TRMS");

  // In the dashboard's To Do.
  await page.goto(`/en/requests?tab=todo&referenceNumber=${reference}`);
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: reference, exact: true }) });
  await expect(row).toContainText("Auto-Process Error");

  await page.goto(`/fr/requests/${reference}`);
  const statut = page.getByRole("region", { name: "État actuel" });
  await expect(statut).toContainText("Erreur d'autotraitement");
  await expect(statut).toContainText(`ne correspond au NISO ${oen}`);
});
