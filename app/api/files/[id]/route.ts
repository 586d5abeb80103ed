import { Readable } from "node:stream";
import { getActor } from "@/lib/auth/guard";
import { attachmentDisposition } from "@/lib/domain/content-disposition";
import { openUploadedFile } from "@/lib/server/requests/open-uploaded-file";

export const dynamic = "force-dynamic";

const CONTENT_TYPES = { XML: "application/xml", PDF: "application/pdf" } as const;

/** Downloads an uploaded transcript file of a request in the user's scope; anything else is 404. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor || actor.mustChangePassword) return Response.json({ error: "unauthenticated" }, { status: 401 });
  const { id } = await params;
  const file = await openUploadedFile({ actor, fileId: id });
  if (!file) return Response.json({ error: "not found" }, { status: 404 });
  return new Response(Readable.toWeb(file.stream) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": CONTENT_TYPES[file.kind],
      "Content-Length": String(file.size),
      "Content-Disposition": attachmentDisposition(file.originalName, `transcript.${file.kind.toLowerCase()}`),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
