import { describe, expect, test } from "vitest";
import { csvText, exportFileName, neutralizeFormula, UTF8_BOM } from "@/lib/domain/csv";

describe("neutralizeFormula (OWASP CSV injection)", () => {
  test.each([
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ["+1", "'+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(1)", "'@SUM(1)"],
    ["\tTAB", "'\tTAB"],
    ["\rCR", "'\rCR"],
    ["  =1+1", "'  =1+1"],
    ["\u00a0@x", "'\u00a0@x"],
    ['\n=HYPERLINK("x")', '\'\n=HYPERLINK("x")'],
  ])("%j becomes %j", (input, expected) => {
    expect(neutralizeFormula(input)).toBe(expected);
  });

  test.each([
    "Émilie",
    "O'Neil",
    "Smith-Jones",
    "416-555-0100",
    "a=b",
    "x@example.com",
    "<script>alert(1)</script>",
    "Zoë 🎓",
    "",
    "  leading spaces",
    "'already quoted",
  ])("%j is left alone", (input) => {
    expect(neutralizeFormula(input)).toBe(input);
  });
});

describe("csvText", () => {
  test("null and undefined are empty cells", () => {
    expect(csvText(null)).toBe("");
    expect(csvText(undefined)).toBe("");
  });
  test("text goes through neutralizeFormula", () => {
    expect(csvText("=1")).toBe("'=1");
    expect(csvText("Bélanger")).toBe("Bélanger");
  });
});

test("the BOM is U+FEFF", () => {
  expect(UTF8_BOM).toBe("\ufeff");
  expect(new TextEncoder().encode(UTF8_BOM)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
});

describe("exportFileName", () => {
  test("names the tab, or 'search' for a status search, and the Toronto date", () => {
    expect(exportFileName({ tab: "IN_PROGRESS", statuses: null }, "2026-11-28", "csv")).toBe("trms-requests-in-progress-2026-11-28.csv");
    expect(exportFileName({ tab: "TODO", statuses: null }, "2026-01-05", "pdf")).toBe("trms-requests-todo-2026-01-05.pdf");
    expect(exportFileName({ tab: "TODO", statuses: "ALL" }, "2026-01-05", "csv")).toBe("trms-requests-search-2026-01-05.csv");
    expect(exportFileName({ tab: "COMPLETE", statuses: ["FINANCIAL_HOLD"] }, "2026-01-05", "csv")).toBe("trms-requests-search-2026-01-05.csv");
  });
});
