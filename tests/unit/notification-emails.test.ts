import { describe, expect, it } from "vitest";
import { renderDigest, renderPendingAlert, renderRequestToProcess, renderSlaAlert, type RequestLine } from "@/lib/email/notification-emails";

// The notification emails rendered as they are sent (contracts §8): both languages, HTML and text from the same
// blocks, absolute links, values as text.

const line: RequestLine = { referenceNumber: "REF-12345678", applicant: "Zoë <b>O'Neil</b>", school: "École & Co", ageDays: 6, status: "ACTION_REQUIRED" };
const links = { appUrl: "https://trms.example.org" };

describe("the digest", () => {
  const data = {
    ...links,
    name: "Élise",
    scope: "Sample High School",
    asOf: "December 2, 2026",
    counts: { todo: 12, incomplete: 3, inProgress: 2, complete: 40 },
    newSince: 4,
    atOrPastSla: 5,
    sla: 5,
    oldest: [line],
    completedByAutoTrms: null,
  };

  it("gives counts per tab with links to the dashboard's tabs, the SLA figure and the oldest requests (en)", () => {
    const email = renderDigest({ ...data, locale: "en" });
    expect(email.subject).toBe("TRMS summary: 12 to do, 5 at or past the SLA");
    expect(email.text).toContain("To Do: 12 — https://trms.example.org/en/requests?tab=todo");
    expect(email.text).toContain("In Progress: 2 — https://trms.example.org/en/requests?tab=in-progress");
    expect(email.text).toContain("New since the last summary: 4");
    expect(email.text).toContain("Open at or past the SLA (5 business days): 5");
    expect(email.text).toContain(
      "- REF-12345678 — Zoë <b>O'Neil</b>, École & Co: Action Required, 6 business days — https://trms.example.org/en/requests/REF-12345678",
    );
    expect(email.text).not.toContain("Auto-TRMS");
    expect(email.html).toContain("Zoë &lt;b&gt;O&#39;Neil&lt;/b&gt;");
    expect(email.html).not.toContain("<b>O'Neil</b>");
    expect(email.html).toContain('<html lang="en">');
    expect(email.html).toContain('href="https://trms.example.org/en/requests/REF-12345678"');
  });

  it("is in French for a French-speaking user, with the Auto-TRMS count when asked", () => {
    const email = renderDigest({ ...data, locale: "fr", completedByAutoTrms: 7, oldest: [] });
    expect(email.subject).toBe("Sommaire SGéRN : 12 à traiter, 5 au délai ou au-delà");
    expect(email.text).toContain("À traiter: 12 — https://trms.example.org/fr/requests?tab=todo");
    expect(email.text).toContain("Complétées par Auto-SGéRN depuis le dernier sommaire: 7");
    expect(email.text).toContain("Aucune demande n'est ouverte.");
    expect(email.html).toContain('<html lang="fr">');
  });
});

describe("the alerts", () => {
  it("lists the waiting requests and counts the others", () => {
    const en = renderPendingAlert({ ...links, locale: "en", name: "Élise", hours: 24, requests: [line], more: 3 });
    expect(en.subject).toBe("4 requests have been waiting 24 business hours or more");
    expect(en.text).toContain("…and 3 more requests.");
    const fr = renderPendingAlert({ ...links, locale: "fr", name: "Élise", hours: 1, requests: [line], more: 0 });
    expect(fr.subject).toBe("1 demande attend depuis 1 heures ouvrables ou plus");
    expect(fr.text).toContain("https://trms.example.org/fr/requests?tab=todo&sort=age&dir=desc");
  });

  it("names the requests that reached the SLA, for a scope", () => {
    const en = renderSlaAlert({ ...links, locale: "en", name: "Board", sla: 5, scope: "Demo District School Board", requests: [line], more: 0 });
    expect(en.subject).toBe("1 request reached the SLA of 5 business days");
    expect(en.text).toContain("this request of Demo District School Board reached or passed the SLA of 5 business days");
  });

  it("gives one request to process with its link", () => {
    const fr = renderRequestToProcess({ ...links, locale: "fr", name: "Élise", request: { ...line, requestDate: "2 déc. 2026" } });
    expect(fr.subject).toBe("Nouvelle demande de relevé de notes à traiter : REF-12345678");
    expect(fr.text).toContain("Numéro de référence: REF-12345678 — https://trms.example.org/fr/requests/REF-12345678");
    expect(fr.text).toContain("Statut: Action requise");
  });
});
