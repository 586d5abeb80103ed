import { describe, expect, test } from "vitest";
import { byteSize } from "@/lib/domain/byte-size";

describe("byteSize", () => {
  test("bytes below 1 KiB, whole", () => {
    expect(byteSize(0)).toEqual({ value: 0, unit: "byte", maximumFractionDigits: 0 });
    expect(byteSize(1023)).toEqual({ value: 1023, unit: "byte", maximumFractionDigits: 0 });
  });

  test("the largest unit that keeps the value at 1 or more, one decimal", () => {
    expect(byteSize(1024)).toEqual({ value: 1, unit: "kilobyte", maximumFractionDigits: 1 });
    expect(byteSize(118_116)).toMatchObject({ unit: "kilobyte" });
    expect(byteSize(118_116).value).toBeCloseTo(115.35, 2);
    expect(byteSize(20 * 1024 * 1024)).toEqual({ value: 20, unit: "megabyte", maximumFractionDigits: 1 });
    expect(byteSize(3 * 1024 ** 4)).toEqual({ value: 3072, unit: "gigabyte", maximumFractionDigits: 1 });
  });

  test("a negative size is none", () => {
    expect(byteSize(-5)).toEqual({ value: 0, unit: "byte", maximumFractionDigits: 0 });
  });
});
