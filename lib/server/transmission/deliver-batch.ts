import "server-only";
import { Readable } from "node:stream";
import { db } from "@/lib/db";
import { openSecret } from "@/lib/auth/secret-box";
import { env } from "@/lib/env";
import { truncate } from "@/lib/domain/job-text";
import { DELIVERY_TIMEOUT_MS, retryAfterMs, verdictOf, waitBeforeNextAttempt } from "@/lib/domain/transmission/delivery-policy";
import { DELIVERABLE_BATCH_STATES, isDeliverableBatchState } from "@/lib/domain/transmission/item-state";
import { ReceiptSchema } from "@/lib/domain/transmission/receipt";
import { signatureHmac, webhookKey } from "@/lib/domain/transmission/signature";
import { postBatch } from "@/lib/transmission/post-batch";
import { queueEmail } from "@/lib/server/email/queue-email";
import { signalBackgroundWork } from "@/lib/server/jobs/signal";
import { openStoredFile } from "@/lib/server/uploads/storage";
import { applyReceipt } from "./apply-receipt";
import { isDeliverable } from "./college-endpoint";
import { markBatchDelivered } from "./transmission-sql";

// The delivery of one batch to its college (contracts §4): the stored file, signed as Standard Webhooks says with a
// new timestamp on each attempt and the BatchID as `webhook-id`, up to 3 attempts in this run (honouring Retry-After).
// Every attempt is recorded. A 2xx delivers every item of the batch (and its body may be a receipt); 410 turns the
// college's endpoint off and tells the OCAS administrators; anything else leaves the batch FAILED for the next run,
// which sends the same bytes under the same BatchID. Nothing marks an item delivered before the college has said so:
// a process that dies after sending sends the batch again, and the college drops the repeat by its webhook-id.

export type DeliverResult = { outcome: "delivered" | "gone" | "failed" | "waiting" | "skipped"; attempts: number };

export type DeliveryTuning = { timeoutMs?: number; wait?: (ms: number) => Promise<void> };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function deliverBatch(options: { batchId: string; tuning?: DeliveryTuning }): Promise<DeliverResult> {
  const wait = options.tuning?.wait ?? sleep;
  const timeoutMs = options.tuning?.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const batch = await db.transmissionBatch.findUnique({
    where: { batchId: options.batchId },
    select: {
      id: true,
      batchId: true,
      status: true,
      storedName: true,
      byteSize: true,
      college: {
        select: { id: true, code: true, nameEn: true, nameFr: true, deliveryUrl: true, deliverySecret: true, deliveryDisabledAt: true, active: true },
      },
    },
  });
  if (!batch || !batch.storedName || !isDeliverableBatchState(batch.status)) return { outcome: "skipped", attempts: 0 };
  const { college } = batch;
  const key = isDeliverable(college) ? webhookKey(openSecret(college.deliverySecret!) ?? "") : null;
  if (!key) {
    // No endpoint (or no readable secret) any more: the batch waits for an administrator to download it.
    if (batch.status !== "WAITING_DOWNLOAD") await db.transmissionBatch.update({ where: { id: batch.id }, data: { status: "WAITING_DOWNLOAD" } });
    return { outcome: "waiting", attempts: 0 };
  }

  for (let attempt = 1; ; attempt++) {
    const timestamp = Math.floor(Date.now() / 1000);
    const hmac = signatureHmac(key, batch.batchId, timestamp);
    for await (const chunk of openStoredFile(batch.storedName)) hmac.update(chunk);
    // The attempt is written before the batch leaves: a process that dies waiting for the answer leaves it in the log.
    const startedAt = new Date();
    const [{ id: attemptId }] = await db.$transaction([
      db.transmissionAttempt.create({ data: { batchId: batch.id, attemptedAt: startedAt, error: INTERRUPTED }, select: { id: true } }),
      db.transmissionBatch.update({ where: { id: batch.id }, data: { attempts: { increment: 1 } }, select: { id: true } }),
    ]);
    const answer = await postBatch({
      url: college.deliveryUrl!,
      headers: { "webhook-id": batch.batchId, "webhook-timestamp": String(timestamp), "webhook-signature": `v1,${hmac.digest("base64")}` },
      body: () => Readable.from(openStoredFile(batch.storedName!)),
      contentLength: batch.byteSize,
      timeoutMs,
    });
    const status = answer.ok ? answer.status : null;
    const error = answer.ok ? (status! >= 300 ? `HTTP ${status}` : null) : `${answer.failure}: ${answer.detail}`;
    const verdict = verdictOf(status);
    const now = new Date();
    const outcome = { attemptId, status, durationMs: now.getTime() - startedAt.getTime(), now };

    if (verdict === "delivered") {
      await recordDelivered(batch, college, outcome);
      // The body may be a receipt for the batch: applied like one sent to the receipts API.
      const receipt = answer.ok ? readReceipt(answer.body, batch.batchId) : null;
      if (receipt) await applyReceipt({ receipt, via: "response" });
      return { outcome: "delivered", attempts: attempt };
    }
    if (verdict === "gone") {
      await recordGone(batch, college, outcome);
      return { outcome: "gone", attempts: attempt };
    }
    const next = waitBeforeNextAttempt(attempt, answer.ok ? retryAfterMs(answer.retryAfter, now) : null);
    const lastError = truncate(error ?? "", 500);
    await db.$transaction([
      db.transmissionAttempt.update({ where: { id: attemptId }, data: { httpStatus: status, error: lastError, durationMs: outcome.durationMs } }),
      db.transmissionBatch.update({ where: { id: batch.id }, data: { status: next === null ? "FAILED" : "RETRYING", lastError } }),
    ]);
    if (next === null) return { outcome: "failed", attempts: attempt };
    await wait(next);
  }
}

/** What an attempt says until its answer is recorded: the process stopped while it waited. */
const INTERRUPTED = "interrupted: no answer was recorded";

type Outcome = { attemptId: string; status: number | null; durationMs: number; now: Date };
type BatchRef = { id: string; batchId: string };
type CollegeRef = { id: string; code: string; nameEn: string; nameFr: string };

/** The batch and its items delivered, with a "transmitted" row on each request's timeline, in one transaction. */
async function recordDelivered(batch: BatchRef, college: CollegeRef, attempt: Outcome) {
  await db.$transaction(async (tx) => {
    await tx.transmissionAttempt.update({
      where: { id: attempt.attemptId },
      data: { httpStatus: attempt.status, error: null, durationMs: attempt.durationMs },
    });
    const done = await tx.transmissionBatch.updateMany({
      where: { id: batch.id, status: { in: [...DELIVERABLE_BATCH_STATES] } },
      data: { status: "DELIVERED", deliveredAt: attempt.now, lastError: null },
    });
    if (done.count !== 1) return;
    const prefix = JSON.stringify({
      college: { code: college.code, nameEn: college.nameEn, nameFr: college.nameFr },
      batchId: batch.batchId,
      transmissionType: "",
    });
    await markBatchDelivered(tx, { batchRowId: batch.id, at: attempt.now, dataPrefix: prefix.slice(0, -2) });
  });
}

/**
 * 410: the college's endpoint is off until an administrator saves it again; the batch fails, its items wait; every
 * active OCAS administrator is told by email, in their language; the change is in the audit log.
 */
async function recordGone(batch: BatchRef, college: CollegeRef, attempt: Outcome) {
  const admins = await db.user.findMany({ where: { role: "OCAS_ADMIN", active: true }, select: { email: true, displayName: true, language: true } });
  const error = "HTTP 410: the college turned its endpoint off";
  await db.$transaction(async (tx) => {
    await tx.transmissionAttempt.update({ where: { id: attempt.attemptId }, data: { httpStatus: attempt.status, error, durationMs: attempt.durationMs } });
    await tx.transmissionBatch.update({ where: { id: batch.id }, data: { status: "FAILED", lastError: error } });
    const disabled = await tx.college.updateMany({ where: { id: college.id, deliveryDisabledAt: null }, data: { deliveryDisabledAt: attempt.now } });
    if (disabled.count !== 1) return;
    await tx.auditEvent.create({
      data: {
        actorLabel: "system",
        action: "college.endpointDisabled",
        entity: "college",
        entityId: college.code,
        after: JSON.stringify({ deliveryDisabledAt: attempt.now.toISOString(), batchId: batch.batchId }),
      },
    });
    for (const admin of admins) {
      const locale = admin.language === "fr" ? "fr" : "en";
      await queueEmail(
        tx,
        {
          to: admin.email,
          template: "collegeEndpointDisabled",
          locale,
          values: {
            name: admin.displayName,
            college: locale === "fr" ? college.nameFr : college.nameEn,
            code: college.code,
            batchId: batch.batchId,
            url: `${env().APP_URL}/${locale}/admin/colleges/${college.code}`,
          },
          dedupeKey: `college-disabled:${college.code}:${attempt.now.toISOString()}:${admin.email}`,
        },
        attempt.now,
      );
    }
  });
  signalBackgroundWork();
}

/** The 2xx body as a receipt for this batch, or null when it is not one. */
function readReceipt(body: string, batchId: string) {
  if (!body.trim().startsWith("{")) return null;
  try {
    const parsed = ReceiptSchema.safeParse(JSON.parse(body));
    return parsed.success && parsed.data.batchId === batchId ? parsed.data : null;
  } catch {
    return null;
  }
}
