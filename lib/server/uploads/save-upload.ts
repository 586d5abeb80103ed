import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/roles";
import { requestScope } from "@/lib/auth/scope";
import { nextStatus, type RequestStatus } from "@/lib/domain/statuses";
import { transcriptUploadedEvent } from "@/lib/domain/events";
import { enqueueEvents } from "@/lib/server/jobs/outbox";
import { signalBackgroundWork } from "@/lib/server/jobs/signal";
import { recordEvent } from "@/lib/server/requests/record-event";
import { compareUpload, summarizeComparisons } from "./compare-upload";
import { findPendingUpload } from "./find-pending-upload";
import { readPendingData } from "./pending-upload";
import { copyToPermanent, removeStoredFile } from "./storage";
import { StaleRequestError, transitionWithin } from "@/lib/server/requests/transition-request";

export type UploadSource = "MANUAL" | "BULK";

export type SaveUploadResult =
  | {
      ok: true;
      referenceNumber: string;
      kind: "XML" | "PDF";
      uploadedFileId: string;
    }
  /** Unknown, expired, someone else's or out of scope: the user must upload again. */
  | { ok: false; reason: "notFound" | "stale" }
  | { ok: false; reason: "invalidTransition"; status: RequestStatus };

/**
 * "Yes – Save and continue": the user's own pending upload (never a file sent back by the browser) becomes an
 * UploadedFile under its permanent generated name and the request moves to Transcript File Uploaded to OCAS, with
 * the "upload" and "validated" timeline rows, in one transaction that also consumes the pending upload. An XML
 * transcript is then processed in the background: its `transcript/uploaded` event is written in that transaction
 * (the outbox), so a crash after the commit delays the processing, never loses it. A PDF waits in the PDF queue.
 */
export async function saveUpload(options: {
  actor: Pick<Actor, "id" | "role" | "boardId" | "schoolId">;
  pendingId: string;
  /** "BULK" when saved from the bulk upload page: recorded on the timeline and on the stored transcript. */
  source?: UploadSource;
  now?: Date;
}): Promise<SaveUploadResult> {
  const source = options.source ?? "MANUAL";
  const { actor } = options;
  const now = options.now ?? new Date();
  const pending = await findPendingUpload({ actor, pendingId: options.pendingId, now });
  if (!pending) return { ok: false, reason: "notFound" };
  const data = readPendingData(pending.parsed);
  if (!data || (pending.kind === "XML" && !data.transcript)) return { ok: false, reason: "notFound" };
  const { request } = pending;
  if (request.version !== data.expectedVersion) return { ok: false, reason: "stale" };
  const to = nextStatus(request.status, "UPLOAD_SAVED");
  if (!to) return { ok: false, reason: "invalidTransition", status: request.status };

  const summary = data.transcript ? summarizeComparisons(compareUpload(pending, data.transcript)) : null;
  const storedName = await copyToPermanent(pending.storedName, pending.kind, now);
  let fileId: string;
  try {
    fileId = await db.$transaction(async (tx) => {
      // Consumed first: a second "Yes" (double click, two tabs) finds nothing and rolls back.
      const consumed = await tx.pendingUpload.deleteMany({ where: { id: pending.id, userId: actor.id } });
      if (consumed.count !== 1) throw new StaleRequestError();
      const file = await tx.uploadedFile.create({
        data: {
          requestId: request.id,
          kind: pending.kind,
          originalName: pending.originalName,
          storedName,
          size: pending.size,
          sha256: pending.sha256,
          uploadedById: actor.id,
          createdAt: now,
        },
        select: { id: true },
      });
      const changed = await transitionWithin(tx, {
        request,
        expectedVersion: data.expectedVersion,
        to,
        now,
        scope: requestScope(actor),
        event: {
          type: "upload",
          actorId: actor.id,
          data: {
            fileId: file.id,
            kind: pending.kind,
            reupload: request.status === "E_TRANSCRIPT_SENT" || request.status === "PAPER_TRANSCRIPT_SENT",
            ...(source === "BULK" ? { bulk: true } : {}),
          },
        },
      });
      if (!changed.ok) throw new StaleRequestError();
      if (summary) {
        await recordEvent(tx, { requestId: request.id, type: "validated", actorId: actor.id, data: { fileId: file.id, comparison: summary }, at: now });
      }
      if (pending.kind === "XML") await enqueueEvents(tx, [transcriptUploadedEvent({ requestId: request.id, uploadedFileId: file.id, source })], now);
      return file.id;
    });
  } catch (error) {
    await removeStoredFile(storedName);
    if (error instanceof StaleRequestError) return { ok: false, reason: "stale" };
    throw error;
  }
  await removeStoredFile(pending.storedName);

  signalBackgroundWork();
  return { ok: true, referenceNumber: request.referenceNumber, kind: pending.kind, uploadedFileId: fileId };
}
