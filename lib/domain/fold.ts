// Letters NFKD leaves whole because they are not a base letter plus an accent.
const LETTER_FOLDS: Readonly<Record<string, string>> = { œ: "oe", æ: "ae", ß: "ss", ø: "o", đ: "d", ł: "l" };

/**
 * Key for case- and accent-insensitive prefix search and sorting of names.
 * Marks are stripped only after letters so that emoji keep their variation selectors and keycaps.
 */
export function foldName(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/(\p{L})\p{M}+/gu, "$1")
    .toLowerCase()
    .replace(/[œæßøđł]/g, (c) => LETTER_FOLDS[c]!)
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u2010\u2011]/g, "-")
    .trim()
    .replace(/\s+/g, " ");
}
