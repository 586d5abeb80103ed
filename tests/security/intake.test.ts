import { beforeAll, describe, expect, it, vi } from "vitest";

// Finding 6 of the attack on the demo (docs/decisions/0020): dates the service cannot have seen, keys that are the
// names of Object's own properties, and names made of control or invisible characters are refused with a 400 that
// names the field — never a 500, never a request that breaks a page.

const KEY = vi.hoisted(() => {
  const key = "test-intake-key-0123456789";
  process.env.INTAKE_API_KEY = key;
  return key;
});

import { POST as intakePost } from "@/app/api/v1/transcript-requests/route";
import { db } from "@/lib/db";
import { unsafeTextProblem } from "@/lib/domain/safe-text";
import { seedDemo } from "../integration/helpers/seeded";
import { intakeBodies } from "../integration/helpers/intake-body";

const body = intakeBodies(810_000_000);

async function post(raw: string) {
  const response = await intakePost(
    new Request("http://localhost:3000/api/v1/transcript-requests", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${KEY}` },
      body: raw,
    }),
  );
  return { status: response.status, json: (await response.json()) as { fieldErrors?: Record<string, string[]> } };
}

beforeAll(async () => {
  await seedDemo();
});

describe("intake dates", () => {
  it.each([
    ["0050-01-15T14:03:00Z", "paidAt"],
    ["1000-01-15T14:03:00Z", "paidAt"],
    ["1999-12-30T00:00:00Z", "paidAt"],
    ["2999-01-15T14:03:00Z", "paidAt"],
  ])("refuses paidAt %s", async (paidAt, field) => {
    const t0 = performance.now();
    const { status, json } = await post(JSON.stringify(body({ paidAt })));
    expect(status).toBe(400);
    expect(json.fieldErrors?.[field]?.[0]).toMatch(/between 2000-01-01 and now/);
    // Refused before any business-day counting.
    expect(performance.now() - t0).toBeLessThan(2_000);
  });

  it("refuses a send-after date years ahead, and a last-attended month of another age", async () => {
    const far = await post(JSON.stringify(body({ sendOption: "END_OF_SEMESTER", sendAfter: "2999-06-30" })));
    expect(far.status).toBe(400);
    expect(far.json.fieldErrors?.sendAfter).toBeDefined();
    const old = await post(JSON.stringify(body({ lastAttended: "0050-06" })));
    expect(old.status).toBe(400);
    expect(old.json.fieldErrors?.lastAttended).toBeDefined();
  });

  it("accepts a request paid today", async () => {
    const { status } = await post(JSON.stringify(body({ paidAt: new Date().toISOString() })));
    expect(status).toBe(201);
  });
});

describe("intake keys", () => {
  it.each(["constructor", "__proto__", "toString", "hasOwnProperty", "prototype"])("answers 400 naming the unknown field %s", async (key) => {
    const raw = JSON.stringify(body()).replace(/^\{/, `{"${key}": {"polluted": true},`);
    const { status, json } = await post(raw);
    expect(status).toBe(400);
    expect(json.fieldErrors?.[key]).toEqual(["is not a field of this API"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("answers 400 for the same keys inside the applicant", async () => {
    const raw = JSON.stringify(body()).replace('"applicant":{', '"applicant":{"__proto__":{"x":1},"constructor":1,');
    const { status, json } = await post(raw);
    expect(status).toBe(400);
    expect(Object.keys(json.fieldErrors ?? {})).toEqual(expect.arrayContaining(["applicant.__proto__", "applicant.constructor"]));
  });
});

describe("intake names", () => {
  it.each([
    ["a NUL", "Emi\u0000lie"],
    ["a line break", "Emi\nlie"],
    ["a right-to-left override", "Emi\u202Elie"],
    ["an isolate", "\u2066Emilie"],
    ["only zero-width characters", "\u200B\u200C\u200D\uFEFF"],
  ])("refuses a first name with %s", async (_what, firstName) => {
    const before = await db.transcriptRequest.count();
    const { status, json } = await post(JSON.stringify(body({}, { firstName })));
    expect(status).toBe(400);
    expect(json.fieldErrors?.["applicant.firstName"]).toBeDefined();
    expect(await db.transcriptRequest.count()).toBe(before);
  });

  it("keeps names in every alphabet and with their marks", () => {
    for (const name of ["Émilie", "O'Brien-Lévesque", "Nguyễn", "Ｚ", "Zoë", "李", "ᐃᓄᒃᑎᑐᑦ"]) expect(unsafeTextProblem(name)).toBeNull();
  });
});
