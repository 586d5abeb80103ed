import "server-only";
import type { Actor } from "@/lib/auth/roles";
import { matchTranscript, type MatchedBy } from "@/lib/domain/bulk-match";
import type { FieldComparison } from "@/lib/domain/pesc/compare";
import type { TranscriptError } from "@/lib/domain/pesc/errors";
import { readTranscriptFile } from "@/lib/domain/pesc/parse-transcript";
import type { Transcript } from "@/lib/domain/pesc/transcript";
import type { RequestStatus } from "@/lib/domain/statuses";
import { findBulkCandidates } from "./bulk-find-candidates";
import { unsafeTextProblem } from "@/lib/domain/safe-text";
import { kindOfContent, MAX_UPLOAD_BYTES, stageUpload, type UploadedBlob } from "./stage-upload";

export type BulkRequestSummary = { referenceNumber: string; firstName: string; lastName: string };

export type BulkCheckResult =
  /** Staged for the request: a pending upload of the user, as after Upload Transcript. */
  | { outcome: "matched" | "differences"; pendingId: string; request: BulkRequestSummary; by: MatchedBy; comparisons: FieldComparison[] }
  /** The file is for a request of the scope that takes no upload in its status… */
  | { outcome: "notOpen"; request: BulkRequestSummary; status: RequestStatus }
  /** …or not before its send-after date (Send at End of Semester). */
  | { outcome: "notDue"; request: BulkRequestSummary; sendAfter: Date }
  | { outcome: "several"; requests: BulkRequestSummary[] }
  | { outcome: "noMatch" }
  /** The request changed while the file was being checked: check the file again. */
  | { outcome: "stale"; request: BulkRequestSummary }
  | { outcome: "refused"; reason: "noFile" | "pdf" | "fileName" | "notXmlOrPdf" }
  | { outcome: "refused"; reason: "tooLarge"; limit: number }
  | { outcome: "refused"; reason: "transcript"; errors: TranscriptError[] };

/** One transcript of a PESC batch file: its place in the batch, the student it names (when it reads), its result. */
export type BulkBatchTranscript = { number: number; count: number; student: { firstName: string; lastName: string } | null; result: BulkCheckResult };

/** A file of one transcript has its result; a batch file, one per transcript, each matched and staged on its own. */
export type BulkFileResult = BulkCheckResult | { outcome: "batch"; transcripts: BulkBatchTranscript[] };

type CheckActor = Pick<Actor, "id" | "role" | "boardId" | "schoolId">;

const summary = (r: BulkRequestSummary): BulkRequestSummary => ({ referenceNumber: r.referenceNumber, firstName: r.firstName, lastName: r.lastName });

/**
 * One file of a bulk upload: checked like a single upload (size before reading, type by content, the PESC parser),
 * then each of its transcripts — the file's, or each document of a PESC batch — matched to an open request of the
 * actor's scope (lib/domain/bulk-match) and staged through stageUpload for that request, which checks scope, status,
 * version and send-after date again, so that "Save all clean matches" and the validation screen both find it as the
 * user's pending upload. A file of one transcript is kept as received; a transcript of a batch is kept as the
 * document of its own the parser cut out of it (UTF-8, its namespace declarations made explicit: ADR 0016). PDFs are
 * refused: they have nothing to match on. A transcript matched to no single open request stores nothing.
 */
export async function checkBulkFile(options: { actor: CheckActor; file: UploadedBlob | null; now?: Date }): Promise<BulkFileResult> {
  const { actor, file } = options;
  const now = options.now ?? new Date();
  if (!file || file.size === 0) return { outcome: "refused", reason: "noFile" };
  if (unsafeTextProblem(file.name)) return { outcome: "refused", reason: "fileName" };
  if (file.size > MAX_UPLOAD_BYTES) return { outcome: "refused", reason: "tooLarge", limit: MAX_UPLOAD_BYTES };
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.byteLength > MAX_UPLOAD_BYTES) return { outcome: "refused", reason: "tooLarge", limit: MAX_UPLOAD_BYTES };
  if (bytes.byteLength === 0) return { outcome: "refused", reason: "noFile" };
  const kind = kindOfContent(bytes);
  if (kind === "PDF") return { outcome: "refused", reason: "pdf" };
  if (kind === "OTHER") return { outcome: "refused", reason: "notXmlOrPdf" };
  const read = readTranscriptFile(bytes);
  if (!read.ok) return { outcome: "refused", reason: "transcript", errors: read.errors };

  if (!read.batch) {
    const [only] = read.documents;
    if (!only.ok) return { outcome: "refused", reason: "transcript", errors: only.errors };
    // The bytes already read, so that the file is not read twice.
    return checkTranscript(actor, only.transcript, { name: file.name, bytes }, now);
  }
  const encoder = new TextEncoder();
  const transcripts: BulkBatchTranscript[] = [];
  for (const document of read.documents) {
    const place = { number: document.number, count: read.documents.length };
    if (!document.ok) {
      // The row names the transcript: its errors need not.
      const errors = document.errors.map(({ document: _document, ...error }) => error);
      transcripts.push({ ...place, student: null, result: { outcome: "refused", reason: "transcript", errors } });
      continue;
    }
    const { firstName, lastName } = document.transcript.student;
    const result = await checkTranscript(actor, document.transcript, { name: `${file.name} (#${document.number})`, bytes: encoder.encode(document.xml) }, now);
    transcripts.push({ ...place, student: { firstName, lastName }, result });
  }
  return { outcome: "batch", transcripts };
}

/** Matches one transcript and stages the bytes kept of it for the request it matched. */
async function checkTranscript(actor: CheckActor, transcript: Transcript, kept: { name: string; bytes: Uint8Array }, now: Date): Promise<BulkCheckResult> {
  const candidates = await findBulkCandidates({ actor, transcript });
  const match = matchTranscript(transcript, candidates, now);
  switch (match.outcome) {
    case "noMatch":
      return match;
    case "several":
      return { outcome: "several", requests: match.requests.map(summary) };
    case "notOpen":
      return match.why === "sendAfter" && match.request.sendAfter
        ? { outcome: "notDue", request: summary(match.request), sendAfter: match.request.sendAfter }
        : { outcome: "notOpen", request: summary(match.request), status: match.request.status };
    case "matched":
    case "differences":
      break;
  }

  const { request } = match;
  const { bytes } = kept;
  const blob: UploadedBlob = { name: kept.name, size: bytes.byteLength, arrayBuffer: async () => bytes.slice().buffer };
  const staged = await stageUpload({ actor, input: { referenceNumber: request.referenceNumber, expectedVersion: request.version }, file: blob, now });
  if (staged.ok) return { outcome: match.outcome, pendingId: staged.pendingId, request: summary(request), by: match.by, comparisons: match.comparisons };
  switch (staged.reason) {
    case "invalidTransition":
      return { outcome: "notOpen", request: summary(request), status: staged.status };
    case "notBeforeSendAfter":
      return { outcome: "notDue", request: summary(request), sendAfter: staged.sendAfter };
    case "stale":
      return { outcome: "stale", request: summary(request) };
    case "notFound":
    case "invalid":
      // Gone from the scope meanwhile: as if it had never matched.
      return { outcome: "noMatch" };
    case "noFile":
      return { outcome: "refused", reason: "noFile" };
    case "fileName":
      return { outcome: "refused", reason: "fileName" };
    case "notXmlOrPdf":
      return { outcome: "refused", reason: "notXmlOrPdf" };
    case "tooLarge":
      return { outcome: "refused", reason: "tooLarge", limit: staged.limit };
    case "transcript":
      return { outcome: "refused", reason: "transcript", errors: staged.errors };
  }
}
