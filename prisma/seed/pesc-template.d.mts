// Types of pesc-template.mjs.
export declare const PESC_FIXTURE_RELATIVE_PATH: string;

export interface PescTranscriptInput {
  referenceNumber: string;
  firstName: string;
  middleName?: string | null;
  lastName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  /** "MALE" | "FEMALE" | "X" (as stored on the applicant); written as Male / Female / X. */
  gender: string;
  /** 9 digits, or null when unknown (written as 000000000). */
  oen: string | null;
  schoolName: string;
  mident: string;
  /** Optional extras: kept from the example when not given. */
  studentNumber?: string | null;
  boardName?: string;
  boardNumber?: string;
  /** TransmissionData/CreatedDateTime (defaults to the example's). */
  createdAt?: Date;
}

export declare function pescTemplate(): string;
export declare function escapeXml(s: string): string;
export declare function buildPescTranscript(input: PescTranscriptInput): string;
export declare function withXmlDeclaration(xml: string, encoding: string | null): string;
export interface PescBatchOptions {
  /** Of the namespace, e.g. "v2.1.0" (default) or "v1.0.0". */
  version?: string;
  /** "arb" by default; "" for the default namespace. */
  prefix?: string;
  /** The transcripts right in the root (v1.0.0), without envelope and BatchContent. */
  flat?: boolean;
  /** Named by the batch's XML declaration ("UTF-8" by default); null for none. */
  encoding?: string | null;
  batchId?: string;
}
export declare function buildPescBatch(transcripts: readonly string[], options?: PescBatchOptions): string;
export declare function encodeUtf16(text: string, options?: { bigEndian?: boolean; bom?: boolean }): Uint8Array;
