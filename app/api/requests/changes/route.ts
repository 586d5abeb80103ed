import { getActor } from "@/lib/auth/guard";
import { latestRequestChange } from "@/lib/server/requests/latest-change";

export const dynamic = "force-dynamic";

export async function GET() {
  const actor = await getActor();
  if (!actor || actor.mustChangePassword) return Response.json({ error: "unauthenticated" }, { status: 401 });
  return Response.json({ token: await latestRequestChange(actor) }, { headers: { "Cache-Control": "no-store" } });
}
