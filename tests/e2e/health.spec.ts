import { expect, test } from "./fixtures";

// The smoke test of the e2e setup: the production server is up and its database answers (contracts §1).
test("GET /api/health answers 200 with status ok", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok" });
});
