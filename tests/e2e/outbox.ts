import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/**
 * The latest email to an address in the e2e server's local outbox: its EmailOutbox row (data/e2e.db), and the text as
 * delivered from the mailbox copy (data/outbox/, lib/email/transport.ts) — the row itself never holds a temporary
 * password or a reset link in clear. Undefined until the email is delivered.
 */
export function latestEmailTo(address: string): { subject: string; text: string; locale: string } | undefined {
  const db = new Database("data/e2e.db", { readonly: true, fileMustExist: true });
  let row: { id: string; subject: string; locale: string; text: string; createdAt: string | number } | undefined;
  try {
    row = db
      .prepare('SELECT id, subject, text, locale, "createdAt" FROM "EmailOutbox" WHERE "to" = ? ORDER BY "createdAt" DESC LIMIT 1')
      .get(address.toLowerCase()) as typeof row;
  } finally {
    db.close();
  }
  if (!row) return undefined;
  const dir = path.resolve("data/outbox");
  const file = fs.existsSync(dir) ? fs.readdirSync(dir).find((name) => name.endsWith(`-${row.id}.txt`)) : undefined;
  if (!file) return undefined;
  const delivered = fs.readFileSync(path.join(dir, file), "utf8");
  return { subject: row.subject, locale: row.locale, text: delivered.slice(delivered.indexOf("\n\n") + 2) };
}

export function emailOf(username: string): string {
  const db = new Database("data/e2e.db", { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT email FROM "User" WHERE username = ?').get(username) as { email: string }).email;
  } finally {
    db.close();
  }
}
