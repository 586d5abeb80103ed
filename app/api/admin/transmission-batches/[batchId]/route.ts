import { Readable } from "node:stream";
import { getActor } from "@/lib/auth/guard";
import { decodeRouteParam } from "@/lib/domain/route-param";
import { openBatchDownload } from "@/lib/server/transmission/download-batch";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * Downloads a transmission batch file (contracts §4), OCAS administrators only: signed out 401, anyone else and any
 * unknown batch 404. A batch waiting for download is marked downloaded.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ batchId: string }> }) {
  const actor = await getActor();
  if (!actor || actor.mustChangePassword) return Response.json({ error: "unauthenticated" }, { status: 401, headers: NO_STORE });
  const { batchId } = await params;
  const download = await openBatchDownload({ actor, batchId: decodeRouteParam(batchId) });
  if (!download) return Response.json({ error: "not found" }, { status: 404, headers: NO_STORE });
  return new Response(Readable.toWeb(Readable.from(download.stream)) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": "application/xml",
      "Content-Length": String(download.size),
      // A BatchID is letters, digits and hyphens (lib/domain/transmission/batch-id.ts): nothing to escape.
      "Content-Disposition": `attachment; filename="${download.batchId}.xml"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
