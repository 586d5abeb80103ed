// Text a person typed or another system sent, as it may be shown in pages, CSV, PDF and emails (docs/decisions/0020):
// control characters (NUL, line breaks inside a name…), and bidirectional overrides that can make "exe.pdf" read
// "fdp.exe", are refused; so is a value made only of invisible format characters (zero-width spaces).

// C0 and C1 controls, and the bidirectional embeddings, overrides and isolates.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;
const INVISIBLE = /[\p{Cf}\p{Z}\s]/gu;

/** Why a one-line value cannot be kept, or null when it can. */
export function unsafeTextProblem(value: string): "controlCharacters" | "invisibleOnly" | null {
  if (UNSAFE.test(value)) return "controlCharacters";
  if (value.length > 0 && value.replace(INVISIBLE, "") === "") return "invisibleOnly";
  return null;
}

export const isSafeText = (value: string) => unsafeTextProblem(value) === null;
