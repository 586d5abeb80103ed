import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { Resend } from "resend";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { Locale } from "@/lib/i18n/routing";
import { renderEmail, type EmailTemplate } from "./render-email";

// The one seam for email (architecture habit 8): every message is recorded in the EmailOutbox table; with
// RESEND_API_KEY it is also sent through Resend, otherwise it stays in the local outbox (the table, plus a text
// copy under data/outbox/ for the demo) where the demo and the tests read it.

export type SendEmailOptions = {
  to: string;
  template: EmailTemplate;
  locale: Locale;
  values: Record<string, string | number>;
  /** One email per key: a retried action or function sends nothing twice. */
  dedupeKey?: string;
  requestId?: string;
};

export type SendEmailResult = { id: string; deduped: boolean; status: string };

export async function sendEmail(options: SendEmailOptions): Promise<SendEmailResult> {
  if (options.dedupeKey) {
    const existing = await db.emailOutbox.findUnique({ where: { dedupeKey: options.dedupeKey } });
    if (existing) return { id: existing.id, deduped: true, status: existing.status };
  }
  const rendered = renderEmail(options.template, options.locale, options.values);
  let row;
  try {
    row = await db.emailOutbox.create({
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
      },
    });
  } catch (error) {
    // Two concurrent sends with one key: the other one won.
    if (options.dedupeKey && isUniqueViolation(error)) {
      const existing = await db.emailOutbox.findUniqueOrThrow({ where: { dedupeKey: options.dedupeKey } });
      return { id: existing.id, deduped: true, status: existing.status };
    }
    throw error;
  }

  const e = env();
  if (!e.RESEND_API_KEY) {
    await writeOutboxFile(row.id, options.to, rendered.subject, rendered.text);
    await db.emailOutbox.update({ where: { id: row.id }, data: { status: "OUTBOX", sentAt: new Date() } });
    return { id: row.id, deduped: false, status: "OUTBOX" };
  }
  // The SDK reads RESEND_BASE_URL itself (tests point it at a local double).
  const resend = new Resend(e.RESEND_API_KEY);
  const { data, error } = await resend.emails.send(
    { from: e.EMAIL_FROM, to: options.to, subject: rendered.subject, text: rendered.text, html: rendered.html },
    { idempotencyKey: options.dedupeKey ?? row.id },
  );
  const status = error ? "FAILED" : "SENT";
  await db.emailOutbox.update({
    where: { id: row.id },
    data: { status, providerId: data?.id ?? null, error: error ? `${error.name}` : null, sentAt: error ? null : new Date() },
  });
  return { id: row.id, deduped: false, status };
}

async function writeOutboxFile(id: string, to: string, subject: string, text: string) {
  const dir = path.resolve(process.cwd(), "data", "outbox");
  await fs.mkdir(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  await fs.writeFile(path.join(dir, `${stamp}-${id}.txt`), `To: ${to}\nSubject: ${subject}\n\n${text}\n`, { mode: 0o600 });
}

function isUniqueViolation(error: unknown) {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002";
}
