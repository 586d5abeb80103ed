// The PESC AcademicRecordBatch envelope (contracts §3, §4): TRMS writes its nightly transmission to each college in
// it — the envelope, TRMS's manifest in its own namespace, then the content — and reads the batches a provincial SIS
// exports (batchDocuments). With the parser, the only place that knows these element names.
import {
  decodeXmlBytes,
  inScopeDeclarations,
  isolatedFromDefaultNamespace,
  onlyMiscAfter,
  rootElement,
  rootStart,
  scanElement,
  standaloneElement,
  type ElementSpan,
} from "./xml-text";

/** The namespace TRMS writes. */
export const ACADEMIC_RECORD_BATCH_NS = "urn:org:pesc:message:AcademicRecordBatch:v2.1.0";
/** The namespaces it reads: any 1.x or 2.x version, as the parser takes any HighSchoolTranscript 1.x. */
const ACADEMIC_RECORD_BATCH_READ_NS = /^urn:org:pesc:message:AcademicRecordBatch:v([12]\.(?:0|[1-9]\d?)\.(?:0|[1-9]\d*))$/;
const BATCH_ROOT = "AcademicRecordBatch";
const BATCH_ENVELOPE = "BatchEnvelope";
const BATCH_CONTENT = "BatchContent";
export const TRMS_BATCH_NS = "urn:ca:trms:batch:v1";

export type TransmissionType = "Original" | "Reissue";
export type ItemFormat = "XML" | "PDF";

export type ManifestItem = {
  sequence: number;
  referenceNumber: string;
  transmissionType: TransmissionType;
  format: ItemFormat;
  /** Of the item's bytes as stored (the received XML file, or the PDF). */
  sha256: string;
};

export type BatchHead = {
  batchId: string;
  /** ISO 8601 with the Toronto offset, e.g. 2026-12-01T02:00:04-05:00. */
  batchDateTime: string;
  destination: { code: string; name: string };
  items: readonly ManifestItem[];
};

const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttribute = (s: string) => escapeText(s).replace(/"/g, "&quot;");

/** Everything up to the first item: declaration, envelope with the manifest, the opening of the content. */
export function batchHead(head: BatchHead): string {
  const manifest = head.items
    .map(
      (i) =>
        `      <trms:Item sequence="${i.sequence}" referenceNumber="${escapeAttribute(i.referenceNumber)}" transmissionType="${i.transmissionType}" format="${i.format}" sha256="${escapeAttribute(i.sha256)}"/>\n`,
    )
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<AcademicRecordBatch xmlns="${ACADEMIC_RECORD_BATCH_NS}" xmlns:trms="${TRMS_BATCH_NS}">\n` +
    `  <BatchEnvelope>\n` +
    `    <BatchID>${escapeText(head.batchId)}</BatchID>\n` +
    `    <BatchDateTime>${escapeText(head.batchDateTime)}</BatchDateTime>\n` +
    `    <BatchDeliveryMethod>ParseBatch</BatchDeliveryMethod>\n` +
    `    <SourceAgency><Organization><OrganizationName>TRMS</OrganizationName></Organization></SourceAgency>\n` +
    `    <DestinationAgency><Organization><LocalOrganizationID>${escapeText(head.destination.code)}</LocalOrganizationID>` +
    `<OrganizationName>${escapeText(head.destination.name)}</OrganizationName></Organization></DestinationAgency>\n` +
    `    <trms:Manifest count="${head.items.length}">\n${manifest}    </trms:Manifest>\n` +
    `  </BatchEnvelope>\n` +
    `  <BatchContent>\n`
  );
}

export const BATCH_TAIL = `  </BatchContent>\n</AcademicRecordBatch>\n`;

const XML_DECLARATION = /^\s*<\?xml\s[^?]*\?>\s*/;

/**
 * A received XML transcript as an item of the content: the HighSchoolTranscript element as received, without the
 * byte-order mark and the XML declaration (which may only open a document). UTF-16 files are decoded (by their
 * byte-order mark or declaration): the batch is UTF-8. A file that is itself a batch of one (a single upload or an
 * SIS answer kept as received) gives its one document, with the namespace declarations it inherited. Its root gets
 * `xmlns=""` unless it declares a default namespace: the batch's default namespace must not become its elements'.
 */
export function xmlItem(received: string | Uint8Array): string {
  const text = (typeof received === "string" ? received : decodeXml(received)).replace(/^\uFEFF/, "").replace(XML_DECLARATION, "");
  const root = rootElement(text);
  if (root === null || !isAcademicRecordBatch(root)) return `${isolatedFromDefaultNamespace(text).trimEnd()}\n`;
  const documents = batchDocuments(text);
  if (documents === null || documents.length !== 1) throw new Error("a stored XML transcript that is a batch must hold exactly one document");
  return `${isolatedFromDefaultNamespace(documents[0]!.text).trimEnd()}\n`;
}

/** A PDF transcript as an item of the content: its bytes in base64, with the sequence and reference of the manifest. */
export function pdfItem(sequence: number, referenceNumber: string, base64: string): string {
  return `<trms:PDFTranscript sequence="${sequence}" referenceNumber="${escapeAttribute(referenceNumber)}">${base64}</trms:PDFTranscript>\n`;
}

function decodeXml(bytes: Uint8Array): string {
  const decoded = decodeXmlBytes(bytes);
  // Stored transcripts passed the parser's checks when they were received.
  if (!decoded.ok) throw new Error(`a stored XML transcript cannot be decoded: ${decoded.error.code}`);
  return decoded.value;
}

/** Whether a root element is an AcademicRecordBatch this module reads (any prefix, a 1.x or 2.x namespace). */
export function isAcademicRecordBatch(root: { localName: string; namespace: string }): boolean {
  return root.localName === BATCH_ROOT && ACADEMIC_RECORD_BATCH_READ_NS.test(root.namespace);
}

/** A document of a batch, cut out of its text. */
export type BatchDocument = {
  /** Its place in the batch: 1 for the first. */
  number: number;
  localName: string;
  /** The namespace its element is in ("" when none). */
  namespace: string;
  /** Its element exactly as written, with the namespace declarations it inherits from the envelope (standaloneElement). */
  text: string;
  /** The line of the batch its start tag is on. */
  line: number;
};

/**
 * The documents of a well-formed batch (its root known to be an AcademicRecordBatch), in order: the elements of its
 * BatchContent (v2.x), or, without one, the root's elements other than its BatchEnvelope (v1.x puts the transcripts
 * right in the root). Null when anything but comments, processing instructions and white space follows the root.
 */
export function batchDocuments(text: string): BatchDocument[] | null {
  const start = rootStart(text);
  if (start === -1) return null;
  const { element: root, children } = scanElement(text, start);
  if (!onlyMiscAfter(text, root.end)) return null;
  const contents = children.filter((c) => c.localName === BATCH_CONTENT);
  const groups: { ancestors: ElementSpan[]; elements: ElementSpan[] }[] =
    contents.length > 0
      ? contents.map((content) => ({ ancestors: [root, content], elements: scanElement(text, content.start).children }))
      : [{ ancestors: [root], elements: children.filter((c) => c.localName !== BATCH_ENVELOPE) }];
  const documents: BatchDocument[] = [];
  // Lines counted once over the text, not from its start for each document.
  let counted = 0;
  let line = 1;
  const lineOf = (index: number) => {
    for (let i = text.indexOf("\n", counted); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line++;
    counted = index;
    return line;
  };
  for (const { ancestors, elements } of groups) {
    for (const element of elements) {
      documents.push({
        number: documents.length + 1,
        localName: element.localName,
        namespace: inScopeDeclarations(ancestors, element).get(element.prefix) ?? "",
        text: standaloneElement(text, ancestors, element),
        line: lineOf(element.start),
      });
    }
  }
  return documents;
}

/** A document of a batch as a file of its own: UTF-8, with its declaration. What Bulk Upload keeps of each transcript. */
export function documentAsFile(document: Pick<BatchDocument, "text">): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${document.text}\n`;
}
