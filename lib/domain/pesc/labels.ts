// The PESC labels of labels-data.ts, looked up by key in the page's language. The label files name fields only
// ("Surname", "Course No", "Grade Status"); they hold no words for code values ("NinthGrade", "PassFailPass"),
// which readable.ts translates through the message files.
import { PESC_LABEL_KEYS, PESC_LABELS, type PescLabelKey } from "./labels-data";

export { PESC_LABEL_KEYS, type PescLabelKey } from "./labels-data";

export type LabelLocale = "en" | "fr";

const KEYS: ReadonlySet<string> = new Set(PESC_LABEL_KEYS);

export function isPescLabelKey(key: string): key is PescLabelKey {
  return KEYS.has(key);
}

/** The label as written in the file, trailing colon and spacing included ("Surname: ", "Nom : "). */
export function rawPescLabel(locale: LabelLocale, key: PescLabelKey): string {
  return PESC_LABELS[locale][key];
}

// The files end most labels with ": " (English) or " : " (French, with its space before the colon); a label shown
// as a column heading or a term of a list needs neither.
const TRAILING_COLON = /[\s\u00a0]*:?[\s\u00a0]*$/;

/** The label for a heading or a term: "Surname: " → "Surname", "Date de naissance : " → "Date de naissance". */
export function pescLabel(locale: LabelLocale, key: PescLabelKey): string {
  return rawPescLabel(locale, key).replace(TRAILING_COLON, "");
}
