// The checks an uploaded XML file goes through before any of it is read as a transcript: size, encoding (UTF-8 or
// UTF-16), no DTD, well-formedness; and elements by position, to cut a batch's documents out of its text. Nothing
// here knows PESC element names (parse-transcript.ts and academic-record-batch.ts do).
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
// The names of the two encodings read. A declaration may name either whatever the bytes are: the byte-order mark or
// the first bytes decide between them (a UTF-8 file whose declaration says UTF-16 is what .NET's StringWriter writes).
const UNICODE_NAME = /^utf-?(?:8|16(?:le|be)?)$/i;
const UTF16_NAME = /^utf-?16(?:le|be)?$/i;

/** The encoding named by the XML declaration at the start of the text, or null when there is none or it names none. */
function declaredEncoding(head: string): string | null {
  const declaration = XML_DECLARATION.exec(head)?.[0];
  const match = declaration ? DECLARED_ENCODING.exec(declaration) : null;
  return match ? (match[1] ?? match[2] ?? "") : null;
}

/** The first bytes as Latin-1 text: enough to read an XML declaration before knowing the encoding. */
function asciiHead(bytes: Uint8Array): string {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return String.fromCharCode(...bytes.subarray(start, start + 256));
}

type Utf16 = "UTF-16LE" | "UTF-16BE";
type Sniffed =
  | { encoding: "UTF-8" }
  /** `bom`: by its byte-order mark; otherwise by a declaration's first bytes, which must then say UTF-16. */
  | { encoding: Utf16; bom: boolean }
  /** UTF-16 by its first bytes, with neither a byte-order mark nor a declaration. */
  | { undeclared: Utf16 }
  | { unsupported: string };

/** The encoding family from the first bytes (XML 1.0 appendix F): byte-order marks, then "<?" and "<" in UTF-16/32. */
function sniff(b: Uint8Array): Sniffed {
  const [b0, b1, b2, b3] = b;
  if (b0 === 0x00 && b1 === 0x00 && ((b2 === 0xfe && b3 === 0xff) || (b2 === 0x00 && b3 === 0x3c))) return { unsupported: "UTF-32BE" };
  if ((b0 === 0xff && b1 === 0xfe && b2 === 0x00 && b3 === 0x00) || (b0 === 0x3c && b1 === 0x00 && b2 === 0x00 && b3 === 0x00)) {
    return { unsupported: "UTF-32LE" };
  }
  if (b0 === 0xff && b1 === 0xfe) return { encoding: "UTF-16LE", bom: true };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: "UTF-16BE", bom: true };
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x3f && b3 === 0x00) return { encoding: "UTF-16LE", bom: false };
  if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00 && b3 === 0x3f) return { encoding: "UTF-16BE", bom: false };
  if (b0 === 0x3c && b1 === 0x00) return { undeclared: "UTF-16LE" };
  if (b0 === 0x00 && b1 === 0x3c) return { undeclared: "UTF-16BE" };
  return { encoding: "UTF-8" };
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

/** Byte offset of the first code unit that is not part of a valid UTF-16 sequence, and the line it is on. */
function firstInvalidUtf16(bytes: Uint8Array, encoding: Utf16): { offset: number; line: number } {
  const unit = encoding === "UTF-16LE" ? (i: number) => bytes[i]! | (bytes[i + 1]! << 8) : (i: number) => (bytes[i]! << 8) | bytes[i + 1]!;
  let line = 1;
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const u = unit(i);
    if (u === 0x0a) line++;
    else if (u >= 0xd800 && u <= 0xdbff) {
      const next = i + 3 < bytes.length ? unit(i + 2) : -1;
      if (next < 0xdc00 || next > 0xdfff) return { offset: i, line };
      i += 2;
    } else if (u >= 0xdc00 && u <= 0xdfff) return { offset: i, line };
  }
  // A last byte without its pair.
  return { offset: bytes.length - 1, line };
}

function decodeUtf16(bytes: Uint8Array, encoding: Utf16): Checked<string> {
  try {
    // The decoder drops a leading byte-order mark of its own byte order.
    return { ok: true, value: new TextDecoder(encoding === "UTF-16LE" ? "utf-16le" : "utf-16be", { fatal: true }).decode(bytes) };
  } catch {
    const { offset, line } = firstInvalidUtf16(bytes, encoding);
    return { ok: false, error: { code: "notUtf16", line, values: { offset, encoding } } };
  }
}

function decodeUtf8(bytes: Uint8Array): Checked<string> {
  try {
    // The decoder drops a leading UTF-8 byte order mark.
    return { ok: true, value: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
    return { ok: false, error: { code: "notUtf8", line, values: { offset } } };
  }
}

/**
 * The text of XML bytes in UTF-8 (with or without a byte-order mark) or UTF-16 (little or big endian, by its
 * byte-order mark, or without one when its XML declaration says UTF-16). A declaration naming another encoding is
 * refused; so is UTF-16 that neither a byte-order mark nor a declaration announces. No size limit.
 */
export function decodeXmlBytes(bytes: Uint8Array): Checked<string> {
  const sniffed = sniff(bytes);
  if ("unsupported" in sniffed) return { ok: false, error: { code: "unsupportedEncoding", values: { encoding: sniffed.unsupported } } };
  if ("undeclared" in sniffed) return { ok: false, error: { code: "undeclaredUtf16", values: { encoding: sniffed.undeclared } } };
  if (sniffed.encoding === "UTF-8") {
    const declared = declaredEncoding(asciiHead(bytes));
    if (declared !== null && !UNICODE_NAME.test(declared)) return { ok: false, error: { code: "unsupportedEncoding", values: { encoding: declared } } };
    return decodeUtf8(bytes);
  }
  const decoded = decodeUtf16(bytes, sniffed.encoding);
  if (!decoded.ok) return decoded;
  const declared = declaredEncoding(decoded.value);
  if (declared !== null && !UNICODE_NAME.test(declared)) return { ok: false, error: { code: "unsupportedEncoding", values: { encoding: declared } } };
  // Without a byte-order mark, only the declaration says the file is UTF-16.
  if (!sniffed.bom && (declared === null || !UTF16_NAME.test(declared))) {
    return { ok: false, error: { code: "undeclaredUtf16", values: { encoding: sniffed.encoding } } };
  }
  return decoded;
}

/**
 * The document's text: at most MAX_TRANSCRIPT_BYTES as received (bytes; a string counts in UTF-8 bytes), decoded as
 * decodeXmlBytes says. A string is text already: its declaration may name UTF-8 or UTF-16, nothing else.
 */
export function decodeTranscriptText(input: Uint8Array | string): Checked<string> {
  const size = typeof input === "string" ? utf8Size(input) : input.byteLength;
  if (size > MAX_TRANSCRIPT_BYTES) {
    return { ok: false, error: { code: "tooLarge", values: { size, limit: MAX_TRANSCRIPT_BYTES, limitMb: MAX_TRANSCRIPT_BYTES / 1024 / 1024 } } };
  }
  if (typeof input !== "string") return decodeXmlBytes(input);
  const declared = declaredEncoding(input.slice(0, 256));
  if (declared !== null && !UNICODE_NAME.test(declared)) return { ok: false, error: { code: "unsupportedEncoding", values: { encoding: declared } } };
  // Lone surrogates cannot be written in UTF-8.
  if (!input.isWellFormed()) return { ok: false, error: { code: "notUtf8" } };
  return { ok: true, value: input.startsWith("\uFEFF") ? input.slice(1) : input };
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

/**
 * The document with its root element declaring no default namespace (`xmlns=""`) unless it declares one itself: set
 * inside a batch whose default namespace is the batch's, its unprefixed elements (PESC's local elements are
 * unqualified) keep no namespace, as in the file received. Nothing else changes.
 */
export function isolatedFromDefaultNamespace(text: string): string {
  let i = 0;
  for (;;) {
    PROLOG_ITEM.lastIndex = i;
    if (!PROLOG_ITEM.test(text)) break;
    i = PROLOG_ITEM.lastIndex;
  }
  START_TAG.lastIndex = i;
  const tag = START_TAG.exec(text);
  if (!tag) return text;
  for (const attribute of (tag[2] ?? "").matchAll(ATTRIBUTE)) if (attribute[1] === "xmlns") return text;
  const at = i + 1 + tag[1]!.length;
  return `${text.slice(0, at)} xmlns=""${text.slice(at)}`;
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

// Elements by position, for a document known to be well-formed (checkWellFormed passed): a batch's documents are cut
// out of its text by these spans, so that each keeps its text exactly as written.

/** An element's place in the text; `declarations` are the namespace declarations of its start tag ("" = default), values as written. */
export type ElementSpan = {
  qualifiedName: string;
  localName: string;
  prefix: string;
  /** Index of its start tag's "<". */
  start: number;
  /** Index just after its start tag. */
  contentStart: number;
  /** Index of its end tag's "<" (contentStart for an empty-element tag). */
  contentEnd: number;
  /** Index just after its end tag. */
  end: number;
  declarations: ReadonlyMap<string, string>;
};

function declarationsOf(attributes: string): Map<string, string> {
  const declarations = new Map<string, string>();
  for (const attribute of attributes.matchAll(ATTRIBUTE)) {
    const name = attribute[1]!;
    if (name === "xmlns") declarations.set("", attribute[2] ?? attribute[3] ?? "");
    else if (name.startsWith("xmlns:")) declarations.set(name.slice(6), attribute[2] ?? attribute[3] ?? "");
  }
  return declarations;
}

type StartTag = { qualifiedName: string; attributes: string; end: number; empty: boolean };

function startTagAt(text: string, index: number): StartTag {
  START_TAG.lastIndex = index;
  const tag = START_TAG.exec(text);
  if (!tag) throw new Error(`XML: no start tag at ${index}`);
  return { qualifiedName: tag[1]!, attributes: tag[2] ?? "", end: START_TAG.lastIndex, empty: tag[0].endsWith("/>") };
}

function spanOf(tag: StartTag, start: number, contentEnd: number, end: number): ElementSpan {
  const colon = tag.qualifiedName.indexOf(":");
  return {
    qualifiedName: tag.qualifiedName,
    localName: tag.qualifiedName.slice(colon + 1),
    prefix: colon === -1 ? "" : tag.qualifiedName.slice(0, colon),
    start,
    contentStart: tag.end,
    contentEnd,
    end,
    declarations: declarationsOf(tag.attributes),
  };
}

function skipPast(text: string, from: number, marker: string): number {
  const at = text.indexOf(marker, from);
  if (at === -1) throw new Error(`XML: ${marker} not found`);
  return at + marker.length;
}

/** The element whose start tag is at `start`, and its child elements, in one pass over its content. */
export function scanElement(text: string, start: number): { element: ElementSpan; children: ElementSpan[] } {
  const tag = startTagAt(text, start);
  if (tag.empty) return { element: spanOf(tag, start, tag.end, tag.end), children: [] };
  const children: ElementSpan[] = [];
  let child: { tag: StartTag; start: number } | null = null;
  let depth = 0;
  let i = tag.end;
  for (;;) {
    const lt = text.indexOf("<", i);
    if (lt === -1) throw new Error(`XML: ${tag.qualifiedName} is not closed`);
    const next = text.charCodeAt(lt + 1);
    if (next === 0x21 /* ! */)
      i = text.startsWith("<!--", lt) ? skipPast(text, lt + 4, "-->") : skipPast(text, lt + 2, text.startsWith("<![CDATA[", lt) ? "]]>" : ">");
    else if (next === 0x3f /* ? */) i = skipPast(text, lt + 2, "?>");
    else if (next === 0x2f /* / */) {
      const end = skipPast(text, lt + 2, ">");
      if (depth === 0) return { element: spanOf(tag, start, lt, end), children };
      depth--;
      if (depth === 0 && child) {
        children.push(spanOf(child.tag, child.start, lt, end));
        child = null;
      }
      i = end;
    } else {
      const inner = startTagAt(text, lt);
      if (depth === 0) {
        if (inner.empty) children.push(spanOf(inner, lt, inner.end, inner.end));
        else child = { tag: inner, start: lt };
      }
      if (!inner.empty) depth++;
      i = inner.end;
    }
  }
}

/** Index of the root element's start tag (after the declaration, comments and processing instructions), or -1. */
export function rootStart(text: string): number {
  let i = 0;
  for (;;) {
    PROLOG_ITEM.lastIndex = i;
    if (!PROLOG_ITEM.test(text)) break;
    i = PROLOG_ITEM.lastIndex;
  }
  return text.startsWith("<", i) ? i : -1;
}

/** Whether only comments, processing instructions and white space follow `index` (nothing after the root). */
export function onlyMiscAfter(text: string, index: number): boolean {
  let i = index;
  for (;;) {
    PROLOG_ITEM.lastIndex = i;
    if (!PROLOG_ITEM.test(text)) break;
    i = PROLOG_ITEM.lastIndex;
  }
  return i === text.length;
}

/** The namespace declarations in scope at an element inside `ancestors` (outermost first), its own included. */
export function inScopeDeclarations(ancestors: readonly ElementSpan[], element: ElementSpan): Map<string, string> {
  const scope = new Map<string, string>();
  for (const e of [...ancestors, element]) for (const [prefix, uri] of e.declarations) scope.set(prefix, uri);
  return scope;
}

/**
 * The element's text exactly as written, made a document of its own: the namespace declarations it inherits from
 * `ancestors` and does not make itself are written into its start tag (after its name), so that every prefix in it
 * means what it meant in place. No line break is added: line n of the element is line n of the result.
 */
export function standaloneElement(text: string, ancestors: readonly ElementSpan[], element: ElementSpan): string {
  const inherited: string[] = [];
  const own = element.declarations;
  const scope = inScopeDeclarations(ancestors, { ...element, declarations: new Map() });
  for (const [prefix, uri] of scope) {
    if (own.has(prefix)) continue;
    // An inherited undeclared default namespace (xmlns="") needs no declaration in a document of its own.
    if (prefix === "" && uri === "") continue;
    // As written (references included), in quotes it cannot contain.
    const quote = uri.includes('"') ? "'" : '"';
    inherited.push(` ${prefix === "" ? "xmlns" : `xmlns:${prefix}`}=${quote}${uri}${quote}`);
  }
  const nameEnd = element.start + 1 + element.qualifiedName.length;
  return text.slice(element.start, nameEnd) + inherited.join("") + text.slice(nameEnd, element.end);
}
