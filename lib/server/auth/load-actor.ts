import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/roles";

/**
 * The user as every guard and scope filter sees them; null for an unknown or deactivated user, or, given a session
 * id, when that session has ended (signed out, or ended by a password change) or expired.
 */
export async function loadActor(userId: string, sessionId?: string): Promise<(Actor & { sessionVersion: number }) | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    include: {
      ...(sessionId !== undefined ? { sessions: { where: { id: sessionId, expiresAt: { gt: new Date() } }, select: { id: true } } } : {}),
      board: { select: { id: true, number: true, nameEn: true, nameFr: true, autoTrmsEnabled: true } },
      school: { select: { id: true, mident: true, nameEn: true, nameFr: true } },
    },
  });
  if (!user || !user.active) return null;
  if (sessionId !== undefined && (!sessionId || (user as { sessions?: unknown[] }).sessions?.length !== 1)) return null;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    role: user.role,
    boardId: user.boardId,
    schoolId: user.schoolId,
    language: user.language === "fr" ? "fr" : "en",
    mustChangePassword: user.mustChangePassword,
    board: user.board,
    school: user.school,
    sessionVersion: user.sessionVersion,
  };
}

/** Whether the account must choose a new password before anything else (it signed in with a temporary one). */
export async function mustChangePassword(username: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { username: username.trim().toLowerCase() }, select: { mustChangePassword: true } });
  return user?.mustChangePassword ?? false;
}
