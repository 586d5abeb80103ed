// Every event of TRMS: its name, the zod schema of its data, its id and what it is about. The services write them to
// the outbox (lib/server/jobs/outbox.ts) in the transaction of the change that causes them; inngest/events.ts wraps the
// same schemas for the functions. An id is stable for one cause, so that a repeated dispatch starts nothing more:
// Inngest deduplicates by it and the embedded runner claims each (function, event id) once.
import { z } from "zod";
import { REFERENCE_NUMBER_PATTERN } from "./reference-number";

const id = z.string().min(1).max(100);

export const RequestEventData = z.object({ requestId: id, referenceNumber: z.string().regex(REFERENCE_NUMBER_PATTERN), boardId: id });
export type RequestEventData = z.infer<typeof RequestEventData>;

export const TranscriptUploadedData = z.object({
  requestId: id,
  uploadedFileId: id,
  /** How the file was saved (absent in events sent before bulk upload existed: a manual upload). */
  source: z.enum(["MANUAL", "BULK"]).optional(),
});
export type TranscriptUploadedData = z.infer<typeof TranscriptUploadedData>;

export const RematchRequestedData = z.object({ boardId: id, runId: id });
export const EmailQueuedData = z.object({ emailId: id });
export const BatchReadyData = z.object({ batchId: z.string().min(1).max(60), collegeCode: z.string().min(1).max(8) });
export const JobRunRequestedData = z.object({ requestedBy: z.string().min(1).max(100) });
export const PasswordResetRequestedData = z.object({ email: z.string().min(1).max(254) });

export const EVENT_NAMES = {
  /** A request arrived through the intake API (contracts §5). Auto-TRMS consumes it. */
  requestCreated: "transcript/request.created",
  /** A Send-at-End-of-Semester request became due (its send-after date passed). Auto-TRMS consumes it. */
  requestReleased: "transcript/request.released",
  /** An XML transcript was saved ("Yes – Save and continue"): the processing function stores it and completes the request. */
  transcriptUploaded: "transcript/uploaded",
  /** A user asked for Auto-TRMS again on one request it left as "SIS unavailable" (Retry Auto-TRMS). */
  autoMatchRetryRequested: "auto-trms/request.retry_requested",
  /** A board administrator asked to re-run Auto-TRMS over the board's To Do requests. */
  rematchRequested: "auto-trms/rematch.requested",
  /** An email was queued in EmailOutbox: the delivery function sends it. */
  emailQueued: "email/queued",
  /** A request entered To Do to be processed by hand (Auto-TRMS could not): users who asked are emailed. */
  requestToProcess: "transcript/request.to_process",
  /** A transmission batch is built (or left by a failed night): the delivery function sends it to its college. */
  batchReady: "transmission/batch.ready",
  /** Someone asked for a reset link for an address ("Forgot password"): the function emails its accounts, if any. */
  passwordResetRequested: "auth/password-reset.requested",
} as const;

/** An event as the outbox stores it. `subject` names what it is about, for the reconciler ("file:<id>"). */
export type OutgoingEvent = { id: string; name: string; data: Record<string, unknown>; subject: string | null };

/**
 * The cause of a repeated announcement made by the reconciler (lib/server/jobs/reconcile.ts): a new id, so that the
 * functions run again, and the same one whichever instance makes it, so that two reconcilers add one event.
 */
export const repairId = (eventId: string, repair: number) => `${eventId}:repair-${repair}`;

export const requestCreatedEvent = (data: RequestEventData): OutgoingEvent => ({
  id: `request-created-${data.requestId}`,
  name: EVENT_NAMES.requestCreated,
  data,
  subject: `request:${data.requestId}`,
});

/** Auto-TRMS left the request in To Do (Auto-Process Error); `attemptId` makes each failure its own event. */
export const requestToProcessEvent = (data: RequestEventData, attemptId: string): OutgoingEvent => ({
  id: `request-to-process-${data.requestId}-${attemptId}`,
  name: EVENT_NAMES.requestToProcess,
  data,
  subject: `request:${data.requestId}`,
});

/**
 * Retry Auto-TRMS on one request: `retry` (the id of the timeline row that records who asked) makes each retry its own
 * event, so that the auto-match function runs again, and only the auto-match function listens (no new-request email).
 */
export const autoMatchRetryEvent = (data: RequestEventData, retry: string): OutgoingEvent => ({
  id: `auto-trms-retry-${data.requestId}-${retry}`,
  name: EVENT_NAMES.autoMatchRetryRequested,
  data,
  subject: `request:${data.requestId}`,
});

export const requestReleasedEvent = (data: RequestEventData): OutgoingEvent => ({
  id: `request-released-${data.requestId}`,
  name: EVENT_NAMES.requestReleased,
  data,
  subject: `request:${data.requestId}`,
});

export const transcriptUploadedEvent = (data: TranscriptUploadedData): OutgoingEvent => ({
  id: `transcript-uploaded-${data.uploadedFileId}`,
  name: EVENT_NAMES.transcriptUploaded,
  data,
  subject: `file:${data.uploadedFileId}`,
});

export const rematchRequestedEvent = (data: z.infer<typeof RematchRequestedData>): OutgoingEvent => ({
  id: `auto-trms-rematch-${data.runId}`,
  name: EVENT_NAMES.rematchRequested,
  data,
  subject: `rematch:${data.runId}`,
});

/** One per form sent (the id is random): the same cost whether or not the address has an account. */
export const passwordResetRequestedEvent = (email: string, requestId: string): OutgoingEvent => ({
  id: `password-reset-${requestId}`,
  name: EVENT_NAMES.passwordResetRequested,
  data: { email },
  subject: null,
});

export const emailQueuedEvent = (emailId: string): OutgoingEvent => ({
  id: `email-${emailId}`,
  name: EVENT_NAMES.emailQueued,
  data: { emailId },
  subject: `email:${emailId}`,
});

/**
 * "Run now" for a scheduled function (/admin/jobs): each scheduled function also listens to its own
 * `jobs/<functionId>.run` event, which works the same with an Inngest server and with the embedded runner.
 */
export const jobRunRequestedName = (functionId: string) => `jobs/${functionId}.run`;
export const MANUAL_EVENT_PATTERN = /^jobs\/(.+)\.run$/;

export const jobRunRequestedEvent = (functionId: string, requestedBy: string, uniqueId: string): OutgoingEvent => ({
  id: `run-now-${functionId}-${uniqueId}`,
  name: jobRunRequestedName(functionId),
  data: { requestedBy },
  subject: null,
});

/**
 * The delivery of a batch, announced when it is built (`generation` 0) and again by each later night while it has
 * not been delivered (the attempts made so far: a new id each time, so that the delivery runs again).
 */
export const batchDeliveryEvent = (batchId: string, collegeCode: string, generation: number): OutgoingEvent => ({
  id: `transmission-batch-${batchId}-${generation}`,
  name: EVENT_NAMES.batchReady,
  data: { batchId, collegeCode },
  subject: `batch:${batchId}`,
});
