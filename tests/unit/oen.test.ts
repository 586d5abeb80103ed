import { describe, expect, it } from "vitest";
import { hasValidOenCheckDigit, isOenFormat, normalizeOen, OEN_UNKNOWN } from "@/lib/domain/oen";

describe("isOenFormat", () => {
  it.each(["123456782", "123456789", "000000000", "999999999"])("accepts %s", (s) => {
    expect(isOenFormat(s)).toBe(true);
  });

  it.each(["", "12345678", "1234567890", "12345678a", " 123456782", "123 456 782", "123-456-782", "١٢٣٤٥٦٧٨٢", "123456782\n"])("refuses %j", (s) => {
    expect(isOenFormat(s)).toBe(false);
  });
});

describe("hasValidOenCheckDigit", () => {
  it.each(["123456782", "000000018", "999999998", "100000009", "000000000"])("accepts %s", (s) => {
    expect(hasValidOenCheckDigit(s)).toBe(true);
  });

  it.each(["123456789", "123456783", "213456782", "000000001", "999999999"])("refuses %s", (s) => {
    expect(hasValidOenCheckDigit(s)).toBe(false);
  });

  it("refuses anything that is not nine digits, even with a valid Luhn sum", () => {
    expect(hasValidOenCheckDigit("18")).toBe(false);
    expect(hasValidOenCheckDigit("123 456 782")).toBe(false);
    expect(hasValidOenCheckDigit("0123456782")).toBe(false);
  });

  it("catches every single-digit error and every adjacent swap of different digits", () => {
    const valid = "123456782";
    for (let i = 0; i < 9; i++) {
      for (let d = 0; d <= 9; d++) {
        const digit = String(d);
        if (digit === valid[i]) continue;
        expect(hasValidOenCheckDigit(valid.slice(0, i) + digit + valid.slice(i + 1))).toBe(false);
      }
    }
    for (let i = 0; i < 8; i++) {
      const swapped = valid.slice(0, i) + valid[i + 1] + valid[i] + valid.slice(i + 2);
      expect(hasValidOenCheckDigit(swapped), swapped).toBe(false);
    }
  });

  it("has exactly one valid check digit for each eight-digit prefix", () => {
    for (const prefix of ["12345678", "00000000", "98765432", "55555555"]) {
      const valid = [..."0123456789"].filter((d) => hasValidOenCheckDigit(prefix + d));
      expect(valid).toHaveLength(1);
    }
  });
});

describe("normalizeOen", () => {
  it("treats the unknown OEN, empty and missing values as no OEN", () => {
    expect(OEN_UNKNOWN).toBe("000000000");
    expect(normalizeOen(null)).toBeNull();
    expect(normalizeOen(undefined)).toBeNull();
    expect(normalizeOen("")).toBeNull();
    expect(normalizeOen("   ")).toBeNull();
    expect(normalizeOen(" - ")).toBeNull();
    expect(normalizeOen("000000000")).toBeNull();
    expect(normalizeOen("000-000-000")).toBeNull();
  });

  it("strips spaces and dashes", () => {
    expect(normalizeOen("123456782")).toBe("123456782");
    expect(normalizeOen(" 123 456 782 ")).toBe("123456782");
    expect(normalizeOen("123-456-782")).toBe("123456782");
    expect(normalizeOen("123\t456\u00a0782")).toBe("123456782");
  });

  it("leaves validation to isOenFormat", () => {
    expect(normalizeOen("12345")).toBe("12345");
    expect(normalizeOen("12345678x")).toBe("12345678x");
  });
});
