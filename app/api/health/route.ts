import { checkHealth } from "@/lib/server/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const ok = await checkHealth();
  return Response.json(ok ? { status: "ok" } : { status: "error", database: "unavailable" }, { status: ok ? 200 : 503 });
}
