import Database from "better-sqlite3";

/** The latest email to an address in the e2e server's local outbox (the EmailOutbox table of data/e2e.db). */
export function latestEmailTo(address: string): { subject: string; text: string; locale: string } | undefined {
  const db = new Database("data/e2e.db", { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT subject, text, locale FROM "EmailOutbox" WHERE "to" = ? ORDER BY "createdAt" DESC LIMIT 1').get(address.toLowerCase()) as
      { subject: string; text: string; locale: string } | undefined;
  } finally {
    db.close();
  }
}

export function emailOf(username: string): string {
  const db = new Database("data/e2e.db", { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT email FROM "User" WHERE username = ?').get(username) as { email: string }).email;
  } finally {
    db.close();
  }
}
