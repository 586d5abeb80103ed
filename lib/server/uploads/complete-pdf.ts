import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { isOcasAdmin, type Actor } from "@/lib/auth/roles";
import { requestScope } from "@/lib/auth/scope";
import { REFERENCE_NUMBER_PATTERN } from "@/lib/domain/reference-number";
import { nextStatus, type RequestStatus } from "@/lib/domain/statuses";
import { ExpectedVersionSchema } from "@/lib/server/requests/transition-request";
import { StaleRequestError, transitionWithin } from "@/lib/server/requests/transition-request";

export const CompletePdfSchema = z.object({
  referenceNumber: z.string().trim().toUpperCase().regex(REFERENCE_NUMBER_PATTERN),
  fileId: z.string().trim().min(1).max(100),
  expectedVersion: ExpectedVersionSchema,
});
export type CompletePdfInput = z.input<typeof CompletePdfSchema>;

export type CompletePdfResult =
  | { ok: true; referenceNumber: string; transcriptId: string }
  | { ok: false; reason: "forbidden" | "invalid" | "notFound" | "stale" }
  | { ok: false; reason: "invalidTransition"; status: RequestStatus };

/**
 * "Complete" in the PDF queue (OCAS administrators): the request's latest upload, a PDF, becomes its current
 * transcript (a previous one is superseded and the new one is a reissue) and the request moves to E-Transcript
 * Sent, with the version the queue showed, in one transaction with its timeline row.
 */
export async function completePdf(options: {
  actor: Pick<Actor, "id" | "role" | "boardId" | "schoolId">;
  input: CompletePdfInput;
  now?: Date;
}): Promise<CompletePdfResult> {
  const { actor } = options;
  const now = options.now ?? new Date();
  if (!isOcasAdmin(actor)) return { ok: false, reason: "forbidden" };
  const parsed = CompletePdfSchema.safeParse(options.input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { referenceNumber, fileId, expectedVersion } = parsed.data;

  const request = await db.transcriptRequest.findFirst({
    where: { referenceNumber },
    select: {
      id: true,
      status: true,
      version: true,
      files: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1, select: { id: true, kind: true, sha256: true } },
    },
  });
  const file = request?.files[0];
  if (!request || !file || file.id !== fileId || file.kind !== "PDF") return { ok: false, reason: "notFound" };
  if (request.version !== expectedVersion) return { ok: false, reason: "stale" };
  const to = nextStatus(request.status, "PDF_COMPLETED");
  if (!to) return { ok: false, reason: "invalidTransition", status: request.status };

  try {
    const transcriptId = await db.$transaction(async (tx) => {
      const previous = await tx.storedTranscript.updateMany({
        where: { requestId: request.id, isCurrent: true },
        data: { isCurrent: false, supersededAt: now },
      });
      const isReissue = previous.count > 0;
      const transcript = await tx.storedTranscript.create({
        data: {
          requestId: request.id,
          fileId: file.id,
          format: "PDF",
          source: "MANUAL",
          isReissue,
          isCurrent: true,
          sha256: file.sha256,
          content: null,
          createdAt: now,
        },
        select: { id: true },
      });
      const changed = await transitionWithin(tx, {
        request,
        expectedVersion,
        to,
        now,
        scope: requestScope(actor),
        event: { type: "pdf_completed", actorId: actor.id, data: { fileId: file.id, transcriptId: transcript.id, isReissue } },
      });
      if (!changed.ok) throw new StaleRequestError();
      return transcript.id;
    });
    return { ok: true, referenceNumber, transcriptId };
  } catch (error) {
    if (error instanceof StaleRequestError) return { ok: false, reason: "stale" };
    throw error;
  }
}
