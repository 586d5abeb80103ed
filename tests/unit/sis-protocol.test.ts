import { describe, expect, it } from "vitest";
import { createLimiter } from "@/lib/sis/limiter";
import { buildSisQuery, isFinalAnswer, mapSisAnswer, sisBackoffMs } from "@/lib/sis/protocol";

// The Auto-TRMS protocol (contracts §2): what each answer of a board's SIS means.

const bytes = (s: string) => new TextEncoder().encode(s);
const json = (status: number, body: unknown) => ({ status, contentType: "application/json", body: bytes(JSON.stringify(body)) });

describe("mapSisAnswer", () => {
  it("takes a 200 with XML as a transcript, whatever the XML media type", () => {
    for (const contentType of ["application/xml", "application/xml; charset=utf-8", "text/xml", "application/pesc+xml"]) {
      const answer = mapSisAnswer({ status: 200, contentType, body: bytes("<HighSchoolTranscript/>") });
      expect(answer.kind, contentType).toBe("transcript");
    }
  });

  it("retries a 200 that is not XML or has no body (a proxy's page is not a transcript)", () => {
    expect(mapSisAnswer({ status: 200, contentType: "text/html", body: bytes("<html></html>") })).toEqual({ kind: "retry" });
    expect(mapSisAnswer({ status: 200, contentType: null, body: bytes("<x/>") })).toEqual({ kind: "retry" });
    expect(mapSisAnswer({ status: 200, contentType: "application/xml", body: new Uint8Array() })).toEqual({ kind: "retry" });
    expect(mapSisAnswer({ status: 200, contentType: "application/xmlfoo", body: bytes("<x/>") })).toEqual({ kind: "retry" });
  });

  it("maps each code the contract names", () => {
    expect(mapSisAnswer(json(404, { code: "STUDENT_NOT_FOUND" }))).toEqual({ kind: "notFound" });
    expect(mapSisAnswer(json(409, { code: "MULTIPLE_MATCHES" }))).toEqual({ kind: "multipleMatches" });
    expect(mapSisAnswer(json(422, { code: "NO_ACADEMIC_DATA" }))).toEqual({ kind: "noAcademicData" });
    expect(mapSisAnswer(json(422, { code: "FINANCIAL_HOLD" }))).toEqual({ kind: "financialHold" });
  });

  it("retries a code on the wrong status, an unknown code, a body that is not JSON and every other status", () => {
    for (const answer of [
      json(404, { code: "MULTIPLE_MATCHES" }),
      json(409, { code: "STUDENT_NOT_FOUND" }),
      json(422, { code: "SOMETHING_ELSE" }),
      json(404, {}),
      json(404, "STUDENT_NOT_FOUND"),
      { status: 404, contentType: "text/html", body: bytes("<h1>Not Found</h1>") },
      json(400, { code: "STUDENT_NOT_FOUND" }),
      json(500, { code: "STUDENT_NOT_FOUND" }),
      json(503, {}),
      json(302, {}),
      json(201, {}),
    ]) {
      expect(mapSisAnswer(answer), `${answer.status} ${new TextDecoder().decode(answer.body)}`).toEqual({ kind: "retry" });
    }
  });

  it("tells a refused secret apart, and retries it like any other answer", () => {
    expect(mapSisAnswer(json(401, { code: "UNAUTHORIZED" }))).toEqual({ kind: "unauthorized" });
    expect(mapSisAnswer(json(403, {}))).toEqual({ kind: "unauthorized" });
    expect(isFinalAnswer({ kind: "unauthorized" })).toBe(false);
    expect(isFinalAnswer({ kind: "retry" })).toBe(false);
    expect(isFinalAnswer({ kind: "notFound" })).toBe(true);
    expect(isFinalAnswer({ kind: "transcript", xml: bytes("<x/>") })).toBe(true);
  });
});

describe("buildSisQuery", () => {
  it("sends exactly the fields of contracts §2, the name and OEN as on the application", () => {
    const query = buildSisQuery({
      referenceNumber: "REF-45454545",
      requestType: "ORIGINAL",
      firstName: "Émilie",
      lastName: "Tremblay",
      oen: "123456782",
      lastAttended: "2022-06",
      applicant: { middleName: null, formerLastName: null, dateOfBirth: "2004-05-17", gender: "FEMALE", studentNumber: "331234567" },
      school: { mident: "904350" },
    });
    expect(query).toEqual({
      referenceNumber: "REF-45454545",
      requestType: "ORIGINAL",
      oen: "123456782",
      firstName: "Émilie",
      lastName: "Tremblay",
      middleName: null,
      formerLastName: null,
      dateOfBirth: "2004-05-17",
      gender: "FEMALE",
      studentNumber: "331234567",
      schoolMident: "904350",
      lastAttended: "2022-06",
    });
  });
});

describe("sisBackoffMs", () => {
  it("grows fourfold per retry, within ±20 %", () => {
    expect(sisBackoffMs(1, () => 0.5)).toBe(500);
    expect(sisBackoffMs(2, () => 0.5)).toBe(2000);
    expect(sisBackoffMs(3, () => 0.5)).toBe(8000);
    expect(sisBackoffMs(1, () => 0)).toBe(400);
    expect(sisBackoffMs(1, () => 0.999999)).toBe(600);
  });
});

describe("createLimiter", () => {
  it("runs at most `limit` calls per key at once, others in order, and keys apart", async () => {
    const limiter = createLimiter(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const gates: (() => void)[] = [];
    const work = (n: number) => () =>
      new Promise<number>((resolve) => {
        running++;
        peak = Math.max(peak, running);
        order.push(n);
        gates.push(() => {
          running--;
          resolve(n);
        });
      });
    const all = [1, 2, 3, 4, 5].map((n) => limiter.run("board-a", work(n)));
    const other = limiter.run("board-b", async () => "b");
    expect(await other).toBe("b");
    await Promise.resolve();
    expect(limiter.active("board-a")).toBe(2);
    while (gates.length > 0) {
      gates.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(await Promise.all(all)).toEqual([1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(limiter.active("board-a")).toBe(0);
  });

  it("frees the slot of a call that fails", async () => {
    const limiter = createLimiter(1);
    await expect(limiter.run("k", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await limiter.run("k", async () => 7)).toBe(7);
  });
});
