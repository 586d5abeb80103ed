// Why a transcript file is refused. The UI translates `pesc.errors.<code>` with `values`; `line` and `element`
// say where, when that is known, and `document` which transcript of a batch file (1 for its first). The codes are
// stable: stored reasons and message files depend on them.

export const TRANSCRIPT_ERROR_CODES = [
  "tooLarge",
  "unsupportedEncoding",
  "notUtf8",
  "notUtf16",
  "undeclaredUtf16",
  "doctypeNotAllowed",
  "notWellFormed",
  "wrongRoot",
  "wrongDocument",
  "emptyBatch",
  "batchOfSeveral",
  "missingName",
  "missingBirthDate",
  "invalidDate",
  "invalidOen",
] as const;
export type TranscriptErrorCode = (typeof TRANSCRIPT_ERROR_CODES)[number];

export type TranscriptError = {
  code: TranscriptErrorCode;
  values?: Record<string, string | number>;
  line?: number;
  element?: string;
  document?: number;
};

export function isTranscriptErrorCode(s: string): s is TranscriptErrorCode {
  return (TRANSCRIPT_ERROR_CODES as readonly string[]).includes(s);
}
