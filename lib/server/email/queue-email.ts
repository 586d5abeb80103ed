import "server-only";
import type { DbOrTx } from "@/lib/db";
import { emailQueuedEvent } from "@/lib/domain/events";
import crypto from "node:crypto";
import { renderEmail, type EmailTemplate, type RenderedEmail } from "@/lib/email/render-email";
import type { NotificationTemplate } from "@/lib/email/notification-emails";
import type { Locale } from "@/lib/i18n/routing";
import { sealSecret } from "@/lib/auth/secret-box";
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

/**
 * The values that must not rest in the outbox in clear (contracts §8): the row keeps the email with them redacted, for
 * the operators, and the real one sealed (lib/auth/secret-box.ts) until it is delivered.
 */
const SECRET_VALUES: Partial<Record<EmailTemplate, readonly string[]>> = { temporaryPassword: ["password"], passwordReset: ["url"] };
export const REDACTED = "[redacted]";

/** Pass the transaction of the change; call signalBackgroundWork() after its commit. */
export async function queueEmail(tx: DbOrTx, options: QueueEmailOptions, now: Date = new Date()): Promise<QueuedEmail> {
  if (options.dedupeKey) {
    const existing = await tx.emailOutbox.findUnique({ where: { dedupeKey: options.dedupeKey }, select: { id: true } });
    if (existing) return { id: existing.id, deduped: true };
  }
  const real = renderEmail(options.template, options.locale, options.values);
  const secrets = SECRET_VALUES[options.template] ?? [];
  const rendered =
    secrets.length === 0
      ? real
      : renderEmail(options.template, options.locale, { ...options.values, ...Object.fromEntries(secrets.map((k) => [k, REDACTED])) });
  const row = await tx.emailOutbox.create({
    data: {
      dedupeKey: options.dedupeKey ?? null,
      to: options.to,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      sealed: secrets.length === 0 ? null : sealSecret(JSON.stringify({ text: real.text, html: real.html })),
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

/** An email already rendered (the notifications), to queue with others in a few statements. */
export type RenderedToQueue = { to: string; template: NotificationTemplate; locale: Locale; rendered: RenderedEmail; dedupeKey: string; requestId?: string };

/**
 * Queues many rendered emails in the transaction of their change: those whose key was used before are skipped (one
 * email per key, ever), the others are written with their events in three statements. Returns how many were queued.
 */
export async function queueRenderedEmails(tx: DbOrTx, emails: readonly RenderedToQueue[], now: Date = new Date()): Promise<number> {
  if (emails.length === 0) return 0;
  const used = new Set(
    (await tx.emailOutbox.findMany({ where: { dedupeKey: { in: emails.map((e) => e.dedupeKey) } }, select: { dedupeKey: true } })).map((r) => r.dedupeKey),
  );
  const fresh: (RenderedToQueue & { id: string })[] = [];
  for (const email of emails) {
    if (used.has(email.dedupeKey)) continue;
    used.add(email.dedupeKey);
    fresh.push({ ...email, id: crypto.randomUUID() });
  }
  if (fresh.length === 0) return 0;
  await tx.emailOutbox.createMany({
    data: fresh.map((e) => ({
      id: e.id,
      dedupeKey: e.dedupeKey,
      to: e.to,
      subject: e.rendered.subject,
      text: e.rendered.text,
      html: e.rendered.html,
      locale: e.locale,
      template: e.template,
      requestId: e.requestId ?? null,
      status: "QUEUED",
      createdAt: now,
    })),
  });
  await enqueueEvents(
    tx,
    fresh.map((e) => emailQueuedEvent(e.id)),
    now,
  );
  return fresh.length;
}
