// The PESC AcademicRecordBatch envelope (contracts §3, §4): TRMS writes its nightly transmission to each college in
// it — the envelope, TRMS's manifest in its own namespace, then the content — and reads the batches a provincial SIS
// exports. With the parser, the only place that knows these element names.

export const ACADEMIC_RECORD_BATCH_NS = "urn:org:pesc:message:AcademicRecordBatch:v2.1.0";
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
 * byte-order mark): the batch is UTF-8.
 */
export function xmlItem(received: string | Uint8Array): string {
  const text = typeof received === "string" ? received : decodeXml(received);
  return `${text
    .replace(/^\uFEFF/, "")
    .replace(XML_DECLARATION, "")
    .trimEnd()}\n`;
}

/** A PDF transcript as an item of the content: its bytes in base64, with the sequence and reference of the manifest. */
export function pdfItem(sequence: number, referenceNumber: string, base64: string): string {
  return `<trms:PDFTranscript sequence="${sequence}" referenceNumber="${escapeAttribute(referenceNumber)}">${base64}</trms:PDFTranscript>\n`;
}

function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  return new TextDecoder("utf-8").decode(bytes);
}
