import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/roles";
import { schoolScope } from "@/lib/auth/scope";

/** The schools the actor may see, by MIDENT (with their city, where the reports name them). */
export function listSchools(actor: Actor) {
  return db.school.findMany({
    where: schoolScope(actor),
    orderBy: { mident: "asc" },
    select: { id: true, mident: true, nameEn: true, nameFr: true, city: true, boardId: true },
  });
}
