import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { createTranslator } from "next-intl";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";

// Parity and sanity of the two message catalogues (quality.md: "a test fails on a missing key"), plus the glossary
// strings that tests and users find controls by (glossary.md: use them verbatim).

type Tree = { [key: string]: unknown };

function flatten(tree: Tree, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [k, v] of flatten(value as Tree, path)) out.set(k, v);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

type ArgType = "simple" | "number" | "date" | "time" | "plural" | "selectordinal" | "select";

/**
 * The ICU arguments of a message: name → type, read by FormatJS's ICU MessageFormat parser (what next-intl formats
 * with). It throws on unbalanced braces and on a plural or select without `other`; an argument used with two types
 * throws here.
 */
function icuArguments(message: string): Map<string, ArgType> {
  const args = new Map<string, ArgType>();
  const add = (name: string, type: ArgType) => {
    const seen = args.get(name);
    if (seen && seen !== type) throw new Error(`argument ${name} used as ${seen} and ${type} in ${JSON.stringify(message)}`);
    args.set(name, type);
  };
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.argument) add(element.value, "simple");
      else if (element.type === TYPE.number) add(element.value, "number");
      else if (element.type === TYPE.date) add(element.value, "date");
      else if (element.type === TYPE.time) add(element.value, "time");
      else if (element.type === TYPE.select || element.type === TYPE.plural) {
        add(element.value, element.type === TYPE.select ? "select" : element.pluralType === "ordinal" ? "selectordinal" : "plural");
        for (const option of Object.values(element.options)) walk(option.value);
      } else if (element.type === TYPE.tag) walk(element.children);
    }
  };
  walk(parse(message, { requiresOtherClause: true }));
  return args;
}

/** The keys written twice in one object of a JSON text (JSON.parse keeps the last one silently). */
function duplicateKeys(text: string): string[] {
  const duplicates: string[] = [];
  const objects: Set<string>[] = [];
  const token = /"(?:[^"\\]|\\.)*"\s*:?|[{}]/g;
  for (const [t] of text.matchAll(token)) {
    if (t === "{") objects.push(new Set());
    else if (t === "}") objects.pop();
    else if (t.endsWith(":")) {
      const key = JSON.parse(t.slice(0, -1).trim()) as string;
      const keys = objects.at(-1)!;
      if (keys.has(key)) duplicates.push(key);
      keys.add(key);
    }
  }
  return duplicates;
}

const enFlat = flatten(en);
const frFlat = flatten(fr);
const catalogues = { en: enFlat, fr: frFlat } as const;

describe("messages/en.json and messages/fr.json", () => {
  it("have exactly the same keys", () => {
    const missingInFr = [...enFlat.keys()].filter((k) => !frFlat.has(k));
    const missingInEn = [...frFlat.keys()].filter((k) => !enFlat.has(k));
    expect({ missingInFr, missingInEn }).toEqual({ missingInFr: [], missingInEn: [] });
    expect(enFlat.size).toBeGreaterThan(100);
  });

  it("write no key twice in one object", () => {
    for (const locale of ["en", "fr"]) expect(duplicateKeys(fs.readFileSync(`messages/${locale}.json`, "utf8")), locale).toEqual([]);
    expect(duplicateKeys('{"a": {"b": "x", "b": "y"}, "c": "{"}')).toEqual(["b"]);
  });

  it("hold only non-empty strings", () => {
    for (const [locale, flat] of Object.entries(catalogues)) {
      const bad = [...flat].filter(([, v]) => typeof v !== "string" || v.trim() === "").map(([k]) => `${locale}:${k}`);
      expect(bad).toEqual([]);
    }
  });

  it("have no stray whitespace at either end of a string", () => {
    for (const [locale, flat] of Object.entries(catalogues)) {
      const bad = [...flat].filter(([, v]) => String(v) !== String(v).trim()).map(([k]) => `${locale}:${k}`);
      expect(bad).toEqual([]);
    }
  });

  it("use no apostrophe that ICU would read as a quote (before { } # | or another ')", () => {
    for (const [locale, flat] of Object.entries(catalogues)) {
      const bad = [...flat].filter(([, v]) => /'[{}#|']/.test(String(v))).map(([k]) => `${locale}:${k}`);
      expect(bad).toEqual([]);
    }
  });

  it("use the same ICU arguments, of the same types, in both languages", () => {
    const differences: string[] = [];
    for (const [key, enValue] of enFlat) {
      const frValue = frFlat.get(key);
      if (typeof enValue !== "string" || typeof frValue !== "string") continue;
      let enArgs: string[], frArgs: string[];
      try {
        enArgs = [...icuArguments(enValue)].map(([n, t]) => `${n}:${t}`).sort();
        frArgs = [...icuArguments(frValue)].map(([n, t]) => `${n}:${t}`).sort();
      } catch (e) {
        differences.push(`${key}: ${(e as Error).message}`);
        continue;
      }
      if (enArgs.join() !== frArgs.join()) differences.push(`${key}: en {${enArgs.join(", ")}} / fr {${frArgs.join(", ")}}`);
    }
    expect(differences).toEqual([]);
  });

  it("format every message with next-intl without an error", () => {
    const sample = (type: ArgType): string | number | Date =>
      type === "plural" || type === "selectordinal" || type === "number"
        ? 2
        : type === "date" || type === "time"
          ? new Date(Date.UTC(2025, 0, 15))
          : type === "select"
            ? "other"
            : "VALUE";
    for (const [locale, messages] of [
      ["en", en],
      ["fr", fr],
    ] as const) {
      const errors: string[] = [];
      const t = createTranslator({
        locale,
        messages: messages as Tree,
        timeZone: "America/Toronto",
        onError: (e) => errors.push(`${locale}: ${e.message}`),
      }) as unknown as (key: string, values?: Record<string, string | number | Date>) => string;
      for (const [key, value] of catalogues[locale]) {
        let values: Record<string, string | number | Date>;
        try {
          values = Object.fromEntries([...icuArguments(String(value))].map(([n, type]) => [n, sample(type)]));
        } catch (e) {
          errors.push(`${locale}:${key} ${(e as Error).message}`);
          continue;
        }
        const out = t(key, values);
        if (/[{}]/.test(out)) errors.push(`${locale}:${key} left braces in ${JSON.stringify(out)}`);
      }
      expect(errors).toEqual([]);
    }
  });

  it("pluralise business days and the throttling wait in each language", () => {
    const tEn = createTranslator({ locale: "en", messages: en });
    const tFr = createTranslator({ locale: "fr", messages: fr });
    expect(tEn("sla.businessDays", { count: 1 })).toBe("1 business day");
    expect(tEn("sla.businessDays", { count: 5 })).toBe("5 business days");
    expect(tFr("sla.businessDays", { count: 1 })).toBe("1 jour ouvrable");
    expect(tFr("sla.businessDays", { count: 0 })).toBe("0 jour ouvrable");
    expect(tFr("sla.businessDays", { count: 5 })).toBe("5 jours ouvrables");
    expect(tEn("auth.throttled", { minutes: 1 })).toContain("Wait 1 minute,");
    expect(tFr("auth.throttled", { minutes: 15 })).toContain("Attendez 15 minutes,");
    expect(tEn("notifications.pendingHours", { hours: 24 })).toBe("Notify me of requests pending for 24 business hours or more");
    expect(tFr("common.page", { page: 2, pages: 7 })).toBe("Page 2 de 7");
  });
});

// glossary.md, verbatim: [key, English, Français].
const GLOSSARY: [string, string, string][] = [
  ["app.name", "TRMS", "SGéRN"],
  ["app.autoName", "Auto-TRMS", "Auto-SGéRN"],
  ["tabs.todo", "To Do", "À traiter"],
  ["tabs.incomplete", "Incomplete", "Incomplète"],
  ["tabs.inProgress", "In Progress", "En cours"],
  ["tabs.complete", "Complete", "Terminé"],
  ["statuses.ACTION_REQUIRED", "Action Required", "Action requise"],
  ["statuses.AUTO_PROCESS_ERROR", "Auto-Process Error", "Erreur d'autotraitement"],
  ["statuses.INCOMPLETE_ACTION_REQUIRED", "Action Required", "Action requise"],
  ["statuses.FINANCIAL_HOLD", "Financial Hold", "En attente (raison financière)"],
  ["statuses.NO_ACADEMIC_DATA", "No Academic Data", "Aucune donnée scolaire"],
  ["statuses.STUDENT_NOT_FOUND", "Student Not Found", "Élève introuvable"],
  ["statuses.FILE_UPLOAD_ERROR", "File Upload Error", "Erreur de téléversement de fichier"],
  ["statuses.TRANSCRIPT_UPLOADED", "Transcript File Uploaded to OCAS", "Fichier de relevé de notes téléversé vers OCAS"],
  ["statuses.E_TRANSCRIPT_SENT", "E-Transcript Sent", "Relevé de notes électronique envoyé"],
  ["statuses.PAPER_TRANSCRIPT_SENT", "Transcript Image Sent to OCAS", "Image de relevé envoyée à OCAS"],
  ["statuses.REQUEST_CANCELLED", "Request Cancelled", "Demande annulée"],
  ["columns.requestDate", "Request Date", "Date demande"],
  ["columns.age", "Age", "Âge"],
  ["columns.referenceNumber", "Reference Number", "Numéro de référence"],
  ["columns.name", "Name", "Nom"],
  ["columns.requestType", "Request Type", "Type de demande"],
  ["columns.lastAttended", "Last Attended", "Dernière année d'études"],
  ["columns.sendDate", "Send Date", "Date d'envoi"],
  ["columns.status", "Request Status", "État de la demande"],
  ["columns.school", "School", "École"],
  ["requestTypes.ORIGINAL", "Original", "Originale"],
  ["requestTypes.REISSUE", "Reissue", "Réémission"],
  ["sendOptions.SEND_NOW", "Send Now", "Envoyer maintenant"],
  ["sendOptions.END_OF_SEMESTER", "Send at End of Semester", "Envoyer à la fin de la session"],
  ["actions.upload", "Upload Transcript", "Téléverser relevé de notes"],
  ["actions.noUpload", "Action (No Upload)", "Action (aucun téléversement)"],
  ["actions.reupload", "Re-upload Transcript", "Téléverser relevé de notes de nouveau"],
  ["actions.provideResponse", "Provide a Response", "Fournir une réponse"],
  ["actions.browse", "Browse", "Parcourir"],
  ["actions.submit", "Submit", "Soumettre"],
  ["actions.cancel", "Cancel", "Annuler"],
  ["actions.close", "Close", "Fermer"],
  ["actions.downloadCsv", "Download CSV", "Télécharger en format CSV"],
  ["actions.downloadPdf", "Download PDF", "Télécharger en format PDF"],
  ["actions.validationNo", "No – Cancel and return to previous screen", "Non – Annuler et retourner à l'écran précédent"],
  ["actions.validationYes", "Yes – Save and continue", "Oui – Enregistrer et continuer"],
  ["noUploadActions.PAPER_SENT", "Paper Transcript Sent", "Relevé de notes papier envoyé"],
  ["noUploadActions.STUDENT_NOT_FOUND", "Student Not Found", "Élève introuvable"],
  ["noUploadActions.NO_ACADEMIC_DATA", "No Academic Data", "Aucune donnée scolaire"],
  ["noUploadActions.FINANCIAL_HOLD", "Financial Hold", "En attente (raison financière)"],
  ["search.search", "Search", "Recherche"],
  ["search.startDate", "Start Date", "Date de début"],
  ["search.endDate", "End Date", "Date de fin"],
  ["search.requestNumber", "Request Number", "Numéro de demande"],
  ["search.accountNumber", "Account Number", "Numéro de compte"],
  ["search.referenceNumber", "Reference Number", "Numéro de référence"],
  ["search.oen", "OEN", "NISO"],
  ["search.firstName", "First Name", "Prénom"],
  ["search.lastName", "Last Name", "Nom de famille"],
  ["search.searchButton", "Search", "Chercher"],
  ["search.clear", "Clear", "Effacer"],
  ["search.moreOptions", "More Search Options", "Autres options de recherche"],
  ["search.lastAttendedDate", "Last Attended Date", "Date du dernier séjour"],
  ["search.showStatus", "Show Status", "Afficher statut"],
  ["search.selectAll", "Select All", "Sélectionner tout"],
  ["nav.requests", "Requests", "Demandes"],
  ["nav.reports", "Reports", "Rapports"],
  ["nav.notifications", "Notifications", "Avis"],
  ["nav.languageSwitch", "Français", "English"],
  ["reports.summary", "Summary", "Sommaire"],
  ["reports.detailed", "Detailed", "Détaillé"],
  ["reports.selectSchool", "Select Secondary School", "Sélectionner école secondaire"],
  ["reports.generateReport", "Generate Report", "Générer rapport"],
  ["notifications.enableSummary", "Enable Summary Notifications", "Activer les notifications sommaires"],
  [
    "notifications.completedNotification",
    "Completed Requests Notification (Auto-TRMS users only)",
    "Notification de demandes de relevé de notes complétées (pour les utilisateurs d'Auto-SGéRN seulement)",
  ],
  ["notifications.selectDays", "Select Day(s)", "Sélectionner un jour"],
  ["notifications.selectTime", "Select Time", "Sélectionner une heure"],
  ["notifications.emails", "Email", "Courriel"],
  [
    "notifications.pendingHours",
    "Notify me of requests pending for {hours} business hours or more",
    "Notification pour les demandes de relevé de notes en attente de traitement pendant {hours} heures ouvrables ou plus",
  ],
  ["notifications.eachRequest", "Notify me of each request to process", "Notification pour toute demande de relevé de notes à traiter"],
  ["pages.requestDetails", "Transcript Request – Details", "Détails – Demande de relevé de notes"],
  ["pages.applicantDetails", "Applicant – Details", "Détails – Candidate ou candidat"],
  ["auth.signIn", "Sign In", "Connexion"],
  ["auth.username", "Username", "Nom d'utilisateur"],
  ["auth.password", "Password", "Mot de passe"],
  ["auth.forgot", "Forgot your password or username?", "Vous avez oublié votre mot de passe ou nom d'utilisateur?"],
  // Administration, transmission, alerts (wave 2).
  ["admin.sections.colleges.title", "Colleges", "Collèges"],
  ["colleges.title", "Colleges", "Collèges"],
  ["colleges.columns.code", "College Code", "Code du collège"],
  ["colleges.columns.deliveryUrl", "Delivery URL", "URL de livraison"],
  ["colleges.columns.secret", "Signing Secret", "Secret de signature"],
  ["colleges.columns.active", "Active", "Actif"],
  ["colleges.detail.nameEn", "Name (English)", "Nom (anglais)"],
  ["colleges.detail.nameFr", "Name (French)", "Nom (français)"],
  ["colleges.form.deliveryUrl", "Delivery URL", "URL de livraison"],
  ["colleges.form.active", "Active", "Actif"],
  ["colleges.form.save", "Save", "Enregistrer"],
  ["colleges.secret.title", "Signing Secret", "Secret de signature"],
  ["colleges.secret.generate", "Generate New Secret", "Générer un nouveau secret"],
  ["admin.sections.transmissions.title", "Transmission Log", "Journal des transmissions"],
  ["transmissions.title", "Transmission Log", "Journal des transmissions"],
  ["transmissions.states.DELIVERED", "Delivered", "Livré"],
  ["transmissions.states.RETRYING", "Retrying", "Nouvelle tentative"],
  ["transmissions.states.FAILED", "Failed", "Échec"],
  ["transmissions.states.WAITING_DOWNLOAD", "Waiting for download", "En attente de téléchargement"],
  ["transmissions.states.DOWNLOADED", "Downloaded", "Téléchargé"],
];

describe("glossary strings", () => {
  it.each(GLOSSARY)("%s is verbatim in both languages", (key, english, french) => {
    expect(enFlat.get(key)).toBe(english);
    expect(frFlat.get(key)).toBe(french);
  });

  it("has a label for every request status, in both languages", () => {
    const statuses = GLOSSARY.filter(([k]) => k.startsWith("statuses.")).map(([k]) => k);
    expect(statuses).toHaveLength(11);
    expect([...enFlat.keys()].filter((k) => k.startsWith("statuses.")).sort()).toEqual(statuses.sort());
  });
});
