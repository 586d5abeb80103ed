import { describe, expect, it } from "vitest";
import { maskEmail } from "@/lib/domain/mask-email";

describe("maskEmail", () => {
  it.each([
    ["emilie.tremblay@example.org", "e•••@example.org"],
    ["Senior.Student@Example.ORG", "S•••@example.org"],
    ["a@b.ca", "a•••@b.ca"],
    ["Éloïse@exemple.ca", "É•••@exemple.ca"],
    ["😀smile@example.org", "😀•••@example.org"],
    ["odd@name@example.org", "o•••@example.org"],
  ])("%s → %s", (address, masked) => {
    expect(maskEmail(address)).toBe(masked);
  });

  it("never shows more than the first character of the local part", () => {
    expect(maskEmail("secret.person@example.org")).not.toContain("secret");
  });

  it("masks anything that is not an address entirely", () => {
    for (const junk of ["", "   ", "no-at-sign", "@example.org", "someone@"]) expect(maskEmail(junk), junk).toBe("•••");
  });
});
