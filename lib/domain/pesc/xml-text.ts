// The checks an uploaded XML file goes through before any of it is read as a transcript: size, encoding,
// no DTD, well-formedness. Nothing here knows PESC element names (parse-transcript.ts does).
import { XMLValidator } from "fast-xml-parser";
import type { TranscriptError } from "./errors";

export const MAX_TRANSCRIPT_BYTES = 5 * 1024 * 1024;

export type Checked<T> = { ok: true; value: T } | { ok: false; error: TranscriptError };

/** 1-based line of a position in the text. */
export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Line of the first element with this local name (any prefix) and this text; undefined when not found as written. */
export function lineOfElement(text: string, localName: string, value: string): number | undefined {
  const match = new RegExp(`<(?:[^\\s/>:]+:)?${escapeRegExp(localName)}\\s*>\\s*${escapeRegExp(value)}\\s*</`).exec(text);
  return match ? lineAt(text, match.index) : undefined;
}

/** Size in UTF-8 bytes, exact whenever it could exceed the limit: a UTF-16 code unit takes at most 3 bytes. */
function utf8Size(s: string): number {
  return s.length * 3 <= MAX_TRANSCRIPT_BYTES ? s.length : new TextEncoder().encode(s).length;
}

const XML_DECLARATION = /^\uFEFF?<\?xml\s[^?]*\?>/;
const DECLARED_ENCODING = /\sencoding\s*=\s*(?:"([^"]*)"|'([^']*)')/;
const UTF8_NAME = /^utf-?8$/i;

/** The encoding named by the XML declaration, or null when there is none or it names UTF-8. */
function otherDeclaredEncoding(head: string): string | null {
  const declaration = XML_DECLARATION.exec(head)?.[0];
  const match = declaration ? DECLARED_ENCODING.exec(declaration) : null;
  const name = match ? (match[1] ?? match[2] ?? "") : null;
  return name !== null && !UTF8_NAME.test(name) ? name : null;
}

/** The first bytes as Latin-1 text: enough to read an XML declaration before knowing the encoding. */
function asciiHead(bytes: Uint8Array): string {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return String.fromCharCode(...bytes.subarray(start, start + 256));
}

function utf16Name(bytes: Uint8Array): string | null {
  const [a, b] = bytes;
  if ((a === 0xfe && b === 0xff) || (a === 0x00 && b === 0x3c)) return "UTF-16BE";
  if ((a === 0xff && b === 0xfe) || (a === 0x3c && b === 0x00)) return "UTF-16LE";
  return null;
}

/** Byte offset where the first invalid UTF-8 sequence starts (the input is known to be invalid). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const decodes = (end: number, stream: boolean) => {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, end), { stream });
      return true;
    } catch {
      return false;
    }
  };
  // A streaming decode does not fail on a sequence cut at the end, so validity is monotonic in the prefix length.
  let valid = 0;
  let invalid = bytes.length;
  while (invalid - valid > 1) {
    const mid = Math.floor((valid + invalid) / 2);
    if (decodes(mid, true)) valid = mid;
    else invalid = mid;
  }
  if (decodes(valid, false)) return valid;
  // The longest valid prefix ends inside a sequence that the next byte breaks: the error starts at its lead byte.
  let start = valid - 1;
  while (start > 0 && bytes[start]! < 0xc0) start--;
  return start;
}

/** The document's text: at most MAX_TRANSCRIPT_BYTES of UTF-8 (with or without a byte order mark). */
export function decodeTranscriptText(input: Uint8Array | string): Checked<string> {
  const size = typeof input === "string" ? utf8Size(input) : input.byteLength;
  if (size > MAX_TRANSCRIPT_BYTES) {
    return { ok: false, error: { code: "tooLarge", values: { size, limit: MAX_TRANSCRIPT_BYTES, limitMb: MAX_TRANSCRIPT_BYTES / 1024 / 1024 } } };
  }
  if (typeof input === "string") {
    const declared = otherDeclaredEncoding(input.slice(0, 256));
    if (declared !== null) return { ok: false, error: { code: "unsupportedEncoding", values: { encoding: declared } } };
    // Lone surrogates cannot be written in UTF-8.
    if (!input.isWellFormed()) return { ok: false, error: { code: "notUtf8" } };
    return { ok: true, value: input.startsWith("\uFEFF") ? input.slice(1) : input };
  }
  const declared = utf16Name(input) ?? otherDeclaredEncoding(asciiHead(input));
  if (declared !== null) return { ok: false, error: { code: "unsupportedEncoding", values: { encoding: declared } } };
  try {
    // The decoder drops a leading UTF-8 byte order mark.
    return { ok: true, value: new TextDecoder("utf-8", { fatal: true }).decode(input) };
  } catch {
    const offset = firstInvalidUtf8(input);
    let line = 1;
    for (let i = 0; i < offset; i++) if (input[i] === 0x0a) line++;
    return { ok: false, error: { code: "notUtf8", line, values: { offset } } };
  }
}

// Any document type declaration is refused, not just external entities: an internal subset is enough for entity
// expansion bombs, and a transcript needs none. Matched anywhere (comments included) and in any case, on purpose.
const DTD = /<!(?:DOCTYPE|ENTITY)/i;

export function refuseDtd(text: string): TranscriptError | null {
  const match = DTD.exec(text);
  return match ? { code: "doctypeNotAllowed", line: lineAt(text, match.index) } : null;
}

// XML 1.0 allows tab, line feed and carriage return among the control characters, and neither U+FFFE nor U+FFFF.
const FORBIDDEN_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

export function notWellFormed(detail: string, line?: number, column?: number): TranscriptError {
  return { code: "notWellFormed", ...(line !== undefined && { line }), values: { detail, ...(column !== undefined && { column }) } };
}

/** Well-formedness as fast-xml-parser's validator sees it, plus the characters XML forbids. */
export function checkWellFormed(text: string): TranscriptError | null {
  const forbidden = FORBIDDEN_CHAR.exec(text);
  if (forbidden) {
    const codePoint = `U+${forbidden[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
    return notWellFormed(`Character ${codePoint} is not allowed in XML.`, lineAt(text, forbidden.index));
  }
  const result = XMLValidator.validate(text);
  return result === true ? null : notWellFormed(result.err.msg, result.err.line, result.err.col);
}

const PROLOG_ITEM = /\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->/y;
const START_TAG = /<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/y;
const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The root element's qualified name and the namespace it is in ("" when none), read from its start tag. */
export function rootElement(text: string): { qualifiedName: string; localName: string; namespace: string } | null {
  let i = 0;
  for (;;) {
    PROLOG_ITEM.lastIndex = i;
    if (!PROLOG_ITEM.test(text)) break;
    i = PROLOG_ITEM.lastIndex;
  }
  START_TAG.lastIndex = i;
  const tag = START_TAG.exec(text);
  if (!tag) return null;
  const qualifiedName = tag[1]!;
  const colon = qualifiedName.indexOf(":");
  const prefix = colon === -1 ? "" : qualifiedName.slice(0, colon);
  const declaration = prefix ? `xmlns:${prefix}` : "xmlns";
  let namespace = "";
  for (const attribute of (tag[2] ?? "").matchAll(ATTRIBUTE)) {
    if (attribute[1] === declaration) namespace = attribute[2] ?? attribute[3] ?? "";
  }
  return { qualifiedName, localName: qualifiedName.slice(colon + 1), namespace };
}

const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const REFERENCE = /&([^;&\s<]*);/g;

function isXmlChar(c: number): boolean {
  return c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

/** Thrown while decoding text; the parse turns it into a notWellFormed error at the reference's line. */
export class XmlReferenceError extends Error {
  constructor(readonly reference: string) {
    super(`The reference ${reference} is not allowed: only &amp; &lt; &gt; &quot; &apos; and character references are.`);
  }
}

/** Decodes the five predefined entities and character references; anything else is an error. */
export function decodeReferences(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(REFERENCE, (reference, body: string) => {
    if (Object.hasOwn(PREDEFINED_ENTITIES, body)) return PREDEFINED_ENTITIES[body]!;
    const numeric = /^#x([0-9a-fA-F]{1,6})$/.exec(body) ?? /^#([0-9]{1,7})$/.exec(body);
    const codePoint = numeric ? parseInt(numeric[1]!, body.startsWith("#x") ? 16 : 10) : NaN;
    if (!isXmlChar(codePoint)) throw new XmlReferenceError(reference);
    return String.fromCodePoint(codePoint);
  });
}
