// Types of the SIS test double (sis-server.mjs) for the TypeScript tests and the benchmark.
import type { Server } from "node:http";

export type SisDoubleAnswer = "transcript" | "noAcademicData" | "financialHold" | "multipleMatches" | "invalidTranscript" | "unavailable";

export type SisDoubleRecord = {
  note?: string;
  answer?: SisDoubleAnswer;
  oen: string | null;
  firstName: string;
  middleName?: string | null;
  lastName: string;
  dateOfBirth: string;
  gender: string;
  studentNumber?: string | null;
  schoolName: string;
  mident: string;
  boardName?: string;
  boardNumber?: string;
};

export type SisDoubleState = {
  latencyMs: number;
  failNext: number;
  failStatus: number;
  calls: number;
  lastQuery: Record<string, unknown> | null;
};

export type SisDouble = {
  server: Server;
  state: SisDoubleState;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
};

export declare const DEFAULT_SIS_DOUBLE_SECRET: string;
export declare const SIS_PATH: string;
export declare const DEFAULT_RECORDS_FILE: string;
export declare function readRecords(file?: string): SisDoubleRecord[];
export declare function createSisDouble(options?: { secret?: string; records?: SisDoubleRecord[]; recordsFile?: string; latencyMs?: number }): SisDouble;
export declare function findRecords(records: readonly SisDoubleRecord[], query: Record<string, unknown>): SisDoubleRecord[];
export declare function renderTranscript(record: SisDoubleRecord, referenceNumber: string): string;
