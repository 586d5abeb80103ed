import { expect } from "vitest";
import { openSecret } from "@/lib/auth/secret-box";

/**
 * The text an email will be sent with: an email holding a secret (a temporary password, a reset link) keeps it only
 * sealed until it is delivered, its row holding the text redacted (lib/server/email/queue-email.ts); this checks that,
 * then opens the sealed copy as the delivery does.
 */
export function textToSend(row: { text: string; sealed: string | null }, secret?: RegExp): string {
  if (!row.sealed) return row.text;
  const opened = JSON.parse(openSecret(row.sealed)!) as { text: string; html: string | null };
  if (secret) {
    const value = secret.exec(opened.text)?.[1];
    expect(value, "the secret is in the sealed copy").toBeTruthy();
    expect(row.text).not.toContain(value!);
    expect(row.text).toContain("[redacted]");
  }
  return opened.text;
}
