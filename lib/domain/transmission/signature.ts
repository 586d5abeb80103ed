// Standard Webhooks signatures (contracts §4, standardwebhooks.com): the college delivery and the receipts API.
// `webhook-signature: v1,<base64 HMAC-SHA256(key, "<webhook-id>.<webhook-timestamp>.<body>")>`, where the key is the
// base64-decoded part of the secret after `whsec_`; several space-separated signatures may be sent (key rotation).
// Written with node:crypto over the raw bytes: the standardwebhooks package's verify() parses the body as JSON, and a
// batch is XML.
import crypto from "node:crypto";

export const SECRET_PREFIX = "whsec_";
/** A timestamp more than this far from the receiver's clock is refused. */
export const TOLERANCE_SECONDS = 5 * 60;
const SECRET_BYTES = 32;

/** A new signing secret: `whsec_` and the base64 of 32 random bytes (the specification allows 24 to 64). */
export function generateWebhookSecret(randomBytes: (n: number) => Buffer = crypto.randomBytes): string {
  return `${SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString("base64")}`;
}

/** The HMAC key of a secret, or null when it is not a `whsec_` secret of 24 to 64 bytes. */
export function webhookKey(secret: string): Buffer | null {
  if (!secret.startsWith(SECRET_PREFIX)) return null;
  const body = secret.slice(SECRET_PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return null;
  const key = Buffer.from(body, "base64");
  return key.length >= 24 && key.length <= 64 ? key : null;
}

/** An HMAC of "<id>.<timestamp>." to feed the body into, chunk by chunk (a batch is read from its file). */
export function signatureHmac(key: Buffer, id: string, timestamp: number): crypto.Hmac {
  return crypto.createHmac("sha256", key).update(`${id}.${timestamp}.`);
}

/** The `webhook-signature` value for a body. */
export function signWebhook(key: Buffer, id: string, timestamp: number, body: string | Uint8Array): string {
  return `v1,${signatureHmac(key, id, timestamp).update(body).digest("base64")}`;
}

export type WebhookHeaders = { id: string | null; timestamp: string | null; signature: string | null };
export type VerifyResult = { ok: true } | { ok: false; reason: "missingHeaders" | "badTimestamp" | "stale" | "badSignature" };

/** Checks the headers of a signed request against `key`; any of several signatures may match. Timing-safe. */
export function verifyWebhook(key: Buffer, headers: WebhookHeaders, body: string | Uint8Array, nowSeconds: number): VerifyResult {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) return { ok: false, reason: "missingHeaders" };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "badTimestamp" };
  const ts = Number(timestamp);
  if (Math.abs(nowSeconds - ts) > TOLERANCE_SECONDS) return { ok: false, reason: "stale" };
  const expected = Buffer.from(signWebhook(key, id, ts, body).slice(3), "base64");
  for (const candidate of signature.split(" ")) {
    const [version, value] = candidate.split(",", 2);
    if (version !== "v1" || !value) continue;
    const given = Buffer.from(value, "base64");
    if (given.length === expected.length && crypto.timingSafeEqual(given, expected)) return { ok: true };
  }
  return { ok: false, reason: "badSignature" };
}
