import { expect, test } from "vitest";
import { safeReturnPath } from "@/lib/i18n/safe-return-path";

test.each([
  ["/en/requests?tab=complete", "/en/requests?tab=complete"],
  ["/fr/requests/REF-45454545", "/fr/requests/REF-45454545"],
  ["/fr", "/fr"],
  ["/en/admin/../requests", "/en/requests"],
  ["/en?tab=complete", "/en?tab=complete"],
])("keeps the local page %s", (input, expected) => expect(safeReturnPath(input, "en")).toBe(expected));

test.each([
  null,
  "",
  "https://evil.example/en",
  "//evil.example/en",
  "/\\evil.example",
  "/api/exports/requests.csv",
  "javascript:alert(1)",
  "/de/requests",
  // Normalised, these leave the locale or the host.
  "/en/..//evil.example/x",
  "/en/../..//evil.example",
  "/en/./..//evil.example",
  "/en/%2e%2e//evil.example/x",
  "/en/../api/exports/requests.csv",
  "/en/%2f%2fevil.example",
  "/en/%5cevil.example",
  "/en/\t/evil.example",
  "/en\n//evil.example",
])("refuses %s", (input) => expect(safeReturnPath(input, "fr")).toBe("/fr/requests"));

test("what it returns is never read as another host", () => {
  for (const input of ["/en/..//evil.example/x", "/fr/%2e%2e/%2e%2e//evil.example", "/en//evil.example", "/en/a/../../../evil"]) {
    const out = safeReturnPath(input, "en");
    expect(new URL(out, "https://trms.example").host).toBe("trms.example");
    expect(out).toMatch(/^\/(en|fr)(\/|$|\?)/);
  }
});
