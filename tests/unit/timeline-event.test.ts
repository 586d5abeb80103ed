import { describe, expect, it } from "vitest";
import { actorLabelKey, readTimelineEvent } from "@/lib/domain/timeline-event";

const EMPTY = { from: null, to: null, action: null, reason: null, note: null, email: null, repair: null, transmission: null, accepted: null };

describe("readTimelineEvent", () => {
  it("names the differences the user accepted on the validation screen", () => {
    const data = JSON.stringify({
      fileId: "f1",
      comparison: { clean: false, fields: { firstName: "minor", lastName: "different", dateOfBirth: "same", gender: "missing", oen: "same" } },
    });
    expect(readTimelineEvent("validated", data).accepted).toEqual(["lastName", "gender"]);
    const clean = JSON.stringify({ comparison: { clean: true, fields: { firstName: "same", lastName: "same" } } });
    expect(readTimelineEvent("validated", clean).accepted).toEqual([]);
    // An old or malformed row: nothing claimed.
    expect(readTimelineEvent("validated", JSON.stringify({ comparison: "x" })).accepted).toBeNull();
    expect(readTimelineEvent("validated", JSON.stringify({ comparison: { fields: { __proto__: "different", constructor: "different" } } })).accepted).toEqual(
      [],
    );
  });

  it("reads the seed's and intake's rows", () => {
    expect(readTimelineEvent("created", null)).toEqual({ type: "created", ...EMPTY });
    expect(
      readTimelineEvent(
        "status_changed",
        JSON.stringify({ from: "ACTION_REQUIRED", to: "AUTO_PROCESS_ERROR", reason: { key: "sisNotFound", oen: "123456782" } }),
      ),
    ).toEqual({ ...EMPTY, type: "status_changed", from: "ACTION_REQUIRED", to: "AUTO_PROCESS_ERROR", reason: { key: "sisNotFound", oen: "123456782" } });
  });

  it("reads actions, emails and cancellations", () => {
    expect(readTimelineEvent("action", JSON.stringify({ action: "FINANCIAL_HOLD", from: "ACTION_REQUIRED", to: "FINANCIAL_HOLD", version: 1 }))).toEqual({
      ...EMPTY,
      type: "action",
      action: "FINANCIAL_HOLD",
      from: "ACTION_REQUIRED",
      to: "FINANCIAL_HOLD",
    });
    expect(readTimelineEvent("email_sent", JSON.stringify({ template: "financialHold", to: "s•••@example.org", outboxId: "x", status: "OUTBOX" }))).toEqual({
      ...EMPTY,
      type: "email_sent",
      email: { template: "financialHold", to: "s•••@example.org", failed: false },
    });
    expect(readTimelineEvent("email_sent", JSON.stringify({ template: "studentNotFound", status: "FAILED" })).email).toEqual({
      template: "studentNotFound",
      to: null,
      failed: true,
    });
    // Queued with the action, then sent or failed: the same email on each row.
    for (const type of ["email_queued", "email_failed"]) {
      expect(
        readTimelineEvent(type, JSON.stringify({ template: "financialHold", to: "s•••@example.org", status: type === "email_failed" ? "FAILED" : "QUEUED" }))
          .email,
      ).toEqual({
        template: "financialHold",
        to: "s•••@example.org",
        failed: type === "email_failed",
      });
    }
    expect(readTimelineEvent("cancelled", JSON.stringify({ from: "FINANCIAL_HOLD", to: "REQUEST_CANCELLED", note: "Withdrew <b>application</b>" }))).toEqual({
      ...EMPTY,
      type: "cancelled",
      from: "FINANCIAL_HOLD",
      to: "REQUEST_CANCELLED",
      note: "Withdrew <b>application</b>",
    });
  });

  it("reads what the reconciler started again, and nothing it does not know", () => {
    expect(readTimelineEvent("repaired", JSON.stringify({ repair: "processTranscript", of: "file1", attempt: 1 }))).toEqual({
      ...EMPTY,
      type: "repaired",
      repair: "processTranscript",
    });
    expect(readTimelineEvent("repaired", JSON.stringify({ repair: "toString" })).repair).toBeNull();
    expect(readTimelineEvent("status_changed", JSON.stringify({ repair: "email" })).repair).toBeNull();
  });

  it("shows unknown types and malformed data as plain entries", () => {
    expect(readTimelineEvent("delivered_somewhere", '{"collegeCode":"SENE"}')).toEqual({ type: "other", ...EMPTY });
    // A transmission row without a college shows as a plain entry of its type.
    expect(readTimelineEvent("transmitted", '{"collegeCode":"SENE"}')).toEqual({ type: "transmitted", ...EMPTY });
    expect(readTimelineEvent("action", "{not json")).toEqual({ type: "action", ...EMPTY });
    expect(readTimelineEvent("action", "[1,2]")).toEqual({ type: "action", ...EMPTY });
    expect(readTimelineEvent("action", JSON.stringify({ action: "DROP TABLE", from: "NOPE", to: 3 }))).toEqual({ type: "action", ...EMPTY });
    expect(readTimelineEvent("status_changed", JSON.stringify({ reason: "free text" }))).toMatchObject({ reason: null, note: "free text" });
    expect(readTimelineEvent("email_sent", JSON.stringify({ to: "x" })).email).toBeNull();
    expect(readTimelineEvent("cancelled", JSON.stringify({ note: "   " })).note).toBeNull();
    expect(readTimelineEvent("cancelled", JSON.stringify({ note: "x".repeat(5000) })).note).toHaveLength(1000);
  });
});

describe("transmission rows", () => {
  const college = { code: "SENE", nameEn: "Seneca Polytechnic", nameFr: "Seneca Polytechnique" };
  it("reads a delivery and a receipt, and keeps a college's reason out of the note", () => {
    expect(
      readTimelineEvent("transmitted", JSON.stringify({ college, batchId: "TRMS-SENE-2026-12-01-001", transmissionType: "Reissue" })).transmission,
    ).toEqual({
      college,
      batchId: "TRMS-SENE-2026-12-01-001",
      transmissionType: "Reissue",
      receipt: null,
      reason: null,
    });
    const resubmit = readTimelineEvent("receipt", JSON.stringify({ college, batchId: "B", status: "RESUBMIT", reason: "unreadable <b>PDF</b>" }));
    expect(resubmit.transmission).toMatchObject({ receipt: "RESUBMIT", reason: "unreadable <b>PDF</b>" });
    expect(resubmit.note).toBeNull();
    expect(readTimelineEvent("receipt", JSON.stringify({ college: { code: "HUMB" }, status: "CONFIRMED" })).transmission).toEqual({
      college: { code: "HUMB", nameEn: "HUMB", nameFr: "HUMB" },
      batchId: null,
      transmissionType: null,
      receipt: "CONFIRMED",
      reason: null,
    });
    expect(readTimelineEvent("receipt", JSON.stringify({ college, status: "MAYBE", transmissionType: "Copy" })).transmission).toMatchObject({
      receipt: null,
      transmissionType: null,
    });
  });
});

describe("actorLabelKey", () => {
  it("names who acted when no user did", () => {
    expect(actorLabelKey("intake-api")).toBe("intakeApi");
    expect(actorLabelKey("auto-trms")).toBe("autoTrms");
    expect(actorLabelKey("system")).toBe("system");
    for (const other of [null, "", "toString", "__proto__", "someone"]) expect(actorLabelKey(other), String(other)).toBe("system");
  });
});
