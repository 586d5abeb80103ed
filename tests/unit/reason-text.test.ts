import { createFormatter, createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { differenceLines, reasonText } from "@/components/request-details/reason-text";
import { parseStatusReason } from "@/lib/domain/status-reason";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";

// The details page's words for an Auto-Process Error whose SIS record differs: the sentence naming the fields, and a
// line per field with the value on each side, in the page's language (genders and dates as the page shows them).

function wording(locale: "en" | "fr") {
  const messages = locale === "fr" ? fr : en;
  const t = createTranslator({ locale, messages, namespace: "reasons" });
  const tf = createTranslator({ locale, messages, namespace: "upload.fields" });
  const tg = createTranslator({ locale, messages, namespace: "applicant.genders" });
  const format = createFormatter({ locale, timeZone: "America/Toronto" });
  return (stored: unknown) => {
    const reason = parseStatusReason(JSON.stringify(stored))!;
    return { sentence: reasonText(t, format, reason), lines: differenceLines(t, { field: (f) => tf(f), gender: (g) => tg(g) }, format, reason) };
  };
}

const GENDER = { key: "sisDifferences", fields: ["gender"], values: [{ field: "gender", request: "FEMALE", sis: "Male" }] };

describe("the values that differ", () => {
  it("names the gender on each side in the page's language", () => {
    expect(wording("en")(GENDER).lines).toEqual(["Gender — request: Female, SIS: Male"]);
    expect(wording("fr")(GENDER).lines).toEqual(["Genre — demande : Féminin, SIS : Masculin"]);
  });

  it("writes dates as the page does, names as they are, and a missing side as such", () => {
    const stored = {
      key: "sisDifferences",
      fields: ["lastName", "dateOfBirth", "gender"],
      values: [
        { field: "lastName", request: "Tremblay", sis: "Tremblay-Roy" },
        { field: "dateOfBirth", request: "2004-05-17", sis: "2004-05-18" },
        { field: "gender", request: "X", sis: null },
      ],
    };
    expect(wording("en")(stored).lines).toEqual([
      "Last name — request: Tremblay, SIS: Tremblay-Roy",
      "Date of birth — request: May 17, 2004, SIS: May 18, 2004",
      "Gender — request: X, SIS: (none)",
    ]);
    expect(wording("fr")(stored).lines).toEqual([
      "Nom de famille — demande : Tremblay, SIS : Tremblay-Roy",
      "Date de naissance — demande : 17 mai 2004, SIS : 18 mai 2004",
      "Genre — demande : X, SIS : (aucune valeur)",
    ]);
  });

  it("keeps an unknown gender code as the SIS sent it", () => {
    const stored = { key: "sisDifferences", fields: ["gender"], values: [{ field: "gender", request: "FEMALE", sis: "U" }] };
    expect(wording("en")(stored).lines).toEqual(["Gender — request: Female, SIS: U"]);
  });

  it("reads a reason stored without values as before: the sentence, no lines", () => {
    const old = wording("en")({ key: "sisDifferences", fields: ["gender", "dateOfBirth"] });
    expect(old).toEqual({ sentence: "Auto-TRMS: the student record found differs from the request on date of birth and gender.", lines: [] });
    expect(wording("fr")({ key: "sisUnavailable" }).lines).toEqual([]);
  });
});
