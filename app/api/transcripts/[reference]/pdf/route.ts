import type { NextRequest } from "next/server";
import { z } from "zod";
import { actorOrThrow, SessionEndedError } from "@/lib/auth/guard";
import type { Actor } from "@/lib/auth/roles";
import { attachmentDisposition } from "@/lib/domain/content-disposition";
import { LOCALES } from "@/lib/i18n/routing";
import { pdfQueueAnswer } from "@/lib/server/pdf/queue-answer";
import { transcriptPdf } from "@/lib/server/transcripts/transcript-pdf";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "private, no-store" };

const QuerySchema = z.object({
  /** The pending upload of the validation screen; without it, the request's current transcript. */
  pending: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,100}$/)
    .optional(),
  /** The PDF's language; the user's own by default. */
  locale: z.enum(LOCALES).optional(),
});

/**
 * The readable transcript of a request as a PDF (`?locale=en|fr`, `?pending=<id>` for the upload being validated).
 * 401 when signed out; 404 for an unknown reference, a request outside the user's scope, another user's or an
 * expired upload, or a request without an XML transcript.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ reference: string }> }) {
  let actor: Actor;
  try {
    actor = await actorOrThrow();
  } catch (error) {
    if (!(error instanceof SessionEndedError)) throw error;
    return Response.json({ error: "unauthenticated" }, { status: 401, headers: NO_STORE });
  }
  const query = QuerySchema.safeParse({
    pending: request.nextUrl.searchParams.get("pending") ?? undefined,
    locale: request.nextUrl.searchParams.get("locale") ?? undefined,
  });
  if (!query.success) return Response.json({ error: "invalidQuery" }, { status: 400, headers: NO_STORE });
  const { reference } = await params;
  const locale = query.data.locale ?? actor.language;
  let found: Awaited<ReturnType<typeof transcriptPdf>>;
  try {
    found = await transcriptPdf({ actor, referenceNumber: reference, pendingId: query.data.pending, locale, signal: request.signal });
  } catch (error) {
    const answer = pdfQueueAnswer(error, locale);
    if (answer) return answer;
    throw error;
  }
  if (!found) return Response.json({ error: "not found" }, { status: 404, headers: NO_STORE });
  return new Response(new Uint8Array(found.pdf), {
    headers: {
      ...NO_STORE,
      "Content-Type": "application/pdf",
      "Content-Length": String(found.pdf.byteLength),
      "Content-Disposition": attachmentDisposition(found.fileName, "transcript.pdf"),
      "X-Content-Type-Options": "nosniff",
    },
  });
}
