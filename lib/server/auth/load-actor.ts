import "server-only";
import { db } from "@/lib/db";
import type { Actor, Role } from "@/lib/auth/roles";
import { readBoolean, readRows, readTime } from "@/lib/server/sql/plain-reads";

/**
 * The user as every guard and scope filter sees them; null for an unknown or deactivated user, or, given a session
 * id, when that session has ended (signed out, or ended by a password change: docs/decisions/0020) or expired. Read on
 * every signed-in request: plain SQL (lib/server/sql/plain-reads.ts), not a Prisma query; the session row in the
 * same query.
 */
export async function loadActor(userId: string, sessionId?: string): Promise<(Actor & { sessionVersion: number }) | null> {
  if (sessionId !== undefined && !sessionId) return null;
  const [row] = await readRows(
    `SELECT u."id", u."username", u."displayName", u."email", u."role", u."boardId", u."schoolId", u."language",
            u."mustChangePassword", u."active", u."sessionVersion",
            b."id", b."number", b."nameEn", b."nameFr", b."autoTrmsEnabled",
            s."id", s."mident", s."nameEn", s."nameFr",
            a."expiresAt"
       FROM "User" u
       LEFT JOIN "Board" b ON b."id" = u."boardId"
       LEFT JOIN "School" s ON s."id" = u."schoolId"
       LEFT JOIN "AuthSession" a ON a."id" = ? AND a."userId" = u."id"
      WHERE u."id" = ?`,
    [sessionId ?? "", userId],
  );
  if (!row || !readBoolean(row[9])) return null;
  if (sessionId !== undefined && (row[20] === null || row[20] === undefined || readTime(row[20]).getTime() <= Date.now())) return null;
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: String(row[0]),
    username: String(row[1]),
    displayName: String(row[2]),
    email: String(row[3]),
    role: String(row[4]) as Role,
    boardId: text(row[5]),
    schoolId: text(row[6]),
    language: row[7] === "fr" ? "fr" : "en",
    mustChangePassword: readBoolean(row[8]),
    board:
      row[11] === null
        ? null
        : { id: String(row[11]), number: String(row[12]), nameEn: String(row[13]), nameFr: String(row[14]), autoTrmsEnabled: readBoolean(row[15]) },
    school: row[16] === null ? null : { id: String(row[16]), mident: String(row[17]), nameEn: String(row[18]), nameFr: String(row[19]) },
    sessionVersion: Number(row[10]),
  };
}

/** Whether the account must choose a new password before anything else (it signed in with a temporary one). */
export async function mustChangePassword(username: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { username: username.trim().toLowerCase() }, select: { mustChangePassword: true } });
  return user?.mustChangePassword ?? false;
}
