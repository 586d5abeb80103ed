// Types of the email API test double (email-server.mjs) for the TypeScript tests.
import type { Server } from "node:http";

export type EmailDoubleRequest = { method: string; url: string; key: string | null; authorization: string | null; body: Record<string, unknown> | null };

export type EmailDoubleState = {
  failNext: number;
  failStatus: number;
  latencyMs: number;
  requests: EmailDoubleRequest[];
  delivered: ({ id: string; key: string | null } & Record<string, unknown>)[];
  duplicates: number;
  onRequest: (() => void) | null;
};

export type EmailDouble = { server: Server; state: EmailDoubleState; listen(port?: number, host?: string): Promise<string>; close(): Promise<void> };

export declare function createEmailDouble(options?: { latencyMs?: number }): EmailDouble;
