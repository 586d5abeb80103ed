import "server-only";
import { db } from "@/lib/db";
import { openSecret } from "@/lib/auth/secret-box";
import { maskEmail } from "@/lib/domain/mask-email";
import { deliverMessage, EmailDeliveryError } from "@/lib/email/transport";
import { recordEvent } from "@/lib/server/requests/record-event";

// The delivery function's verb (inngest/functions/deliver-email.ts): sends one queued email, once. A message already
// delivered is left alone (a repeated event, a retried run); a failed send is recorded and thrown so that the run
// retries, and the last attempt leaves it FAILED for the reconciler and the operators. An email about a request (to
// the applicant) adds "email_sent" or "email_failed" to that request's timeline.

export type DeliverEmailResult = { outcome: "sent" | "outbox"; emailId: string } | { outcome: "skipped"; why: "alreadyDelivered" | "unknownEmail" };

export async function deliverQueuedEmail(options: { emailId: string; finalAttempt: boolean; now?: Date }): Promise<DeliverEmailResult> {
  const now = options.now ?? new Date();
  const row = await db.emailOutbox.findUnique({ where: { id: options.emailId } });
  if (!row) return { outcome: "skipped", why: "unknownEmail" };
  if (row.status === "SENT" || row.status === "OUTBOX") return { outcome: "skipped", why: "alreadyDelivered" };
  await db.emailOutbox.update({ where: { id: row.id }, data: { attempts: { increment: 1 }, lastAttemptAt: now } });
  const timeline = { template: row.template, to: maskEmail(row.to), outboxId: row.id };

  let result;
  try {
    // An email holding a secret keeps it sealed until now (lib/server/email/queue-email.ts).
    const content = row.sealed ? unseal(row.sealed) : { text: row.text, html: row.html };
    result = await deliverMessage({
      id: row.id,
      to: row.to,
      subject: row.subject,
      text: content.text,
      html: content.html,
      idempotencyKey: row.dedupeKey ?? row.id,
      createdAt: row.createdAt,
    });
  } catch (error) {
    const reason = error instanceof EmailDeliveryError ? error.reason : error instanceof Error ? error.name : "error";
    await db.$transaction(async (tx) => {
      await tx.emailOutbox.update({ where: { id: row.id }, data: { status: options.finalAttempt ? "FAILED" : "QUEUED", error: reason } });
      if (options.finalAttempt && row.requestId) {
        await recordEvent(tx, { requestId: row.requestId, type: "email_failed", actorLabel: "system", data: { ...timeline, status: "FAILED" }, at: now });
      }
    });
    throw error;
  }

  await db.$transaction(async (tx) => {
    await tx.emailOutbox.update({
      where: { id: row.id },
      // Delivered: the sealed copy goes; what rests is the redacted one.
      data: { status: result.status, providerId: result.status === "SENT" ? result.providerId : null, error: null, sentAt: new Date(), sealed: null },
    });
    if (row.requestId)
      await recordEvent(tx, {
        requestId: row.requestId,
        type: "email_sent",
        actorLabel: "system",
        data: { ...timeline, status: result.status },
        at: new Date(),
      });
  });
  return { outcome: result.status === "SENT" ? "sent" : "outbox", emailId: row.id };
}

function unseal(sealed: string): { text: string; html: string | null } {
  const opened = openSecret(sealed);
  // Sealed with another AUTH_SECRET: it cannot be sent; the last attempt leaves it FAILED for the operators.
  if (opened === null) throw new EmailDeliveryError("sealedUnreadable");
  return JSON.parse(opened) as { text: string; html: string | null };
}
