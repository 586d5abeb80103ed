import { expect, test } from "vitest";
import { safeReturnPath } from "@/lib/i18n/safe-return-path";

test.each([
  ["/en/requests?tab=complete", "/en/requests?tab=complete"],
  ["/fr/requests/REF-45454545", "/fr/requests/REF-45454545"],
  ["/fr", "/fr"],
])("keeps the local page %s", (input, expected) => expect(safeReturnPath(input, "en")).toBe(expected));

test.each([null, "", "https://evil.example/en", "//evil.example/en", "/\\evil.example", "/api/exports/requests.csv", "javascript:alert(1)", "/de/requests"])(
  "refuses %s",
  (input) => expect(safeReturnPath(input, "fr")).toBe("/fr/requests"),
);
