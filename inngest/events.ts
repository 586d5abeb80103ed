import { eventType } from "inngest";
import { z } from "zod";

// Every event of TRMS, typed with zod. The SDK validates an event against its schema before a function runs
// (a bad payload fails the run without retries); functions also parse `event.data` themselves.

const id = z.string().min(1).max(100);

export const RequestCreatedData = z.object({ requestId: id, referenceNumber: z.string().regex(/^REF-\d{8}$/), boardId: id });

/** A request arrived through the intake API (contracts §5). Auto-TRMS consumes it. */
export const requestCreated = eventType("transcript/request.created", { schema: RequestCreatedData });

/**
 * A Send-at-End-of-Semester request became due (its send-after date passed); sent once per request, with the id
 * `request-released-<requestId>` so that a repeated send is deduplicated. Auto-TRMS consumes it.
 */
export const requestReleased = eventType("transcript/request.released", { schema: RequestCreatedData });

export const JobRunRequestedData = z.object({ requestedBy: z.string().min(1).max(100) });

/**
 * "Run now" for a scheduled function (/admin/jobs): each scheduled function also listens to its own
 * `jobs/<functionId>.run` event, which works the same with an Inngest server and in-process.
 */
export function jobRunRequested<const Id extends string>(functionId: Id) {
  return eventType(`jobs/${functionId}.run`, { schema: JobRunRequestedData });
}

export const jobRunRequestedName = (functionId: string) => `jobs/${functionId}.run`;

export const TranscriptUploadedData = z.object({
  requestId: id,
  uploadedFileId: id,
  /** How the file was saved (absent in events sent before bulk upload existed: a manual upload). */
  source: z.enum(["MANUAL", "BULK"]).optional(),
});

/**
 * An XML transcript was saved ("Yes – Save and continue"); the transcript-processing function stores it and
 * completes the request. Sent with the id `transcript-uploaded-<uploadedFileId>`.
 */
export const transcriptUploaded = eventType("transcript/uploaded", { schema: TranscriptUploadedData });

export const RematchRequestedData = z.object({ boardId: id, runId: id });

/**
 * A board administrator asked to re-run Auto-TRMS over the board's To Do requests (lib/server/auto-match/rematch.ts);
 * sent with the id `auto-trms-rematch-<runId>`. The function auto-match-rematch works through the run.
 */
export const rematchRequested = eventType("auto-trms/rematch.requested", { schema: RematchRequestedData });
