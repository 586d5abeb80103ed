import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/roles";
import { requestScope } from "@/lib/auth/scope";

/**
 * A token that changes whenever a request in the actor's scope is created or changed (the latest update time;
 * indexed per scope). The dashboard polls it to refresh itself.
 */
export async function latestRequestChange(actor: Actor): Promise<string> {
  const latest = await db.transcriptRequest.findFirst({
    where: requestScope(actor),
    orderBy: { updatedAt: "desc" },
    select: { updatedAt: true, id: true },
  });
  return latest ? `${latest.updatedAt.getTime()}:${latest.id}` : "empty";
}
