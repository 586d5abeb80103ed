import { describe, expect, test } from "vitest";
import { generateTemporaryPassword, passwordProblems } from "@/lib/domain/password-policy";
import { randomInt } from "node:crypto";

describe("passwordProblems", () => {
  test("accepts a password meeting every rule", () => {
    expect(passwordProblems("Demo-Admin-2026!")).toEqual([]);
    expect(passwordProblems("Éléphant-rose-42")).toEqual([]);
  });
  test("names each broken rule", () => {
    expect(passwordProblems("short1!A")).toEqual(["tooShort"]);
    expect(passwordProblems("alllowercase-12")).toEqual(["needsUpper"]);
    expect(passwordProblems("ALLUPPERCASE-12")).toEqual(["needsLower"]);
    expect(passwordProblems("NoDigitsHere-!!")).toEqual(["needsDigit"]);
    expect(passwordProblems("NoSymbols12345a")).toEqual(["needsSymbol"]);
    expect(passwordProblems("Demo.Admin-2026", "demo.admin-2026")).toEqual(["sameAsUsername"]);
  });
  test("refuses what bcrypt would truncate", () => {
    expect(passwordProblems(`Aa1!${"é".repeat(40)}`)).toContain("tooLong");
  });
});

describe("generateTemporaryPassword", () => {
  test("always meets the policy", () => {
    for (let i = 0; i < 200; i++) expect(passwordProblems(generateTemporaryPassword(randomInt))).toEqual([]);
  });
});
