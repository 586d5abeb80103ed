import "server-only";
import { db } from "@/lib/db";
import { openSecret } from "@/lib/auth/secret-box";
import { ReceiptSchema } from "@/lib/domain/transmission/receipt";
import { verifyWebhook, webhookKey, type WebhookHeaders } from "@/lib/domain/transmission/signature";
import { applyReceipt } from "./apply-receipt";

// POST /api/v1/college-receipts (contracts §4): a receipt a college sends after the delivery, signed as Standard
// Webhooks says with its signing secret. The signature is checked first, against every college holding a secret, so
// that a caller who cannot sign learns nothing (not even whether a batch exists); the batch must then be one sent to
// the college that signed. Nothing of the body is trusted before its signature is.

export const RECEIPT_BODY_MAX_BYTES = 1024 * 1024;

export type ReceiveResult =
  | { kind: "applied"; applied: number; unchanged: number }
  | { kind: "unauthorized"; reason: "missingHeaders" | "badTimestamp" | "stale" | "badSignature" }
  | { kind: "invalidJson" }
  | { kind: "invalid"; issues: { path: string; message: string }[] }
  | { kind: "unknownBatch"; batchId: string }
  | { kind: "unknownReference"; batchId: string; references: string[] };

export async function receiveCollegeReceipt(options: { headers: WebhookHeaders; body: Uint8Array; now?: Date }): Promise<ReceiveResult> {
  const now = options.now ?? new Date();
  const college = await signingCollege(options.headers, options.body, Math.floor(now.getTime() / 1000));
  if (!college.ok) return { kind: "unauthorized", reason: college.reason };

  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(options.body));
  } catch {
    return { kind: "invalidJson" };
  }
  const parsed = ReceiptSchema.safeParse(value);
  if (!parsed.success) return { kind: "invalid", issues: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.join("."), message: i.message })) };

  const batch = await db.transmissionBatch.findUnique({ where: { batchId: parsed.data.batchId }, select: { collegeId: true } });
  // Another college's batch is, to this college, an unknown one.
  if (!batch || batch.collegeId !== college.id) return { kind: "unknownBatch", batchId: parsed.data.batchId };
  const result = await applyReceipt({ receipt: parsed.data, via: "api", now });
  if (result.ok) return { kind: "applied", applied: result.applied, unchanged: result.unchanged };
  return result.reason === "unknownBatch"
    ? { kind: "unknownBatch", batchId: parsed.data.batchId }
    : { kind: "unknownReference", batchId: parsed.data.batchId, references: result.references };
}

type Signer = { ok: true; id: string } | { ok: false; reason: "missingHeaders" | "badTimestamp" | "stale" | "badSignature" };

async function signingCollege(headers: WebhookHeaders, body: Uint8Array, nowSeconds: number): Promise<Signer> {
  const colleges = await db.college.findMany({ where: { deliverySecret: { not: null } }, select: { id: true, deliverySecret: true } });
  let refusal: Signer = { ok: false, reason: "badSignature" };
  for (const college of colleges) {
    const key = webhookKey(openSecret(college.deliverySecret!) ?? "");
    if (!key) continue;
    const verdict = verifyWebhook(key, headers, body, nowSeconds);
    if (verdict.ok) return { ok: true, id: college.id };
    // The headers themselves are wrong (missing, stale): the same for every college.
    if (verdict.reason !== "badSignature") return verdict;
    refusal = verdict;
  }
  if (colleges.length === 0 && (!headers.id || !headers.timestamp || !headers.signature)) return { ok: false, reason: "missingHeaders" };
  return refusal;
}
