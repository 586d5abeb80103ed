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
