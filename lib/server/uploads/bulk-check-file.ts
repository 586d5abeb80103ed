import "server-only";
import type { Actor } from "@/lib/auth/roles";
import { matchTranscript, type MatchedBy } from "@/lib/domain/bulk-match";
import type { FieldComparison } from "@/lib/domain/pesc/compare";
import type { TranscriptError } from "@/lib/domain/pesc/errors";
import { parseTranscript } from "@/lib/domain/pesc/parse-transcript";
import type { RequestStatus } from "@/lib/domain/statuses";
import { findBulkCandidates } from "./bulk-find-candidates";
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
  | { outcome: "refused"; reason: "noFile" | "pdf" }
  | { outcome: "refused"; reason: "tooLarge"; limit: number }
  | { outcome: "refused"; reason: "transcript"; errors: TranscriptError[] };

type CheckActor = Pick<Actor, "id" | "role" | "boardId" | "schoolId">;

const summary = (r: BulkRequestSummary): BulkRequestSummary => ({ referenceNumber: r.referenceNumber, firstName: r.firstName, lastName: r.lastName });

/**
 * One file of a bulk upload: checked like a single upload (size before reading, type by content, the PESC parser),
 * matched to an open request of the actor's scope (lib/domain/bulk-match), then staged through stageUpload for that
 * request — which checks scope, status, version and send-after date again — so that "Save all clean matches" and
 * the validation screen both find it as the user's pending upload. PDFs are refused: they have nothing to match on.
 * A file matched to no single open request stores nothing.
 */
export async function checkBulkFile(options: { actor: CheckActor; file: UploadedBlob | null; now?: Date }): Promise<BulkCheckResult> {
  const { actor, file } = options;
  const now = options.now ?? new Date();
  if (!file || file.size === 0) return { outcome: "refused", reason: "noFile" };
  if (file.size > MAX_UPLOAD_BYTES) return { outcome: "refused", reason: "tooLarge", limit: MAX_UPLOAD_BYTES };
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.byteLength > MAX_UPLOAD_BYTES) return { outcome: "refused", reason: "tooLarge", limit: MAX_UPLOAD_BYTES };
  if (bytes.byteLength === 0) return { outcome: "refused", reason: "noFile" };
  if (kindOfContent(bytes) === "PDF") return { outcome: "refused", reason: "pdf" };
  const parsed = parseTranscript(bytes);
  if (!parsed.ok) return { outcome: "refused", reason: "transcript", errors: parsed.errors };

  const candidates = await findBulkCandidates({ actor, transcript: parsed.transcript });
  const match = matchTranscript(parsed.transcript, candidates, now);
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
  // The bytes already read, so that the file is not read twice.
  const blob: UploadedBlob = { name: file.name, size: bytes.byteLength, arrayBuffer: async () => bytes.slice().buffer };
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
    case "tooLarge":
      return { outcome: "refused", reason: "tooLarge", limit: staged.limit };
    case "transcript":
      return { outcome: "refused", reason: "transcript", errors: staged.errors };
  }
}
