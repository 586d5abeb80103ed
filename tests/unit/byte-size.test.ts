import { describe, expect, test } from "vitest";
import { byteSize } from "@/lib/domain/byte-size";

describe("byteSize", () => {
  test("bytes below 1 kB, whole", () => {
    expect(byteSize(0)).toEqual({ value: 0, unit: "byte", maximumFractionDigits: 0 });
    expect(byteSize(999)).toEqual({ value: 999, unit: "byte", maximumFractionDigits: 0 });
  });

  test("the largest decimal unit that keeps the value at 1 or more, one decimal", () => {
    expect(byteSize(1000)).toEqual({ value: 1, unit: "kilobyte", maximumFractionDigits: 1 });
    expect(byteSize(118_116)).toEqual({ value: 118.116, unit: "kilobyte", maximumFractionDigits: 1 });
    expect(byteSize(20 * 1024 * 1024)).toEqual({ value: 20.97152, unit: "megabyte", maximumFractionDigits: 1 });
    expect(byteSize(3e12)).toEqual({ value: 3000, unit: "gigabyte", maximumFractionDigits: 1 });
  });

  test("a negative size is none", () => {
    expect(byteSize(-5)).toEqual({ value: 0, unit: "byte", maximumFractionDigits: 0 });
  });
});
