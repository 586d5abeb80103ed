import "server-only";
import crypto from "node:crypto";
import { db, type DbOrTx } from "@/lib/db";

// Server-side sessions (docs/decisions/0020): the JWT cookie carries the id of an AuthSession row, and the guard
// believes the cookie only while the row exists. Signing out deletes the row, so a copied cookie stops working at
// once; a password change deletes the user's other sessions. Rows are pruned after they expire.

export const SESSION_MAX_AGE_MS = 8 * 60 * 60_000;

export async function createSession(userId: string, now = new Date()): Promise<string> {
  const id = crypto.randomBytes(24).toString("base64url");
  await db.authSession.create({ data: { id, userId, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_MS) } });
  return id;
}

export async function endSession(id: string | null | undefined): Promise<void> {
  if (id) await db.authSession.deleteMany({ where: { id } });
}

/** Ends every session of the user but `keep` (the browser that changed the password). */
export async function endOtherSessions(tx: DbOrTx, userId: string, keep: string | null): Promise<number> {
  const ended = await tx.authSession.deleteMany({ where: { userId, ...(keep ? { id: { not: keep } } : {}) } });
  return ended.count;
}
