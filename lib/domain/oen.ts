/** Placeholder the application sends when the applicant does not know their OEN. */
export const OEN_UNKNOWN = "000000000";

/** Nine digits (the check digit is not part of the format: see hasValidOenCheckDigit). */
export const OEN_FORMAT = /^[0-9]{9}$/;

export function isOenFormat(s: string): boolean {
  return OEN_FORMAT.test(s);
}

/** Luhn mod-10 over all nine digits, the last being the check digit. */
export function hasValidOenCheckDigit(s: string): boolean {
  if (!isOenFormat(s)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const digit = s.charCodeAt(8 - i) - 48;
    const weighted = i % 2 === 1 ? digit * 2 : digit;
    sum += weighted > 9 ? weighted - 9 : weighted;
  }
  return sum % 10 === 0;
}

// Applicants and SIS exports write OENs as "123-456-782" or "123 456 782".
const SEPARATORS = /[\s\-\u2010-\u2015]/g;

/** The OEN as stored, or null when there is none; the format is left for isOenFormat to judge. */
export function normalizeOen(s: string | null | undefined): string | null {
  const stripped = (s ?? "").replace(SEPARATORS, "");
  return stripped === "" || stripped === OEN_UNKNOWN ? null : stripped;
}
