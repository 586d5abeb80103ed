import "server-only";
import type { DbOrTx } from "@/lib/db";
import { emailQueuedEvent } from "@/lib/domain/events";
import { renderEmail, type EmailTemplate } from "@/lib/email/render-email";
import type { Locale } from "@/lib/i18n/routing";
import { enqueueEvents } from "@/lib/server/jobs/outbox";

// Every email is queued in the transaction of the change it announces (contracts §6, §8): an EmailOutbox row, rendered
// in the recipient's language, and its `email/queued` event. The delivery function sends it after the commit, with
// retries (lib/server/email/deliver-email.ts); an email whose change rolled back was never queued.

export type QueueEmailOptions = {
  to: string;
  template: EmailTemplate;
  locale: Locale;
  values: Record<string, string | number>;
  /** One email per key, ever: a retried action or function queues nothing more. */
  dedupeKey?: string;
  requestId?: string;
};

export type QueuedEmail = { id: string; deduped: boolean };

/** Pass the transaction of the change; call signalBackgroundWork() after its commit. */
export async function queueEmail(tx: DbOrTx, options: QueueEmailOptions, now: Date = new Date()): Promise<QueuedEmail> {
  if (options.dedupeKey) {
    const existing = await tx.emailOutbox.findUnique({ where: { dedupeKey: options.dedupeKey }, select: { id: true } });
    if (existing) return { id: existing.id, deduped: true };
  }
  const rendered = renderEmail(options.template, options.locale, options.values);
  const row = await tx.emailOutbox.create({
    data: {
      dedupeKey: options.dedupeKey ?? null,
      to: options.to,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      locale: options.locale,
      template: options.template,
      requestId: options.requestId ?? null,
      status: "QUEUED",
      createdAt: now,
    },
    select: { id: true },
  });
  await enqueueEvents(tx, [emailQueuedEvent(row.id)], now);
  return { id: row.id, deduped: false };
}
