import type { RequestSearch } from "./request-search";
import { tabParamOf } from "./statuses";

// CSV safety for spreadsheets. Quoting (commas, quotes, line breaks) is csv-stringify's job; this module only
// stops a cell from being read as a formula and names the files.

/** Excel and LibreOffice detect UTF-8 (accents in both languages) only with a byte order mark. */
export const UTF8_BOM = "\ufeff";

// OWASP "CSV Injection": a cell starting with = + - @ TAB or CR is a formula to a spreadsheet; spreadsheets also
// skip leading spaces and line breaks before deciding, so look past those too.
const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@])/;

/** The value with a leading apostrophe when a spreadsheet would read it as a formula; otherwise unchanged. */
export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A text cell: empty for a missing value, never a formula. */
export function csvText(value: string | null | undefined): string {
  return value == null ? "" : neutralizeFormula(value);
}

/** `trms-requests-<tab or "search">-<date>.<ext>`: the tab when the export is a tab, "search" for a status search. */
export function exportFileName(search: Pick<RequestSearch, "tab" | "statuses">, torontoDate: string, extension: "csv" | "pdf"): string {
  const what = search.statuses === null ? tabParamOf(search.tab) : "search";
  return `trms-requests-${what}-${torontoDate}.${extension}`;
}
