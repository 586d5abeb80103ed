import "server-only";
import type { Actor } from "@/lib/auth/roles";
import { dashboardReader } from "./dashboard-reader";

// Small reads every signed-in page (or the dashboard) makes, on the dashboard's read-only connection rather than
// through Prisma: Prisma's JS engine compiles each query (~1–2 ms of CPU, measured under load in issue 21), which
// was more than these reads themselves. Scope stays in the SQL (the same rule as lib/auth/scope.ts).

/** `?` placeholders, numbered for PostgreSQL. */
export async function readRows(sql: string, values: readonly unknown[]): Promise<unknown[][]> {
  const reader = dashboardReader();
  let n = 0;
  const text = reader.dialect === "postgresql" ? sql.replace(/\?/g, () => `$${++n}`) : sql;
  return reader.rows(text, values);
}

export function readTime(value: unknown): Date {
  return dashboardReader().time(value);
}

/** SQLite stores booleans as 0/1; PostgreSQL returns them as booleans. */
export const readBoolean = (value: unknown) => value === true || value === 1 || value === 1n;

type ScopeActor = Pick<Actor, "role" | "boardId" | "schoolId">;

/** The actor's scope as a condition on the given columns: none for OCAS, the board's, the school's; else nothing. */
export function scopeCondition(actor: ScopeActor, columns: { board: string; school: string }): { sql: string; values: unknown[] } {
  switch (actor.role) {
    case "OCAS_ADMIN":
      return { sql: "1 = 1", values: [] };
    case "BOARD_ADMIN":
    case "BOARD_USER":
      return actor.boardId ? { sql: `${columns.board} = ?`, values: [actor.boardId] } : { sql: "1 = 0", values: [] };
    case "SCHOOL_USER":
      return actor.schoolId ? { sql: `${columns.school} = ?`, values: [actor.schoolId] } : { sql: "1 = 0", values: [] };
  }
}
