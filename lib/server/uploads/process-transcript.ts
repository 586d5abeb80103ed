import "server-only";
import { db } from "@/lib/db";
import { parseTranscript } from "@/lib/domain/pesc/parse-transcript";
import { nextStatus } from "@/lib/domain/statuses";
import { readStoredFile, sha256Hex } from "./storage";
import { StaleRequestError, transitionWithin } from "@/lib/server/requests/transition-request";

export type ProcessTranscriptResult =
  | { outcome: "stored"; transcriptId: string; isReissue: boolean }
  | { outcome: "failed"; error: string }
  /** Nothing to do: already processed (a repeated event), or the request moved on meanwhile. */
  | { outcome: "skipped"; why: "alreadyProcessed" | "notInProgress" | "notXml" | "unknownFile" };

const SYSTEM = { actorId: null, actorLabel: "system" } as const;

/**
 * After "Yes – Save and continue" on an XML transcript (the `transcript/uploaded` event): reads the stored file
 * again, parses it, stores the transcript as the request's current one (a previous current transcript is
 * superseded and the new one is a reissue) and completes the request (E-Transcript Sent). A file that can no
 * longer be read or parsed moves the request to File Upload Error with the reason. Idempotent: a transcript
 * already stored for the file, or a request no longer In Progress, means nothing to do.
 */
export async function processTranscript(options: {
  requestId: string;
  uploadedFileId: string;
  source?: "MANUAL" | "BULK";
  now?: Date;
}): Promise<ProcessTranscriptResult> {
  const now = options.now ?? new Date();
  const file = await db.uploadedFile.findFirst({
    where: { id: options.uploadedFileId, requestId: options.requestId },
    select: { id: true, kind: true, storedName: true, sha256: true, transcripts: { select: { id: true }, take: 1 } },
  });
  if (!file) return { outcome: "skipped", why: "unknownFile" };
  if (file.transcripts.length > 0) return { outcome: "skipped", why: "alreadyProcessed" };
  if (file.kind !== "XML") return { outcome: "skipped", why: "notXml" };
  const request = await db.transcriptRequest.findUniqueOrThrow({ where: { id: options.requestId }, select: { id: true, status: true, version: true } });
  if (request.status !== "TRANSCRIPT_UPLOADED") return { outcome: "skipped", why: "notInProgress" };

  let content: string | null = null;
  let error: string | null = null;
  try {
    const bytes = await readStoredFile(file.storedName);
    if (sha256Hex(bytes) !== file.sha256) error = "checksumMismatch";
    else {
      const parsed = parseTranscript(bytes);
      // The text as decoded (a UTF-16 file too); the bytes as received stay in the upload's file, with their sha256.
      if (parsed.ok) content = parsed.text;
      else error = parsed.errors.map((e) => e.code).join(",");
    }
  } catch {
    error = "fileUnreadable";
  }

  if (content === null) {
    const to = nextStatus(request.status, "PROCESSING_FAILED")!;
    try {
      await db.$transaction(async (tx) => {
        const changed = await transitionWithin(tx, {
          request,
          expectedVersion: request.version,
          to,
          now,
          scope: {},
          statusReason: JSON.stringify({ key: "processingFailed" }),
          event: { type: "processing_failed", ...SYSTEM, data: { fileId: file.id, reason: { key: "processingFailed" }, error } },
        });
        if (!changed.ok) throw new StaleRequestError();
      });
    } catch (e) {
      if (e instanceof StaleRequestError) return { outcome: "skipped", why: "notInProgress" };
      throw e;
    }
    return { outcome: "failed", error: error ?? "unknown" };
  }

  const to = nextStatus(request.status, "PROCESSING_SUCCEEDED")!;
  const xml = content;
  try {
    return await db.$transaction(async (tx) => {
      const previous = await tx.storedTranscript.updateMany({
        where: { requestId: request.id, isCurrent: true },
        data: { isCurrent: false, supersededAt: now },
      });
      const isReissue = previous.count > 0;
      const transcript = await tx.storedTranscript.create({
        data: {
          requestId: request.id,
          fileId: file.id,
          format: "XML",
          source: options.source ?? "MANUAL",
          isReissue,
          isCurrent: true,
          sha256: file.sha256,
          content: xml,
          createdAt: now,
        },
        select: { id: true },
      });
      const changed = await transitionWithin(tx, {
        request,
        expectedVersion: request.version,
        to,
        now,
        scope: {},
        event: { type: "processed", ...SYSTEM, data: { fileId: file.id, transcriptId: transcript.id, isReissue } },
      });
      if (!changed.ok) throw new StaleRequestError();
      return { outcome: "stored", transcriptId: transcript.id, isReissue } as const;
    });
  } catch (e) {
    // Someone acted on the request meanwhile (e.g. cancelled it): the transaction rolled back, nothing to do.
    if (e instanceof StaleRequestError) return { outcome: "skipped", why: "notInProgress" };
    throw e;
  }
}
