import "server-only";
import http from "node:http";
import https from "node:https";
import { guardedLookup, outboundPolicy, refusedLiteralHost, type OutboundPolicy } from "@/lib/http/outbound-address";
import { pipeline } from "node:stream/promises";
import type { Readable } from "node:stream";

// One delivery attempt of a transmission batch to a college (contracts §4): POST the batch file as it is stored,
// `Content-Type: application/xml`, signed (the Standard Webhooks headers are given), 30 s for the whole exchange. No
// redirect is followed. Never throws: a timeout or a network error is a result, as an answer is.

/** The body of the answer is read up to this (a receipt); more is cut off. */
export const MAX_ANSWER_BYTES = 1024 * 1024;

export type BatchAnswer =
  | { ok: true; status: number; retryAfter: string | null; contentType: string | null; body: string }
  | { ok: false; failure: "timeout" | "network"; detail: string };

const agents = { "http:": new http.Agent({ keepAlive: true }), "https:": new https.Agent({ keepAlive: true }) };

export function postBatch(options: {
  url: string;
  headers: Record<string, string>;
  body: () => Readable;
  contentLength: number;
  timeoutMs: number;
  policy?: OutboundPolicy;
}): Promise<BatchAnswer> {
  let target: URL;
  try {
    target = new URL(options.url);
  } catch {
    return Promise.resolve({ ok: false, failure: "network", detail: "not a URL" });
  }
  if (target.protocol !== "http:" && target.protocol !== "https:") return Promise.resolve({ ok: false, failure: "network", detail: "not http or https" });
  // Only addresses the policy allows, checked on the address connected to (lib/http/outbound-address.ts).
  const policy = options.policy ?? outboundPolicy();
  const literal = refusedLiteralHost(target, policy);
  if (literal) return Promise.resolve({ ok: false, failure: "network", detail: `connections to ${literal} are not allowed` });
  const signal = AbortSignal.timeout(options.timeoutMs);
  return new Promise<BatchAnswer>((resolve) => {
    let settled = false;
    const settle = (answer: BatchAnswer) => {
      if (settled) return;
      settled = true;
      resolve(answer);
    };
    const client = target.protocol === "https:" ? https : http;
    const request = client.request(
      target,
      {
        method: "POST",
        agent: agents[target.protocol as "http:" | "https:"],
        lookup: guardedLookup(policy),
        signal,
        headers: {
          ...options.headers,
          "content-type": "application/xml",
          "content-length": String(options.contentLength),
          "user-agent": "TRMS-transmission/1",
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          if (size >= MAX_ANSWER_BYTES) return;
          chunks.push(chunk);
          size += chunk.length;
        });
        response.on("end", () =>
          settle({
            ok: true,
            status: response.statusCode ?? 0,
            retryAfter: typeof response.headers["retry-after"] === "string" ? response.headers["retry-after"] : null,
            contentType: response.headers["content-type"] ?? null,
            body: Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES).toString("utf8"),
          }),
        );
        response.on("error", (error) => settle({ ok: false, failure: signal.aborted ? "timeout" : "network", detail: error.message }));
      },
    );
    request.on("error", (error) => settle({ ok: false, failure: signal.aborted ? "timeout" : "network", detail: error.message }));
    pipeline(options.body(), request).catch((error: unknown) => {
      settle({ ok: false, failure: signal.aborted ? "timeout" : "network", detail: error instanceof Error ? error.message : String(error) });
    });
  });
}
