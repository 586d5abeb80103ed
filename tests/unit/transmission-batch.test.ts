import { XMLParser, XMLValidator } from "fast-xml-parser";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { BATCH_TAIL, batchHead, pdfItem, xmlItem } from "@/lib/domain/pesc/academic-record-batch";
import { batchIdOf, parseBatchId } from "@/lib/domain/transmission/batch-id";
import { retryAfterMs, verdictOf, waitBeforeNextAttempt } from "@/lib/domain/transmission/delivery-policy";
import { nextItemState, statesBefore, ITEM_EVENTS, ITEM_STATES } from "@/lib/domain/transmission/item-state";
import { ReceiptSchema } from "@/lib/domain/transmission/receipt";
import { torontoDateTime } from "@/lib/domain/business-days";
import { readManifest } from "@/tests/doubles/college-server.mjs";

// The pure parts of the nightly transmission (contracts §4): the batch document and its manifest, the BatchID, the
// life of an item, how an answer is read, the receipt's shape.

const FIXTURE = fs.readFileSync("tests/fixtures/pesc/ontario-highschool-transcript.xml");

function batchOf(items: { text: string; ref: string; format: "XML" | "PDF"; type?: "Original" | "Reissue" }[]) {
  const head = batchHead({
    batchId: "TRMS-SENE-2026-12-01-001",
    batchDateTime: "2026-12-01T02:00:04-05:00",
    destination: { code: "SENE", name: "Seneca Polytechnic & Co <Toronto>" },
    items: items.map((i, n) => ({ sequence: n + 1, referenceNumber: i.ref, transmissionType: i.type ?? "Original", format: i.format, sha256: "a".repeat(64) })),
  });
  return head + items.map((i) => i.text).join("") + BATCH_TAIL;
}

describe("the batch document", () => {
  it("is a well-formed AcademicRecordBatch: envelope, manifest in the TRMS namespace, then the content", () => {
    const text = batchOf([
      { text: xmlItem(FIXTURE), ref: "REF-45454545", format: "XML" },
      { text: pdfItem(2, "REF-10000002", Buffer.from("%PDF-1.4 x").toString("base64")), ref: "REF-10000002", format: "PDF", type: "Reissue" },
    ]);
    expect(XMLValidator.validate(text)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(text);
    const root = doc.AcademicRecordBatch;
    expect(root["@_xmlns"]).toBe("urn:org:pesc:message:AcademicRecordBatch:v2.1.0");
    expect(root["@_xmlns:trms"]).toBe("urn:ca:trms:batch:v1");
    expect(root.BatchEnvelope.BatchID).toBe("TRMS-SENE-2026-12-01-001");
    expect(root.BatchEnvelope.BatchDateTime).toBe("2026-12-01T02:00:04-05:00");
    expect(root.BatchEnvelope.BatchDeliveryMethod).toBe("ParseBatch");
    expect(root.BatchEnvelope.SourceAgency.Organization.OrganizationName).toBe("TRMS");
    // Text is escaped.
    expect(root.BatchEnvelope.DestinationAgency.Organization).toEqual({ LocalOrganizationID: "SENE", OrganizationName: "Seneca Polytechnic & Co <Toronto>" });
    expect(text).toContain("<OrganizationName>Seneca Polytechnic &amp; Co &lt;Toronto&gt;</OrganizationName>");
    expect(root.BatchEnvelope["trms:Manifest"]["@_count"]).toBe("2");
    expect(readManifest(Buffer.from(text))).toEqual([
      { sequence: 1, referenceNumber: "REF-45454545", transmissionType: "Original", format: "XML", sha256: "a".repeat(64) },
      { sequence: 2, referenceNumber: "REF-10000002", transmissionType: "Reissue", format: "PDF", sha256: "a".repeat(64) },
    ]);
    expect(root.BatchContent["trms:PDFTranscript"]).toMatchObject({
      "@_sequence": "2",
      "@_referenceNumber": "REF-10000002",
      "#text": Buffer.from("%PDF-1.4 x").toString("base64"),
    });
    expect(Object.keys(root.BatchContent).some((k) => k.endsWith("HighSchoolTranscript"))).toBe(true);
  });

  it("keeps an XML transcript as received, without its declaration and byte-order mark, its elements in their own namespaces", () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), FIXTURE]);
    const item = xmlItem(withBom);
    expect(item.startsWith("\uFEFF")).toBe(false);
    expect(item).not.toMatch(/<\?xml/);
    const body = FIXTURE.toString("utf8")
      .replace(/^\s*<\?xml[^?]*\?>\s*/, "")
      .trimEnd();
    // Only `xmlns=""` on its root: inside the batch (whose default namespace is the batch's), the transcript's
    // unprefixed elements keep no namespace, as in the file.
    expect(item).toBe(`${body.replace("<ns0:HighSchoolTranscript ", '<ns0:HighSchoolTranscript xmlns="" ')}\n`);
    const declaresDefault = '<HighSchoolTranscript xmlns="urn:org:pesc:message:HighSchoolTranscript:v1.5.0"><Student/></HighSchoolTranscript>';
    expect(xmlItem(declaresDefault)).toBe(`${declaresDefault}\n`);
    expect(xmlItem("<!-- note --><Transcript><A/></Transcript>")).toBe('<!-- note --><Transcript xmlns=""><A/></Transcript>\n');
    expect(xmlItem(FIXTURE.toString("utf8"))).toBe(item);
  });

  it("decodes a UTF-16 transcript (by its byte-order mark) into the UTF-8 batch", () => {
    const text = FIXTURE.toString("utf8").replace('encoding="UTF-8"', 'encoding="UTF-16"');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const be = Buffer.from(le);
    be.swap16();
    const expected = xmlItem(FIXTURE);
    expect(xmlItem(le)).toBe(expected);
    expect(xmlItem(be)).toBe(expected);
  });

  it("escapes a reference number in the PDF element and the manifest", () => {
    expect(pdfItem(1, 'REF-"<1>', "AA==")).toBe('<trms:PDFTranscript sequence="1" referenceNumber="REF-&quot;&lt;1&gt;">AA==</trms:PDFTranscript>\n');
  });

  it("dates the batch in Toronto time with its offset, summer and winter", () => {
    expect(torontoDateTime(new Date("2026-12-01T07:00:04Z"))).toBe("2026-12-01T02:00:04-05:00");
    expect(torontoDateTime(new Date("2026-07-01T06:00:04Z"))).toBe("2026-07-01T02:00:04-04:00");
  });
});

describe("the BatchID", () => {
  it("names the college, the night and the batch's number", () => {
    expect(batchIdOf("SENE", "2026-12-01", 1)).toBe("TRMS-SENE-2026-12-01-001");
    expect(batchIdOf("SENE", "2026-12-01", 42)).toBe("TRMS-SENE-2026-12-01-042");
    expect(parseBatchId("TRMS-SENE-2026-12-01-042")).toEqual({ collegeCode: "SENE", night: "2026-12-01", sequence: 42 });
    expect(parseBatchId("TRMS-sene-2026-12-01-042")).toBeNull();
    expect(parseBatchId("SENE-2026-12-01-001")).toBeNull();
  });
});

describe("an item's life", () => {
  it("moves only as the table says", () => {
    expect(nextItemState("PENDING", "batched")).toBe("BATCHED");
    expect(nextItemState("BATCHED", "delivered")).toBe("DELIVERED");
    expect(nextItemState("DELIVERED", "resubmit")).toBe("PENDING");
    expect(nextItemState("PENDING", "dropped")).toBe("DROPPED");
    expect(nextItemState("PENDING", "superseded")).toBe("SUPERSEDED");
    expect(nextItemState("BATCHED", "unbatched")).toBe("PENDING");
    // Never delivered twice, never dropped once it left, never back from dropped or superseded.
    expect(nextItemState("DELIVERED", "delivered")).toBeNull();
    expect(nextItemState("DELIVERED", "batched")).toBeNull();
    expect(nextItemState("BATCHED", "dropped")).toBeNull();
    expect(nextItemState("BATCHED", "batched")).toBeNull();
    for (const event of ITEM_EVENTS) {
      expect(nextItemState("DROPPED", event)).toBeNull();
      expect(nextItemState("SUPERSEDED", event)).toBeNull();
    }
    expect(statesBefore("dropped")).toEqual(["PENDING"]);
    expect(statesBefore("delivered")).toEqual(["BATCHED"]);
    expect(ITEM_STATES).toHaveLength(5);
  });
});

describe("a college's answer", () => {
  it("delivers on 2xx, turns the endpoint off on 410, retries anything else", () => {
    expect(verdictOf(200)).toBe("delivered");
    expect(verdictOf(204)).toBe("delivered");
    expect(verdictOf(410)).toBe("gone");
    for (const status of [null, 301, 400, 401, 404, 429, 500, 503]) expect(verdictOf(status)).toBe("retry");
  });

  it("waits 2 s then 10 s, or what Retry-After asks up to 2 minutes; 3 attempts", () => {
    expect(waitBeforeNextAttempt(1, null)).toBe(2_000);
    expect(waitBeforeNextAttempt(2, null)).toBe(10_000);
    expect(waitBeforeNextAttempt(3, null)).toBeNull();
    expect(waitBeforeNextAttempt(1, 5_000)).toBe(5_000);
    expect(waitBeforeNextAttempt(1, 120_000)).toBe(120_000);
    expect(waitBeforeNextAttempt(1, 120_001)).toBeNull();
    const now = new Date("2026-12-01T07:00:00Z");
    expect(retryAfterMs("7", now)).toBe(7_000);
    expect(retryAfterMs("Tue, 01 Dec 2026 07:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs("Tue, 01 Dec 2026 06:00:00 GMT", now)).toBe(0);
    expect(retryAfterMs("soon", now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
});

describe("a receipt", () => {
  it("names a batch and, per reference, CONFIRMED or RESUBMIT with a reason", () => {
    const ok = ReceiptSchema.safeParse({
      batchId: "TRMS-SENE-2026-12-01-001",
      items: [
        { referenceNumber: "REF-45454545", status: "CONFIRMED" },
        { referenceNumber: "REF-10000002", status: "RESUBMIT", reason: "unreadable PDF" },
      ],
      receivedAt: "2026-12-01T08:00:00Z",
    });
    expect(ok.success).toBe(true);
    for (const bad of [
      {},
      { batchId: "x", items: [] },
      { batchId: "x", items: [{ referenceNumber: "REF-1", status: "CONFIRMED" }] },
      { batchId: "x", items: [{ referenceNumber: "REF-45454545", status: "LOST" }] },
      { batchId: "x", items: [{ referenceNumber: "REF-45454545", status: "RESUBMIT", reason: "r".repeat(501) }] },
    ])
      expect(ReceiptSchema.safeParse(bad).success).toBe(false);
  });
});
