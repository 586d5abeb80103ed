import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS, E2E_INTAKE_API_KEY, LOGIN_LABELS, loginAs } from "../e2e/fixtures";

// The security suite's HTTP checks (docs/decisions/0020), against the real server: headers, redirects that never
// leave the host, a copied cookie after sign-out, a body over the limit. Findings 1, 3, 8 and 9 of the attack.

test.describe("headers", () => {
  test("a page carries a nonce Content-Security-Policy, and its scripts carry the nonce", async ({ request }) => {
    const response = await request.get("/en/login");
    expect(response.status()).toBe(200);
    const csp = response.headers()["content-security-policy"] ?? "";
    const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1] ?? "";
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
    expect(nonce).toBeTruthy();
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes).toContain(`nonce="${nonce}"`);
    // A fresh nonce per response.
    const again = (await request.get("/en/login")).headers()["content-security-policy"];
    expect(again).not.toBe(csp);
    // No HSTS over plain http (it would lock a plain-http deployment out).
    expect(response.headers()["strict-transport-security"]).toBeUndefined();
  });

  test("the page still works under its policy", async ({ page }) => {
    const blocked: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to (execute|load)/i.test(m.text())) blocked.push(m.text());
    });
    await loginAs(page, DEMO_ACCOUNTS.school.username, DEMO_ACCOUNTS.school.password, "en");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(blocked).toEqual([]);
  });

  test("an API answer allows nothing to run", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.headers()["content-security-policy"]).toContain("default-src 'none'");
  });
});

test.describe("redirects", () => {
  test("the language switch redirects with a relative path, and never to another host", async ({ request }) => {
    for (const next of ["/en/..//evil.example/x", "//evil.example/en", "/en/%2e%2e//evil.example", "https://evil.example/en"]) {
      const response = await request.get(`/api/language?to=fr&next=${encodeURIComponent(next)}`, { maxRedirects: 0 });
      expect(response.status()).toBe(303);
      expect(response.headers()["location"]).toBe("/fr/requests");
    }
    const kept = await request.get(`/api/language?to=fr&next=${encodeURIComponent("/fr/requests?tab=complete")}`, { maxRedirects: 0 });
    expect(kept.headers()["location"]).toBe("/fr/requests?tab=complete");
  });

  test("the language is saved by a POST from this app only", async ({ request }) => {
    const foreign = await request.post("/api/language", { form: { to: "fr", next: "/fr" }, headers: { origin: "https://evil.example" }, maxRedirects: 0 });
    expect(foreign.status()).toBe(403);
  });

  test("a signed-out visitor is sent to sign in by a relative path", async ({ request }) => {
    const response = await request.get("/en/requests?tab=complete", { maxRedirects: 0 });
    expect(response.status()).toBe(307);
    expect(response.headers()["location"]).toBe(`/en/login?callbackUrl=${encodeURIComponent("/en/requests?tab=complete")}`);
  });

  test("a callbackUrl that leaves the host after normalising is not followed", async ({ page }) => {
    const labels = LOGIN_LABELS.en;
    await page.goto(`/en/login?callbackUrl=${encodeURIComponent("/en/..//evil.example/x")}`);
    await page.getByLabel(labels.username, { exact: true }).fill(DEMO_ACCOUNTS.school.username);
    await page.getByLabel(labels.password, { exact: true }).fill(DEMO_ACCOUNTS.school.password);
    await page.getByRole("button", { name: labels.submit, exact: true }).click();
    await page.waitForURL(/\/en\/requests/);
    expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
  });
});

test.describe("sessions", () => {
  test("a copy of the session cookie signs no one in once its owner signed out", async ({ page, browser }) => {
    await loginAs(page, DEMO_ACCOUNTS.board.username, DEMO_ACCOUNTS.board.password, "en");
    const copied = await page.context().cookies();
    await page.getByRole("button", { name: "Sign Out", exact: true }).click();
    await page.waitForURL(/\/en\/login/);

    const thief = await browser.newContext();
    await thief.addCookies(copied);
    const stolen = await thief.newPage();
    await stolen.goto("/en/requests");
    await expect(stolen).toHaveURL(/\/en\/login/);
    const api = await thief.request.get("/api/requests/changes");
    expect(api.status()).toBe(401);
    await thief.close();
  });
});

test.describe("limits", () => {
  test("a form body over the limit is answered 413 in the page's language, not 500", async ({ request }) => {
    const big = Buffer.alloc(11 * 1024 * 1024, 0x61);
    const fr = await request.post("/fr/requests", { data: big, headers: { "content-type": "multipart/form-data; boundary=x" } });
    expect(fr.status()).toBe(413);
    expect(await fr.text()).toContain("Le fichier dépasse");
    const en = await request.post("/en/requests", { data: big, headers: { "content-type": "multipart/form-data; boundary=x", "next-action": "x" } });
    expect(en.status()).toBe(413);
    expect(await en.text()).toBe("The file is larger than 5 MB.");
  });
});

test.describe("hostile names in pages", () => {
  test("a name that is markup is shown as text, and nothing runs", async ({ page, request }) => {
    const requestNumber = `8${String(Date.now()).slice(-8)}`;
    const firstName = `<img src=x onerror="alert(1)">`;
    const created = await request.post("/api/v1/transcript-requests", {
      headers: { Authorization: `Bearer ${E2E_INTAKE_API_KEY}` },
      data: {
        requestNumber,
        accountNumber: `7${requestNumber}`,
        requestType: "ORIGINAL",
        paidAt: new Date().toISOString(),
        sendOption: "SEND_NOW",
        sendAfter: null,
        schoolMident: "999999",
        lastAttended: "2023-06",
        applicant: {
          firstName,
          lastName: `=HYPERLINK("https://evil.example")`,
          middleName: null,
          formerLastName: null,
          dateOfBirth: "2005-03-09",
          gender: "FEMALE",
          oen: null,
          studentNumber: null,
          email: "hostile.page@example.org",
          phone: null,
          preferredLanguage: "en",
        },
        destinations: ["SENE"],
      },
    });
    expect(created.status()).toBe(201);
    const { referenceNumber } = (await created.json()) as { referenceNumber: string };
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await loginAs(page, DEMO_ACCOUNTS.school.username, DEMO_ACCOUNTS.school.password, "en");
    await page.goto(`/en/requests/${referenceNumber}`);
    await expect(page.getByText(firstName, { exact: false }).first()).toBeVisible();
    expect(await page.locator("img[src=x]").count()).toBe(0);
    expect(dialogs).toEqual([]);
  });
});
