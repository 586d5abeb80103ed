import type { RequestSearch } from "./request-search";
import { tabParamOf } from "./statuses";

// CSV for spreadsheets: RFC 4180 quoting, cells that are never read as a formula, and the files' names.

/** Excel and LibreOffice detect UTF-8 (accents in both languages) only with a byte order mark. */
export const UTF8_BOM = "\ufeff";

// OWASP "CSV Injection": a cell starting with = + - @ TAB or CR is a formula to a spreadsheet; spreadsheets also
// skip leading spaces and line breaks before deciding, so look past those too.
const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@])/;

/** The value with a leading apostrophe when a spreadsheet would read it as a formula; otherwise unchanged. */
export function neutralizeFormula(value: string): string {
  // Most cells start with a letter or a digit, which can start neither a formula nor white space: no regex.
  const first = value.charCodeAt(0);
  if ((first > 0x40 && first < 0x7f) || (first >= 0x30 && first <= 0x39)) return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A text cell: empty for a missing value, never a formula. */
export function csvText(value: string | null | undefined): string {
  return value == null ? "" : neutralizeFormula(value);
}

const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE = /"/g;

/**
 * One field of a record (RFC 4180): quoted when it holds a comma, a double quote or a line break, with its
 * quotes doubled; otherwise as is. The same rule as csv-stringify with CRLF records, written out because it runs
 * for every cell of an export of hundreds of thousands of rows.
 */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(QUOTE, '""')}"` : value;
}

/** A record: its fields quoted as needed, separated by commas, ended by CRLF (as RFC 4180 and Excel expect). */
export function csvRecord(fields: readonly string[]): string {
  let line = "";
  for (let i = 0; i < fields.length; i++) line += (i === 0 ? "" : ",") + csvField(fields[i]!);
  return `${line}\r\n`;
}

/** `trms-requests-<tab or "search">-<date>.<ext>`: the tab when the export is a tab, "search" for a status search. */
export function exportFileName(search: Pick<RequestSearch, "tab" | "statuses">, torontoDate: string, extension: "csv" | "pdf"): string {
  const what = search.statuses === null ? tabParamOf(search.tab) : "search";
  return `trms-requests-${what}-${torontoDate}.${extension}`;
}
