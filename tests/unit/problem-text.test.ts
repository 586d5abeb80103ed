import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { problemText } from "@/components/upload/problem-text";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";

// A refused file's problem as the upload form shows it: the XML parser's English detail never sits inside a French
// sentence (issue 21); it follows it, labelled.

const m = (locale: "en" | "fr") =>
  createTranslator({ locale, messages: locale === "fr" ? fr : en }) as unknown as (k: string, v?: Record<string, string | number>) => string;
const broken = { messageKey: "pesc.errors.notWellFormed", values: { detail: "Closing tag 'Student' is expected inplace of 'School'.", column: 4 }, line: 12 };

describe("problemText", () => {
  it("keeps the parser's English detail out of the French sentence", () => {
    const text = problemText(m("fr"), broken);
    expect(text).toBe(
      "Ligne 12 : Le fichier n'est pas un XML bien formé. Détail de l'analyseur (en anglais) : Closing tag 'Student' is expected inplace of 'School'.",
    );
  });

  it("says the same in English", () => {
    expect(problemText(m("en"), broken)).toBe(
      "Line 12: The file is not well-formed XML. Parser detail: Closing tag 'Student' is expected inplace of 'School'.",
    );
  });

  it("leaves a problem without detail as its message", () => {
    expect(problemText(m("fr"), { messageKey: "pesc.errors.notWellFormed" })).toBe("Le fichier n'est pas un XML bien formé.");
  });
});
