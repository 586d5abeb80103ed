import { getActor } from "@/lib/auth/guard";
import { canManageUsers } from "@/lib/auth/roles";
import { findRematchProgress } from "@/lib/server/auto-trms/rematch";

export const dynamic = "force-dynamic";

/** The latest "Re-run matching" of a board (`?board=<number>`; a board administrator's own board without it). */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor || actor.mustChangePassword) return Response.json({ error: "unauthenticated" }, { status: 401 });
  // Out of reach answers as unknown, like the page.
  if (!canManageUsers(actor)) return Response.json({ error: "notFound" }, { status: 404 });
  const boardNumber = new URL(request.url).searchParams.get("board");
  const result = await findRematchProgress({ actor, boardNumber });
  if (!result.found) return Response.json({ error: "notFound" }, { status: 404 });
  return Response.json({ progress: result.progress }, { headers: { "Cache-Control": "no-store" } });
}
