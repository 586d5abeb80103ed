// Types of the college test double (college-server.mjs) for the TypeScript tests and the benchmark.
import type { Server } from "node:http";

export type ReceivedBatch = { college: string; batchId: string; items: number; references: string[]; bytes: number; sha256: string; file: string | null };

export type CollegeDoubleState = {
  latencyMs: number;
  failNext: number;
  failStatus: number;
  failCollege: string | null;
  retryAfter: number | null;
  gone: string[];
  receipts: "confirm" | "none" | "resubmit";
  resubmitReason: string;
  calls: number;
  received: ReceivedBatch[];
  duplicates: number;
  refused: { college: string; batchId: string | null; reason: string }[];
};

export type CollegeDouble = {
  server: Server;
  state: CollegeDoubleState;
  dir: string;
  listen(port?: number, host?: string): Promise<string>;
  urlFor(code: string): string;
  close(): Promise<void>;
};

export type ManifestLine = { sequence: number; referenceNumber: string; transmissionType: string; format: string; sha256: string };

export declare const COLLEGES_PATH: string;
export declare function demoCollegeSecret(code: string): string;
export declare function createCollegeDouble(options?: { secrets?: Record<string, string>; dir?: string; keep?: boolean; latencyMs?: number }): CollegeDouble;
export declare function verify(
  secret: string,
  id: string | null,
  timestamp: string | null,
  signature: string | null,
  body: Buffer,
  nowSeconds?: number,
): string;
export declare function signedHeaders(secret: string, id: string, body: string | Buffer, timestamp?: number): Record<string, string>;
export declare function readManifest(body: Buffer): ManifestLine[];
