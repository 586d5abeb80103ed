import { describe, expect, it } from "vitest";
import { renderEmail } from "@/lib/email/render-email";

const VALUES = { name: "Émilie <script>", reference: "REF-12345678", school: "École secondaire Boréale", board: "Conseil scolaire des Aurores boréales" };

describe("applicant emails after a no-upload action", () => {
  it.each([
    ["studentNotFound", "en", /student record not found/, /Please contact École secondaire Boréale \(Conseil scolaire des Aurores boréales\) directly/],
    ["studentNotFound", "fr", /dossier d'élève introuvable/, /Veuillez communiquer directement avec École secondaire Boréale/],
    ["financialHold", "en", /fees to settle/, /unpaid fees/],
    ["financialHold", "fr", /frais à régler/, /frais impayés/],
  ] as const)("%s in %s: subject, who to contact and the reference", (template, locale, subject, body) => {
    const email = renderEmail(template, locale, VALUES);
    expect(email.subject).toMatch(subject);
    expect(email.subject).toContain("REF-12345678");
    expect(email.text).toMatch(body);
    expect(email.text).toContain("REF-12345678");
    expect(email.text.startsWith(locale === "fr" ? "Bonjour Émilie <script>," : "Hello Émilie <script>,")).toBe(true);
    expect(email.text).toContain(locale === "fr" ? "SGéRN" : "TRMS");
    // Names are text in the HTML part, never markup.
    expect(email.html).toContain("Émilie &lt;script&gt;");
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain(`lang="${locale}"`);
  });
});
