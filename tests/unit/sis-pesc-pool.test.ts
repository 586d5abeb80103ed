import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkTranscript, configurePescPool, pescPoolStats, pescWorkerCount } from "@/lib/sis/pesc-pool";
import { referenceVerdict } from "./helpers/reference-verdict";

// The PESC check of Auto-TRMS answers on a worker thread gives the contract's verdict, and does run on the worker.

const PESC = fs.readFileSync(path.resolve("tests/fixtures/pesc/ontario-highschool-transcript.xml"));
const REQUEST = {
  referenceNumber: "REF-45454545",
  firstName: "Senior",
  lastName: "Student",
  dateOfBirth: "1987-05-16",
  gender: "MALE",
  oen: "999999999",
};
// A fresh copy each time: the pool moves the bytes to the worker.
const bytes = (text?: string) => (text === undefined ? new Uint8Array(PESC) : new TextEncoder().encode(text));

describe("PESC check on a worker thread", () => {
  it("uses one worker per core, at most two, and none on a single core", () => {
    expect([1, 2, 3, 8].map((cores) => pescWorkerCount(cores))).toEqual([0, 2, 2, 2]);
  });

  it("gives the same verdict as the check on the main thread", async () => {
    configurePescPool({ workers: 1 });
    const cases: [string | undefined, typeof REQUEST][] = [
      [undefined, REQUEST],
      [undefined, { ...REQUEST, dateOfBirth: "1987-05-17" }],
      [undefined, { ...REQUEST, firstName: "Junior", gender: "FEMALE" }],
      ["<Transcript><Student>x</Student></Transcript>", REQUEST],
      ['<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', REQUEST],
    ];
    const before = pescPoolStats();
    const verdicts = await Promise.all(cases.map(([text, request]) => checkTranscript(bytes(text), request)));
    verdicts.forEach((verdict, i) => {
      const [text, request] = cases[i]!;
      const expected = referenceVerdict(bytes(text), request);
      if (expected.outcome === "MATCHED") {
        // The bytes come back as sent (they are what is stored), with their digest.
        const sent = bytes(text);
        expect(verdict).toEqual({
          outcome: "MATCHED",
          bytes: sent,
          sha256: crypto.createHash("sha256").update(sent).digest("hex"),
          comparisons: expected.comparisons,
        });
      } else {
        expect(verdict).toEqual(expected);
      }
    });
    expect(verdicts.map((v) => v.outcome)).toEqual(["MATCHED", "DIFFERENCES", "DIFFERENCES", "INVALID_TRANSCRIPT", "INVALID_TRANSCRIPT"]);
    const after = pescPoolStats();
    expect(after.workers).toBe(1);
    expect(after.worker - before.worker).toBe(cases.length);
    expect(after.inline - before.inline).toBe(0);
  });
});
