import { describe, expect, it } from "vitest";
import { DIFFERENCE_VALUE_MAX_LENGTH, parseStatusReason, withoutValues } from "@/lib/domain/status-reason";

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

  it("reads the values that differ, in the fields' order, and reasons stored before values were kept", () => {
    const stored = {
      key: "sisDifferences",
      fields: ["gender", "dateOfBirth"],
      values: [
        { field: "gender", request: "FEMALE", sis: "Male" },
        { field: "dateOfBirth", request: "2004-05-17", sis: null },
      ],
    };
    expect(parseStatusReason(JSON.stringify(stored))).toEqual({
      key: "sisDifferences",
      fields: ["dateOfBirth", "gender"],
      values: [
        { field: "dateOfBirth", request: "2004-05-17", sis: null },
        { field: "gender", request: "FEMALE", sis: "Male" },
      ],
    });
    // Old reasons (fields only) still read, without values.
    expect(parseStatusReason('{"key":"sisDifferences","fields":["gender"]}')).toEqual({ key: "sisDifferences", fields: ["gender"] });
  });

  it("leaves out values that are not short plain text, or of fields not listed", () => {
    const read = (values: unknown) => parseStatusReason(JSON.stringify({ key: "sisDifferences", fields: ["lastName"], values }));
    expect(read("Smith")).toEqual({ key: "sisDifferences", fields: ["lastName"] });
    expect(read([{ field: "lastName", request: "Smith", sis: 42 }])).toEqual({ key: "sisDifferences", fields: ["lastName"] });
    expect(read([{ field: "lastName", request: "Smith", sis: "Sm\u202eith" }])).toEqual({ key: "sisDifferences", fields: ["lastName"] });
    expect(read([{ field: "lastName", request: "Smith", sis: "x".repeat(DIFFERENCE_VALUE_MAX_LENGTH + 1) }])).toEqual({
      key: "sisDifferences",
      fields: ["lastName"],
    });
    expect(read([{ field: "firstName", request: "Ann", sis: "Anne" }])).toEqual({ key: "sisDifferences", fields: ["lastName"] });
    expect(read([{ field: "lastName", request: "  Smith ", sis: "" }])).toEqual({
      key: "sisDifferences",
      fields: ["lastName"],
      values: [{ field: "lastName", request: "Smith", sis: null }],
    });
  });

  it("drops the values for the timeline and the attempts", () => {
    expect(withoutValues({ key: "sisDifferences", fields: ["gender"], values: [{ field: "gender", request: "FEMALE", sis: "MALE" }] })).toEqual({
      key: "sisDifferences",
      fields: ["gender"],
    });
  });
});
