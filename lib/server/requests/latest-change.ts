import "server-only";
import type { Actor } from "@/lib/auth/roles";
import { readRows, readTime, scopeCondition } from "@/lib/server/sql/plain-reads";

/**
 * A token that changes whenever a request in the actor's scope is created or changed (the latest update time;
 * indexed per scope). The dashboard polls it to refresh itself.
 */
export async function latestRequestChange(actor: Actor): Promise<string> {
  const scope = scopeCondition(actor, { board: '"boardId"', school: '"schoolId"' });
  const [latest] = await readRows(`SELECT "updatedAt", "id" FROM "TranscriptRequest" WHERE ${scope.sql} ORDER BY "updatedAt" DESC LIMIT 1`, scope.values);
  return latest ? `${readTime(latest[0]).getTime()}:${String(latest[1])}` : "empty";
}
