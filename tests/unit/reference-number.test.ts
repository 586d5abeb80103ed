import { randomInt } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { generateReferenceNumber, isReferenceNumber, REFERENCE_NUMBER_PATTERN } from "@/lib/domain/reference-number";

describe("isReferenceNumber", () => {
  it.each(["REF-00000000", "REF-12345678", "REF-99999999"])("accepts %s", (s) => {
    expect(isReferenceNumber(s)).toBe(true);
    expect(REFERENCE_NUMBER_PATTERN.test(s)).toBe(true);
  });

  it.each([
    "",
    "REF-1234567",
    "REF-123456789",
    "ref-12345678",
    "REF12345678",
    "REF-1234567a",
    " REF-12345678",
    "REF-12345678 ",
    "REF-12345678\n",
    "REF-١٢٣٤٥٦٧٨", // Arabic-Indic digits
    "XREF-12345678",
  ])("refuses %j", (s) => {
    expect(isReferenceNumber(s)).toBe(false);
  });
});

describe("generateReferenceNumber", () => {
  it("draws one number below 10^8 and pads it to 8 digits", () => {
    const draw = vi.fn((_max: number) => 42);
    expect(generateReferenceNumber(draw)).toBe("REF-00000042");
    expect(draw).toHaveBeenCalledExactlyOnceWith(100_000_000);
  });

  it.each([
    [0, "REF-00000000"],
    [7, "REF-00000007"],
    [12_345_678, "REF-12345678"],
    [99_999_999, "REF-99999999"],
  ])("turns %i into %s", (n, expected) => {
    expect(generateReferenceNumber(() => n)).toBe(expected);
  });

  it.each([-1, 100_000_000, 1.5, Number.NaN])("refuses a broken random source returning %d", (n) => {
    expect(() => generateReferenceNumber(() => n)).toThrow(RangeError);
  });

  it("produces valid numbers from crypto.randomInt", () => {
    for (let i = 0; i < 200; i++) expect(isReferenceNumber(generateReferenceNumber(randomInt))).toBe(true);
  });
});
