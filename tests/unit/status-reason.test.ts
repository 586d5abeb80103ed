import { describe, expect, it } from "vitest";
import { parseStatusReason } from "@/lib/domain/status-reason";

describe("parseStatusReason", () => {
  it("reads the reasons the system writes", () => {
    expect(parseStatusReason('{"key":"sisNotFound","oen":"123456782"}')).toEqual({ key: "sisNotFound", oen: "123456782" });
    expect(parseStatusReason('{"key":"sisNotFound"}')).toEqual({ key: "sisNotFoundNoOen" });
    expect(parseStatusReason('{"key":"sisDifferences","fields":["lastName","firstName"]}')).toEqual({
      key: "sisDifferences",
      fields: ["firstName", "lastName"],
    });
    expect(parseStatusReason('{"key":"sisMultipleMatches"}')).toEqual({ key: "sisMultipleMatches" });
    expect(parseStatusReason('{"key":"sisUnavailable"}')).toEqual({ key: "sisUnavailable" });
    expect(parseStatusReason('{"key":"processingFailed"}')).toEqual({ key: "processingFailed" });
  });

  it("accepts data already parsed (timeline rows carry the reason as an object)", () => {
    expect(parseStatusReason({ key: "sisDifferences", fields: ["gender"] })).toEqual({ key: "sisDifferences", fields: ["gender"] });
  });

  it("has nothing to say when there is no reason", () => {
    expect(parseStatusReason(null)).toBeNull();
    expect(parseStatusReason(undefined)).toBeNull();
    expect(parseStatusReason("")).toBeNull();
  });

  it("reads anything unknown or malformed as a generic reason, never as raw text", () => {
    for (const raw of [
      "not json",
      "[1,2]",
      "42",
      '"text"',
      "null",
      '{"key":"somethingNew","detail":"<script>"}',
      '{"nokey":true}',
      "{}",
      '{"key":"toString"}',
      '{"key":"__proto__"}',
    ]) {
      expect(parseStatusReason(raw), raw).toEqual({ key: "unknown" });
    }
  });

  it("echoes only a well-formed OEN and only known field names", () => {
    expect(parseStatusReason('{"key":"sisNotFound","oen":"<b>12</b>"}')).toEqual({ key: "sisNotFoundNoOen" });
    expect(parseStatusReason('{"key":"sisNotFound","oen":123456782}')).toEqual({ key: "sisNotFoundNoOen" });
    expect(parseStatusReason('{"key":"sisDifferences","fields":["shoeSize","dateOfBirth"]}')).toEqual({ key: "sisDifferences", fields: ["dateOfBirth"] });
    expect(parseStatusReason('{"key":"sisDifferences","fields":["shoeSize"]}')).toEqual({ key: "sisDifferencesUnspecified" });
    expect(parseStatusReason('{"key":"sisDifferences","fields":"dateOfBirth"}')).toEqual({ key: "sisDifferencesUnspecified" });
  });
});
