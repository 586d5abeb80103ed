import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/roles";
import { requestScope } from "@/lib/auth/scope";
import { parseTranscript } from "@/lib/domain/pesc/parse-transcript";
import type { Transcript } from "@/lib/domain/pesc/transcript";

export type CurrentTranscript = { referenceNumber: string; transcript: Transcript; receivedAt: Date };

/**
 * The request's current transcript when it is XML, parsed again from the stored content (the details page's
 * preview and its PDF). Null when the reference is unknown or outside the actor's scope, or the request has no
 * current XML transcript: callers answer 404 or show nothing, so a guess learns nothing.
 */
export async function findCurrentTranscript(options: {
  actor: Pick<Actor, "role" | "boardId" | "schoolId">;
  referenceNumber: string;
}): Promise<CurrentTranscript | null> {
  const referenceNumber = options.referenceNumber.trim().toUpperCase();
  if (referenceNumber === "" || referenceNumber.length > 40) return null;
  const stored = await db.storedTranscript.findFirst({
    where: { isCurrent: true, format: "XML", request: { AND: [{ referenceNumber }, requestScope(options.actor)] } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { content: true, createdAt: true, request: { select: { referenceNumber: true } } },
  });
  if (!stored?.content) return null;
  // Stored transcripts passed the same check when they were received; one that no longer does is not shown.
  const parsed = parseTranscript(stored.content);
  if (!parsed.ok) return null;
  return { referenceNumber: stored.request.referenceNumber, transcript: parsed.transcript, receivedAt: stored.createdAt };
}
