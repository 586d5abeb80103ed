import { eventType } from "inngest";
import {
  BatchReadyData,
  EmailQueuedData,
  EVENT_NAMES,
  jobRunRequestedName,
  JobRunRequestedData,
  PasswordResetRequestedData,
  RematchRequestedData,
  RequestEventData,
  TranscriptUploadedData,
} from "@/lib/domain/events";

// The events the functions listen to, typed with the schemas of lib/domain/events.ts (where the services take their
// names and ids from). The SDK validates an event against its schema before a function runs (a bad payload fails the
// run without retries); functions also parse `event.data` themselves.

export const requestCreated = eventType(EVENT_NAMES.requestCreated, { schema: RequestEventData });
export const requestReleased = eventType(EVENT_NAMES.requestReleased, { schema: RequestEventData });
export const autoMatchRetryRequested = eventType(EVENT_NAMES.autoMatchRetryRequested, { schema: RequestEventData });
export const requestToProcess = eventType(EVENT_NAMES.requestToProcess, { schema: RequestEventData });
export const transcriptUploaded = eventType(EVENT_NAMES.transcriptUploaded, { schema: TranscriptUploadedData });
export const rematchRequested = eventType(EVENT_NAMES.rematchRequested, { schema: RematchRequestedData });
export const emailQueued = eventType(EVENT_NAMES.emailQueued, { schema: EmailQueuedData });
export const batchReady = eventType(EVENT_NAMES.batchReady, { schema: BatchReadyData });
export const passwordResetRequested = eventType(EVENT_NAMES.passwordResetRequested, { schema: PasswordResetRequestedData });

/** "Run now" of a scheduled function: `jobs/<functionId>.run`. */
export function jobRunRequested<const Id extends string>(functionId: Id) {
  return eventType(jobRunRequestedName(functionId) as `jobs/${Id}.run`, { schema: JobRunRequestedData });
}

export { BatchReadyData, EmailQueuedData, JobRunRequestedData, PasswordResetRequestedData, RematchRequestedData, RequestEventData, TranscriptUploadedData };
