import { describe, expect, it } from "vitest";
import { foldName } from "@/lib/domain/fold";

describe("foldName", () => {
  it.each([
    ["Émilie", "emilie"],
    ["Côté", "cote"],
    ["Lefèvre", "lefevre"],
    ["Œuvray", "oeuvray"],
    ["L’Heureux", "l'heureux"],
    ["L'Heureux", "l'heureux"],
    ["Bérubé-Gagné", "berube-gagne"],
    ["FRANÇOISE", "francoise"],
    ["Noël", "noel"],
    ["Ægir", "aegir"],
    ["Strauß", "strauss"],
    ["Søren", "soren"],
    ["Đorđević", "dordevic"],
    ["Łukasz Wałęsa", "lukasz walesa"],
    ["Nguyễn", "nguyen"],
    ["İlker", "ilker"],
    ["ﬁfi", "fifi"], // compatibility ligature
  ])("%s → %s", (input, expected) => {
    expect(foldName(input)).toBe(expected);
  });

  it("folds mixed case and accents to the same key", () => {
    const variants = ["ÉMILIE", "émilie", "Emilie", "eMiLiE", "E\u0301milie"];
    expect(new Set(variants.map(foldName))).toEqual(new Set(["emilie"]));
  });

  it("trims and collapses whitespace, keeping hyphens and apostrophes", () => {
    expect(foldName("  Marie   Ève\t\nD’Amours-Côté  ")).toBe("marie eve d'amours-cote");
    expect(foldName("Jean\u00a0Paul")).toBe("jean paul");
    expect(foldName("")).toBe("");
    expect(foldName("   ")).toBe("");
  });

  it("keeps a folded prefix a prefix of the folded name", () => {
    expect(foldName("Lefèvre").startsWith(foldName("LEFÈ"))).toBe(true);
    expect(foldName("Côté").startsWith(foldName("co"))).toBe(true);
  });

  it("leaves emoji as they are", () => {
    expect(foldName("Zoé 😀")).toBe("zoe 😀");
    expect(foldName("❤️ Anne")).toBe("❤️ anne");
    expect(foldName("👩🏽‍💻")).toBe("👩🏽‍💻");
    expect(foldName("1️⃣")).toBe("1️⃣");
  });

  it("is idempotent", () => {
    for (const name of ["Émilie", "L’Heureux", "Œuvray Côté", "  Strauß  ", "❤️ Zoé"]) {
      expect(foldName(foldName(name))).toBe(foldName(name));
    }
  });
});
