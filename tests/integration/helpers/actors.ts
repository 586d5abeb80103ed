import { loadActor } from "@/lib/server/auth/load-actor";
import { db } from "@/lib/db";

/** The actor of a user, as the guard would load it for a signed-in request. */
export async function actorFor(username: string) {
  const user = await db.user.findUniqueOrThrow({ where: { username } });
  const actor = await loadActor(user.id);
  if (!actor) throw new Error(`user ${username} is not active`);
  return actor;
}
