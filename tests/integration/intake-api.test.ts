import { beforeAll, describe, expect, it, vi } from "vitest";

// The intake API (contracts §5) through its real route handlers and a real database.

const KEY = vi.hoisted(() => {
  const key = "test-intake-key-0123456789";
  process.env.INTAKE_API_KEY = key;
  return key;
});

import { POST as cancelPost } from "@/app/api/v1/transcript-requests/[requestNumber]/cancel/route";
import { GET as openApiGet } from "@/app/api/v1/openapi.json/route";
import { POST as intakePost } from "@/app/api/v1/transcript-requests/route";
import { db } from "@/lib/db";
import { IntakeRequestSchema } from "@/lib/server/intake/intake-schema";
import { seedDemo } from "./helpers/seeded";
import { intakeBodies } from "./helpers/intake-body";

const URL_BASE = "http://localhost:3000/api/v1/transcript-requests";
const body = intakeBodies(700_000_000);

function post(payload: unknown, options: { key?: string | null; headers?: Record<string, string>; raw?: string } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json", ...options.headers };
  const key = options.key === undefined ? KEY : options.key;
  if (key !== null) headers.authorization = `Bearer ${key}`;
  return intakePost(new Request(URL_BASE, { method: "POST", headers, body: options.raw ?? JSON.stringify(payload) }));
}

function cancel(requestNumber: string, key: string | null = KEY) {
  const headers: Record<string, string> = key === null ? {} : { authorization: `Bearer ${key}` };
  return cancelPost(new Request(`${URL_BASE}/${requestNumber}/cancel`, { method: "POST", headers }), {
    params: Promise.resolve({ requestNumber }),
  });
}

async function json(response: Response) {
  return (await response.json()) as Record<string, unknown>;
}

beforeAll(async () => {
  await seedDemo();
});

describe("authentication", () => {
  it.each([
    ["no Authorization header", null],
    ["a wrong key", "wrong-key-0123456789"],
    ["a key that is a prefix of the right one", KEY.slice(0, -1)],
  ])("refuses %s with 401 and creates nothing", async (_case, key) => {
    const payload = body();
    const response = await post(payload, { key });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await json(response)).toMatchObject({ error: "unauthorized" });
    expect(await db.transcriptRequest.count({ where: { requestNumber: payload.requestNumber } })).toBe(0);
  });

  it("refuses a non-Bearer scheme", async () => {
    const response = await post(body(), { key: null, headers: { authorization: `Basic ${KEY}` } });
    expect(response.status).toBe(401);
  });

  it("answers 503 when no key is configured", async () => {
    vi.resetModules();
    const saved = process.env.INTAKE_API_KEY;
    delete process.env.INTAKE_API_KEY;
    try {
      const fresh = await import("@/app/api/v1/transcript-requests/route");
      const response = await fresh.POST(
        new Request(URL_BASE, { method: "POST", headers: { authorization: "Bearer anything-at-all-123" }, body: JSON.stringify(body()) }),
      );
      expect(response.status).toBe(503);
      expect(await json(response)).toMatchObject({ error: "intake_disabled" });
    } finally {
      process.env.INTAKE_API_KEY = saved;
    }
  });
});

describe("validation", () => {
  it("refuses a body that is not JSON", async () => {
    const response = await post(null, { raw: '{"requestNumber": ' });
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({ error: "invalid_json" });
  });

  it("refuses a JSON value that is not an object", async () => {
    const response = await post([1, 2]);
    expect(response.status).toBe(400);
    expect(await json(response)).toEqual({ error: "validation", fieldErrors: { body: ["must be a JSON object"] } });
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>, string]>([
    ["an impossible date of birth", {}, { dateOfBirth: "2004-02-30" }, "applicant.dateOfBirth"],
    ["a date of birth that is not YYYY-MM-DD", {}, { dateOfBirth: "17/05/2004" }, "applicant.dateOfBirth"],
    ["a paidAt without an offset", { paidAt: "2026-01-15T14:03:00" }, {}, "paidAt"],
    ["a paidAt that is not a date-time", { paidAt: "yesterday" }, {}, "paidAt"],
    ["an OEN of 8 digits", {}, { oen: "12345678" }, "applicant.oen"],
    ["a bad email", {}, { email: "not-an-email" }, "applicant.email"],
    ["an unknown language", {}, { preferredLanguage: "de" }, "applicant.preferredLanguage"],
    ["an unknown gender", {}, { gender: "OTHER" }, "applicant.gender"],
    ["an unknown request type", { requestType: "COPY" }, {}, "requestType"],
    ["a month 13", { lastAttended: "2022-13" }, {}, "lastAttended"],
    ["no destination", { destinations: [] }, {}, "destinations"],
    ["a destination listed twice", { destinations: ["SENE", "ALGO", "SENE"] }, {}, "destinations.2"],
    ["a lower-case college code", { destinations: ["sene"] }, {}, "destinations.0"],
    ["a MIDENT of 5 digits", { schoolMident: "99999" }, {}, "schoolMident"],
    ["a request number with letters", { requestNumber: "12AB" }, {}, "requestNumber"],
    ["END_OF_SEMESTER without sendAfter", { sendOption: "END_OF_SEMESTER", sendAfter: null }, {}, "sendAfter"],
    ["SEND_NOW with a sendAfter", { sendOption: "SEND_NOW", sendAfter: "2026-06-30" }, {}, "sendAfter"],
    ["an unknown field", { priority: "high" }, {}, "priority"],
    ["an unknown applicant field", {}, { nickname: "Emi" }, "applicant.nickname"],
    ["an empty first name", {}, { firstName: "  " }, "applicant.firstName"],
  ])("refuses %s with the field's error", async (_case, overrides, applicant, field) => {
    const payload = body(overrides, applicant);
    const response = await post(payload);
    expect(response.status).toBe(400);
    const answer = await json(response);
    expect(answer.error).toBe("validation");
    expect(Object.keys(answer.fieldErrors as object)).toContain(field);
    expect(await db.transcriptRequest.count({ where: { requestNumber: String(payload.requestNumber) } })).toBe(0);
  });

  it("names a missing field as required, and reports several fields at once", async () => {
    const payload: Record<string, unknown> = body({}, { dateOfBirth: "2004-13-01" });
    delete payload.accountNumber;
    const response = await post(payload);
    expect(response.status).toBe(400);
    const { fieldErrors } = (await json(response)) as { fieldErrors: Record<string, string[]> };
    expect(fieldErrors.accountNumber).toEqual(["is required"]);
    expect(fieldErrors["applicant.dateOfBirth"]).toEqual(["is not a real calendar date"]);
  });

  it("refuses a body over 64 KB with 413, by its bytes or by its Content-Length", async () => {
    const big = body({}, { firstName: "x".repeat(70 * 1024) });
    expect((await post(big)).status).toBe(413);
    const declared = await post(body(), { headers: { "content-length": String(10 * 1024 * 1024) } });
    expect(declared.status).toBe(413);
    expect(await json(declared)).toMatchObject({ error: "payload_too_large" });
  });

  it("refuses an unknown school or college with 422 naming them", async () => {
    const payload = body({ schoolMident: "123456", destinations: ["SENE", "ZZZZ"] });
    const response = await post(payload);
    expect(response.status).toBe(422);
    const answer = await json(response);
    expect(answer).toMatchObject({
      error: "unknown_reference",
      fieldErrors: { schoolMident: ["unknown school MIDENT 123456"], "destinations.1": ["unknown college code ZZZZ"] },
    });
    expect(answer.message).toContain("123456");
    expect(answer.message).toContain("ZZZZ");
    expect(await db.transcriptRequest.count({ where: { requestNumber: payload.requestNumber } })).toBe(0);
  });
});

describe("creating a request", () => {
  it("answers 201 with a new reference and stores the request, applicant, destinations and timeline", async () => {
    const payload = body({}, { firstName: "  Émilie ", middleName: "Anne", oen: "123-456-782".replace(/-/g, "") });
    const response = await post(payload);
    expect(response.status).toBe(201);
    const answer = await json(response);
    expect(answer).toEqual({ referenceNumber: expect.stringMatching(/^REF-\d{8}$/), status: "ACTION_REQUIRED" });

    const request = await db.transcriptRequest.findUniqueOrThrow({
      where: { requestNumber: payload.requestNumber },
      include: { applicant: true, school: true, destinations: { include: { college: true } }, events: true },
    });
    expect(request.referenceNumber).toBe(answer.referenceNumber);
    expect(request).toMatchObject({
      status: "ACTION_REQUIRED",
      tab: "TODO",
      requestType: "ORIGINAL",
      sendOption: "SEND_NOW",
      sendAfter: null,
      lastAttended: "2022-06",
      firstName: "Émilie",
      lastName: "Tremblay",
      firstNameFolded: "emilie",
      lastNameFolded: "tremblay",
      oen: "123456782",
      accountNumber: payload.accountNumber,
      boardId: request.school.boardId,
      intakeHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(request.paidAt.toISOString()).toBe("2026-01-15T19:03:00.000Z");
    expect(request.school.mident).toBe("999999");
    expect(request.destinations.map((d) => d.college.code).sort()).toEqual(["ALGO", "SENE"]);
    expect(request.events).toEqual([expect.objectContaining({ type: "created", actorLabel: "intake-api", actorId: null })]);
    expect(request.applicant).toMatchObject({
      accountNumber: payload.accountNumber,
      firstName: "Émilie",
      middleName: "Anne",
      dateOfBirth: "2004-05-17",
      gender: "FEMALE",
      oen: "123456782",
      email: "emilie@example.org",
      preferredLanguage: "fr",
    });
    // Its event was written with it, in the outbox (contracts §6).
    const event = await db.outboxEvent.findUniqueOrThrow({ where: { id: `request-created-${request.id}` } });
    expect(event).toMatchObject({ name: "transcript/request.created", subject: `request:${request.id}` });
    expect(JSON.parse(event.data)).toEqual({ requestId: request.id, referenceNumber: request.referenceNumber, boardId: request.boardId });
  });

  it("stores a Send at End of Semester date as the start of that Toronto day", async () => {
    const payload = body({ sendOption: "END_OF_SEMESTER", sendAfter: "2026-06-30" });
    expect((await post(payload)).status).toBe(201);
    const request = await db.transcriptRequest.findUniqueOrThrow({ where: { requestNumber: payload.requestNumber } });
    expect(request.sendOption).toBe("END_OF_SEMESTER");
    expect(request.sendAfter?.toISOString()).toBe("2026-06-30T04:00:00.000Z");
  });

  it("treats OEN 000000000 as unknown", async () => {
    const payload = body({}, { oen: "000000000" });
    expect((await post(payload)).status).toBe(201);
    const request = await db.transcriptRequest.findUniqueOrThrow({ where: { requestNumber: payload.requestNumber }, include: { applicant: true } });
    expect(request.oen).toBeNull();
    expect(request.applicant.oen).toBeNull();
  });

  it("answers the same 201 for the same body again (whatever the key order) and creates nothing", async () => {
    const payload = body();
    const first = await json(await post(payload));
    const reordered = Object.fromEntries(Object.entries(payload).reverse());
    const again = await post(reordered, { raw: JSON.stringify(reordered, null, 2) });
    expect(again.status).toBe(201);
    expect(await json(again)).toEqual(first);
    expect(await db.transcriptRequest.count({ where: { requestNumber: payload.requestNumber } })).toBe(1);
    const request = await db.transcriptRequest.findUniqueOrThrow({ where: { requestNumber: payload.requestNumber }, include: { events: true } });
    expect(request.events).toHaveLength(1);
  });

  it("answers 409 for the same request number with a different body", async () => {
    const payload = body();
    expect((await post(payload)).status).toBe(201);
    const response = await post({ ...payload, destinations: ["SENE"] });
    expect(response.status).toBe(409);
    expect(await json(response)).toMatchObject({ error: "conflict" });
    const request = await db.transcriptRequest.findUniqueOrThrow({ where: { requestNumber: payload.requestNumber }, include: { destinations: true } });
    expect(request.destinations).toHaveLength(2);
  });

  it("answers both of two simultaneous identical calls with the same reference and stores one request", async () => {
    const payload = body();
    const responses = await Promise.all([post(payload), post(payload), post(payload)]);
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201]);
    const answers = await Promise.all(responses.map(json));
    expect(new Set(answers.map((a) => a.referenceNumber)).size).toBe(1);
    expect(await db.transcriptRequest.count({ where: { requestNumber: payload.requestNumber } })).toBe(1);
    expect(await db.applicant.count({ where: { accountNumber: payload.accountNumber } })).toBe(1);
  });

  it("finds the applicant by account number: same account, same applicant, contact details updated", async () => {
    const first = body();
    const second = body(
      { accountNumber: first.accountNumber, schoolMident: "999998", destinations: ["ALGO"] },
      { email: "emilie.new@example.org", phone: "416-555-0199", preferredLanguage: "en", firstName: "Emily" },
    );
    expect((await post(first)).status).toBe(201);
    expect((await post(second)).status).toBe(201);
    const requests = await db.transcriptRequest.findMany({
      where: { requestNumber: { in: [first.requestNumber, second.requestNumber] } },
      orderBy: { requestNumber: "asc" },
    });
    expect(requests).toHaveLength(2);
    expect(requests[0]!.applicantId).toBe(requests[1]!.applicantId);
    // Each request keeps the name it was made with.
    expect(requests.map((r) => r.firstName)).toEqual(["Émilie", "Emily"]);
    const applicant = await db.applicant.findUniqueOrThrow({ where: { accountNumber: first.accountNumber } });
    expect(applicant).toMatchObject({ firstName: "Émilie", email: "emilie.new@example.org", phone: "416-555-0199", preferredLanguage: "en" });
    expect(await db.applicant.count({ where: { accountNumber: first.accountNumber } })).toBe(1);
  });

  it("gives every request its own reference number", async () => {
    const payloads = Array.from({ length: 5 }, () => body());
    const answers = await Promise.all(payloads.map(async (p) => json(await post(p))));
    expect(new Set(answers.map((a) => a.referenceNumber)).size).toBe(5);
  });
});

describe("cancelling a request", () => {
  it("cancels an open request once, then answers the same again", async () => {
    const payload = body();
    const { referenceNumber } = await json(await post(payload));
    const before = await db.transcriptRequest.findUniqueOrThrow({ where: { requestNumber: payload.requestNumber } });

    const response = await cancel(payload.requestNumber);
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ referenceNumber, status: "REQUEST_CANCELLED" });
    const after = await db.transcriptRequest.findUniqueOrThrow({ where: { requestNumber: payload.requestNumber }, include: { events: true } });
    expect(after).toMatchObject({ status: "REQUEST_CANCELLED", tab: "COMPLETE", version: before.version + 1 });
    expect(after.completedAt).not.toBeNull();
    const cancelled = after.events.filter((e) => e.type === "cancelled");
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]).toMatchObject({ actorLabel: "intake-api" });
    expect(JSON.parse(cancelled[0]!.data!)).toMatchObject({ from: "ACTION_REQUIRED", to: "REQUEST_CANCELLED" });

    const again = await cancel(payload.requestNumber);
    expect(again.status).toBe(200);
    expect(await json(again)).toEqual({ referenceNumber, status: "REQUEST_CANCELLED" });
    const final = await db.transcriptRequest.findUniqueOrThrow({ where: { requestNumber: payload.requestNumber }, include: { events: true } });
    expect(final.version).toBe(after.version);
    expect(final.events.filter((e) => e.type === "cancelled")).toHaveLength(1);
  });

  it("refuses to cancel a complete request with 409", async () => {
    const complete = await db.transcriptRequest.findFirstOrThrow({ where: { status: "E_TRANSCRIPT_SENT" } });
    const response = await cancel(complete.requestNumber);
    expect(response.status).toBe(409);
    expect(await json(response)).toMatchObject({ error: "not_cancellable", status: "E_TRANSCRIPT_SENT" });
    const unchanged = await db.transcriptRequest.findUniqueOrThrow({ where: { id: complete.id } });
    expect(unchanged.status).toBe("E_TRANSCRIPT_SENT");
    expect(unchanged.version).toBe(complete.version);
  });

  it("answers 404 for an unknown or malformed request number", async () => {
    expect((await cancel("123")).status).toBe(404);
    expect((await cancel("not-a-number")).status).toBe(404);
  });

  it("requires the key", async () => {
    const open = await db.transcriptRequest.findFirstOrThrow({ where: { status: "ACTION_REQUIRED" } });
    expect((await cancel(open.requestNumber, null)).status).toBe(401);
    expect((await cancel(open.requestNumber, "wrong-key-0123456789")).status).toBe(401);
    expect((await db.transcriptRequest.findUniqueOrThrow({ where: { id: open.id } })).status).toBe("ACTION_REQUIRED");
  });
});

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 JSON naming both endpoints and every field of the request", async () => {
    const response = openApiGet();
    expect(response.status).toBe(200);
    const doc = (await response.json()) as {
      openapi: string;
      paths: Record<string, { post?: unknown }>;
      components: {
        schemas: {
          TranscriptRequest: { properties: Record<string, unknown>; required: string[]; additionalProperties: boolean };
          Applicant: { properties: object };
        };
      };
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(["/api/v1/transcript-requests", "/api/v1/transcript-requests/{requestNumber}/cancel"]);
    expect(doc.paths["/api/v1/transcript-requests"]!.post).toBeDefined();
    expect(doc.paths["/api/v1/transcript-requests/{requestNumber}/cancel"]!.post).toBeDefined();
    // The document is rendered from the schema the code enforces (z.toJSONSchema): fields, required ones, no others.
    const request = doc.components.schemas.TranscriptRequest;
    expect(Object.keys(request.properties).sort()).toEqual(Object.keys(IntakeRequestSchema.shape).sort());
    expect(Object.keys(doc.components.schemas.Applicant.properties).sort()).toEqual(Object.keys(IntakeRequestSchema.shape.applicant.shape).sort());
    expect(request.required).toEqual(expect.arrayContaining(["requestNumber", "paidAt", "applicant", "destinations"]));
    expect(request.required).not.toContain("sendAfter");
    expect(request.additionalProperties).toBe(false);
    expect(request.properties.applicant).toEqual({ $ref: "#/components/schemas/Applicant" });
    expect(request.properties.schoolMident).toMatchObject({ type: "string", pattern: "^\\d{6}$" });
  });
});
