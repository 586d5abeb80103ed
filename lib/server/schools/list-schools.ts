import "server-only";
import type { Actor } from "@/lib/auth/roles";
import { readRows, scopeCondition } from "@/lib/server/sql/plain-reads";

/** The schools the actor may see, by MIDENT (with their city, where the reports name them). Plain SQL (issue 21). */
export async function listSchools(actor: Actor) {
  const scope = scopeCondition(actor, { board: '"boardId"', school: '"id"' });
  const rows = await readRows(
    `SELECT "id", "mident", "nameEn", "nameFr", "city", "boardId" FROM "School" WHERE ${scope.sql} ORDER BY "mident" ASC`,
    scope.values,
  );
  return rows.map(([id, mident, nameEn, nameFr, city, boardId]) => ({
    id: String(id),
    mident: String(mident),
    nameEn: String(nameEn),
    nameFr: String(nameFr),
    city: city === null || city === undefined ? null : String(city),
    boardId: String(boardId),
  }));
}
