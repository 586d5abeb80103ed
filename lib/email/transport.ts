import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { Resend } from "resend";
import { env } from "@/lib/env";
import { usesObjectStorage, writeStoredText } from "@/lib/server/uploads/storage";

// The one seam for email (architecture habit 8): a queued EmailOutbox message leaves through here, by Resend when
// RESEND_API_KEY is set, otherwise into the local outbox (the table, plus a text copy under data/outbox/ for the demo).
// Callers queue emails (lib/server/email/queue-email.ts); the delivery function sends them
// (lib/server/email/deliver-email.ts), retrying on failure, never twice: Resend gets the message's idempotency key, and
// the text copy's file name is the message's.

export type OutgoingMessage = { id: string; to: string; subject: string; text: string; html: string | null; idempotencyKey: string; createdAt: Date };

export type DeliveryResult = { status: "SENT"; providerId: string | null } | { status: "OUTBOX" };

/** The provider refused or could not be reached: the delivery is retried. `name` is the provider's error name. */
export class EmailDeliveryError extends Error {
  constructor(readonly reason: string) {
    super(`email provider error: ${reason}`);
    this.name = "EmailDeliveryError";
  }
}

export async function deliverMessage(message: OutgoingMessage): Promise<DeliveryResult> {
  const e = env();
  if (!e.RESEND_API_KEY) {
    await writeOutboxFile(message);
    return { status: "OUTBOX" };
  }
  // The SDK reads RESEND_BASE_URL itself (tests point it at a local double). It answers `{ error }` rather than
  // throwing: the error is thrown here so that the delivery retries.
  const resend = new Resend(e.RESEND_API_KEY);
  let answer;
  try {
    answer = await resend.emails.send(
      { from: e.EMAIL_FROM, to: message.to, subject: message.subject, text: message.text, ...(message.html ? { html: message.html } : {}) },
      { idempotencyKey: message.idempotencyKey },
    );
  } catch (error) {
    throw new EmailDeliveryError(error instanceof Error ? error.name : "network");
  }
  if (answer.error) throw new EmailDeliveryError(answer.error.name ?? "error");
  return { status: "SENT", providerId: answer.data?.id ?? null };
}

/**
 * The demo's text copy: one file per message, written again (not twice) when a delivery is retried. In data/outbox
 * on this machine; in the object store (`outbox/…`) when files are kept there (FILE_STORAGE), where every instance's
 * copies meet.
 */
async function writeOutboxFile(message: OutgoingMessage) {
  const stamp = message.createdAt.toISOString().replace(/[:.]/g, "-");
  const copy = `To: ${message.to}\nSubject: ${message.subject}\n\n${message.text}\n`;
  if (usesObjectStorage()) {
    await writeStoredText(`outbox/${stamp}-${message.id}.txt`, copy);
    return;
  }
  const dir = path.resolve(process.cwd(), "data", "outbox");
  await fs.mkdir(dir, { recursive: true });
  // Beside its name first, then renamed: a reader never sees half an email (docs/decisions/0020).
  const file = path.join(dir, `${stamp}-${message.id}.txt`);
  const partial = `${file}.partial`;
  try {
    await fs.writeFile(partial, copy, { mode: 0o600 });
    await fs.rename(partial, file);
  } catch (error) {
    await fs.rm(partial, { force: true }).catch(() => undefined);
    throw error;
  }
}
