import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/roles";
import { requestScope } from "@/lib/auth/scope";

const ID = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * A pending upload of this very user, not expired, on a request still in the user's scope: the only way the
 * validation screen, "No" and "Yes" find the file (the browser sends only the id back).
 */
export async function findPendingUpload(options: { actor: Pick<Actor, "id" | "role" | "boardId" | "schoolId">; pendingId: string; now: Date }) {
  const { actor, pendingId, now } = options;
  if (!ID.test(pendingId)) return null;
  return db.pendingUpload.findFirst({
    where: { id: pendingId, userId: actor.id, expiresAt: { gt: now }, request: requestScope(actor) },
    select: {
      id: true,
      requestId: true,
      kind: true,
      originalName: true,
      storedName: true,
      size: true,
      sha256: true,
      parsed: true,
      expiresAt: true,
      request: {
        select: {
          id: true,
          referenceNumber: true,
          status: true,
          version: true,
          firstName: true,
          lastName: true,
          oen: true,
          applicant: { select: { firstName: true, middleName: true, lastName: true, dateOfBirth: true, gender: true } },
        },
      },
    },
  });
}

export type FoundPendingUpload = NonNullable<Awaited<ReturnType<typeof findPendingUpload>>>;
