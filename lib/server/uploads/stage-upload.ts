import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/roles";
import { requestScope } from "@/lib/auth/scope";
import type { TranscriptError } from "@/lib/domain/pesc/errors";
import { MAX_TRANSCRIPT_BYTES, parseTranscript } from "@/lib/domain/pesc/parse-transcript";
import { REFERENCE_NUMBER_PATTERN } from "@/lib/domain/reference-number";
import { nextStatus, type RequestStatus } from "@/lib/domain/statuses";
import { ExpectedVersionSchema } from "@/lib/server/requests/transition-request";
import { PENDING_UPLOAD_TTL_MS, purgePendingUploads, writePendingData } from "./pending-upload";
import { unsafeTextProblem } from "@/lib/domain/safe-text";
import { removeStoredFile, sha256Hex, writePendingFile } from "./storage";

/** The upload limit, announced in the form and enforced here (the same as the PESC parser's). */
export const MAX_UPLOAD_BYTES = MAX_TRANSCRIPT_BYTES;

export const StageUploadSchema = z.object({
  referenceNumber: z.string().trim().toUpperCase().regex(REFERENCE_NUMBER_PATTERN),
  expectedVersion: ExpectedVersionSchema,
});
export type StageUploadInput = z.input<typeof StageUploadSchema>;

/** The uploaded file as the form gives it (a web File); only read once its size is known to be acceptable. */
export type UploadedBlob = { name: string; size: number; arrayBuffer(): Promise<ArrayBuffer> };

export type StageUploadResult =
  | { ok: true; pendingId: string; kind: "XML" | "PDF"; referenceNumber: string }
  | { ok: false; reason: "invalid" | "notFound" | "stale" | "noFile" | "fileName" | "notXmlOrPdf" }
  | { ok: false; reason: "invalidTransition"; status: RequestStatus }
  | { ok: false; reason: "notBeforeSendAfter"; sendAfter: Date }
  | { ok: false; reason: "tooLarge"; limit: number }
  | { ok: false; reason: "transcript"; errors: TranscriptError[] };

type StageActor = Pick<Actor, "id" | "role" | "boardId" | "schoolId">;

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

/**
 * The type of a file by its content, never its name: "%PDF-" first is a PDF; text whose first character (after a
 * byte-order mark and spaces, in UTF-8 or UTF-16) is "<" may be a transcript; anything else (an image, a Word
 * document, a spreadsheet) is neither, and is refused as such rather than as a transcript that does not parse.
 */
export function kindOfContent(bytes: Uint8Array): "PDF" | "XML" | "OTHER" {
  if (PDF_MAGIC.every((b, i) => bytes[i] === b)) return "PDF";
  return looksLikeXml(bytes) ? "XML" : "OTHER";
}

function looksLikeXml(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 512);
  let encoding = "utf-8";
  if (head[0] === 0xff && head[1] === 0xfe) encoding = "utf-16le";
  else if (head[0] === 0xfe && head[1] === 0xff) encoding = "utf-16be";
  else if (head[0] !== 0 && head[1] === 0) encoding = "utf-16le";
  else if (head[0] === 0 && head[1] !== 0) encoding = "utf-16be";
  const text = new TextDecoder(encoding).decode(head).replace(/^\uFEFF/, "");
  return text.trimStart().startsWith("<");
}

const UNSAFE_NAME_CHARS = /[\u0000-\u001f\u007f-\u009f<>:"/\\|?*]/g;

/** The user's file name, only for display: no folders, no control or reserved characters, bounded. */
export function sanitizeFileName(name: string, kind: "XML" | "PDF"): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  // Invisible format and bidirectional characters go too ("invoice\u202Efdp.exe" would read "invoiceexe.pdf").
  const clean = base
    .normalize("NFC")
    .replace(UNSAFE_NAME_CHARS, "_")
    .replace(/\p{Cf}/gu, "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 200);
  return clean === "" || /^\.+$/.test(clean) ? `transcript.${kind === "PDF" ? "pdf" : "xml"}` : clean;
}

/**
 * First step of an upload: checks the request (in the actor's scope, a status that accepts an upload, the version
 * the form showed), the file's size and content (PDF, or a PESC transcript that parses), then keeps the file under
 * a generated name and a PendingUpload row for the validation screen. A refused file changes nothing.
 */
export async function stageUpload(options: { actor: StageActor; input: StageUploadInput; file: UploadedBlob | null; now?: Date }): Promise<StageUploadResult> {
  const { actor, file } = options;
  const now = options.now ?? new Date();
  const parsed = StageUploadSchema.safeParse(options.input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { referenceNumber, expectedVersion } = parsed.data;

  const request = await db.transcriptRequest.findFirst({
    where: { AND: [{ referenceNumber }, requestScope(actor)] },
    select: { id: true, status: true, version: true, sendOption: true, sendAfter: true },
  });
  if (!request) return { ok: false, reason: "notFound" };
  if (request.version !== expectedVersion) return { ok: false, reason: "stale" };
  if (nextStatus(request.status, "UPLOAD_SAVED") === null) return { ok: false, reason: "invalidTransition", status: request.status };
  // Send at End of Semester: an XML upload completes the request within seconds, so it waits for the date too.
  if (request.sendOption === "END_OF_SEMESTER" && request.sendAfter && request.sendAfter > now) {
    return { ok: false, reason: "notBeforeSendAfter", sendAfter: request.sendAfter };
  }

  if (!file || file.size === 0) return { ok: false, reason: "noFile" };
  // A name with control or bidirectional characters, or only invisible ones, is refused (docs/decisions/0020):
  // "invoice\u202Efdp.exe" reads as another file to whoever sees it next.
  if (unsafeTextProblem(file.name)) return { ok: false, reason: "fileName" };
  // Refused from the announced size, before the content is read.
  if (file.size > MAX_UPLOAD_BYTES) return { ok: false, reason: "tooLarge", limit: MAX_UPLOAD_BYTES };
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.byteLength > MAX_UPLOAD_BYTES) return { ok: false, reason: "tooLarge", limit: MAX_UPLOAD_BYTES };
  if (bytes.byteLength === 0) return { ok: false, reason: "noFile" };

  const kind = kindOfContent(bytes);
  if (kind === "OTHER") return { ok: false, reason: "notXmlOrPdf" };
  let transcript = null;
  if (kind === "XML") {
    const result = parseTranscript(bytes);
    if (!result.ok) return { ok: false, reason: "transcript", errors: result.errors };
    transcript = result.transcript;
  }

  // One upload waits per user and request: an earlier one left on its validation screen is forgotten.
  await purgePendingUploads({ now, alsoFor: { requestId: request.id, userId: actor.id } });
  const storedName = await writePendingFile(bytes, kind);
  try {
    const pending = await db.pendingUpload.create({
      data: {
        requestId: request.id,
        userId: actor.id,
        kind,
        originalName: sanitizeFileName(file.name, kind),
        storedName,
        size: bytes.byteLength,
        sha256: sha256Hex(bytes),
        parsed: writePendingData({ expectedVersion, transcript }),
        expiresAt: new Date(now.getTime() + PENDING_UPLOAD_TTL_MS),
      },
      select: { id: true },
    });
    return { ok: true, pendingId: pending.id, kind, referenceNumber };
  } catch (error) {
    await removeStoredFile(storedName);
    throw error;
  }
}
