import { inngest } from "@/inngest/client";
import { transcriptUploaded, TranscriptUploadedData } from "@/inngest/events";
import { processTranscript } from "@/lib/server/uploads/process-transcript";

export const PROCESS_TRANSCRIPT_ID = "process-transcript";

/** After an XML upload is saved: stores the transcript and completes the request (lib/server/uploads/process-transcript.ts). */
export const processTranscriptFunction = inngest.createFunction(
  {
    id: PROCESS_TRANSCRIPT_ID,
    name: "Process an uploaded transcript",
    retries: 3,
    triggers: [transcriptUploaded],
  },
  async ({ event, step }) => {
    const data = TranscriptUploadedData.parse(event.data);
    return step.run("store-transcript", () => processTranscript({ requestId: data.requestId, uploadedFileId: data.uploadedFileId, source: data.source }));
  },
);
