import { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";
import type { Locale } from "@/lib/i18n/routing";
import { REQUEST_STATUSES, type RequestStatus } from "@/lib/domain/statuses";

export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** A translator for any key of the message files, in `locale` (exports are written outside a page's request). */
export function exportTranslator(locale: Locale): Translate {
  return createTranslator({ locale, messages: locale === "fr" ? fr : en, timeZone: "America/Toronto" }) as unknown as Translate;
}

/**
 * The translated values of an export, looked up once rather than per row: an export formats up to hundreds of
 * thousands of rows.
 */
export function exportValueLabels(t: Translate, locale: Locale) {
  const statuses = Object.fromEntries(REQUEST_STATUSES.map((s) => [s, t(`statuses.${s}`)])) as Record<RequestStatus, string>;
  const requestTypes = { ORIGINAL: t("requestTypes.ORIGINAL"), REISSUE: t("requestTypes.REISSUE") };
  const sendOptions = { SEND_NOW: t("sendOptions.SEND_NOW"), END_OF_SEMESTER: t("sendOptions.END_OF_SEMESTER") };
  const genders: Record<string, string> = { MALE: t("exports.genders.MALE"), FEMALE: t("exports.genders.FEMALE"), X: t("exports.genders.X") };
  const languages: Record<string, string> = { en: t("exports.languages.en"), fr: t("exports.languages.fr") };
  return {
    status: (s: RequestStatus) => statuses[s],
    requestType: (r: keyof typeof requestTypes) => requestTypes[r],
    sendOption: (o: keyof typeof sendOptions) => sendOptions[o],
    // Values from the intake that have no label are shown as given.
    gender: (g: string) => genders[g] ?? g,
    language: (l: string) => languages[l] ?? l,
    schoolName: (s: { nameEn: string; nameFr: string }) => (locale === "fr" ? s.nameFr : s.nameEn),
  };
}
