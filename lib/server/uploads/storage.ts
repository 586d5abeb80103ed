import "server-only";
import crypto from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";

// Files of uploads under FILE_STORAGE_DIR (outside the web root), always under generated names:
// `pending/<random>.<ext>` between the upload and "Yes – Save and continue", `<yyyy>/<random>.<ext>` once saved.
// Transcripts received from a board's SIS are kept the same way (`<yyyy>/<random>.xml`, StoredTranscript.storedName).

export type StoredKind = "XML" | "PDF";

const STORED_NAME = /^(?:pending|\d{4})\/[a-f0-9]{32}\.(?:xml|pdf)$/;
// Transmission batches (contracts §4): batches/<night>/<BatchID>.xml, names TRMS makes itself.
const BATCH_NAME = /^batches\/\d{4}-\d{2}-\d{2}\/TRMS-[A-Z0-9]{2,8}-\d{4}-\d{2}-\d{2}-\d{3,4}\.xml$/;

const extensionOf = (kind: StoredKind) => (kind === "PDF" ? "pdf" : "xml");
const randomName = (kind: StoredKind) => `${crypto.randomBytes(16).toString("hex")}.${extensionOf(kind)}`;

/** The absolute path of a generated name; throws for anything that is not one (never a user's file name). */
export function storedPath(storedName: string): string {
  if (!STORED_NAME.test(storedName) && !BATCH_NAME.test(storedName)) throw new Error("not a generated stored file name");
  return path.join(path.resolve(env().FILE_STORAGE_DIR), storedName);
}

export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash("sha256").update(bytes).digest("hex");
}

/**
 * The store cannot take a file: full (ENOSPC, EDQUOT), read-only (EROFS) or refused (EACCES, EPERM). The action
 * pipeline answers it with a translated message (docs/decisions/0020); nothing that names the file was committed.
 */
export class StorageUnavailableError extends Error {
  constructor(readonly code: string) {
    super(`the file store cannot take the file (${code})`);
    this.name = "StorageUnavailableError";
  }
}

const UNAVAILABLE_CODES = new Set(["ENOSPC", "EDQUOT", "EROFS", "EACCES", "EPERM", "EIO", "EMFILE", "ENFILE"]);

function storageError(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code && UNAVAILABLE_CODES.has(code) ? new StorageUnavailableError(code) : error;
}

/**
 * Writes a new file under a generated name: beside its place first (`.partial`, mode 600), flushed, then renamed
 * into place, so a failed or interrupted write never leaves part of a file under the name; the partial file is
 * removed when the write fails. The folder is made when it is missing.
 */
async function writeNew(storedName: string, bytes: Uint8Array) {
  const full = storedPath(storedName);
  const partial = `${full}.${crypto.randomBytes(4).toString("hex")}.partial`;
  let file: fs.FileHandle | undefined;
  try {
    try {
      file = await fs.open(partial, "wx", 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      await fs.mkdir(path.dirname(full), { recursive: true, mode: 0o700 });
      file = await fs.open(partial, "wx", 0o600);
    }
    await file.writeFile(bytes);
    // Flushed to disk before the database row that names it is committed.
    await file.datasync();
    await file.close();
    file = undefined;
    await fs.rename(partial, full);
  } catch (error) {
    await file?.close().catch(() => undefined);
    await fs.rm(partial, { force: true }).catch(() => undefined);
    throw storageError(error);
  }
}

/** Keeps the bytes of a staged upload; returns the generated name. */
export async function writePendingFile(bytes: Uint8Array, kind: StoredKind): Promise<string> {
  const storedName = `pending/${randomName(kind)}`;
  await writeNew(storedName, bytes);
  return storedName;
}

/** Keeps a transcript received from a board's SIS (Auto-TRMS) at its permanent place; returns the generated name. */
export async function writeTranscriptFile(bytes: Uint8Array, now: Date): Promise<string> {
  const storedName = `${now.getUTCFullYear()}/${randomName("XML")}`;
  await writeNew(storedName, bytes);
  return storedName;
}

/** Copies a pending file to its permanent place (`<yyyy>/<random>.<ext>`); the pending file is removed later. */
export async function copyToPermanent(pendingName: string, kind: StoredKind, now: Date): Promise<string> {
  const storedName = `${now.getUTCFullYear()}/${randomName(kind)}`;
  await writeNew(storedName, await readStoredFile(pendingName));
  return storedName;
}

export async function readStoredFile(storedName: string): Promise<Uint8Array> {
  return new Uint8Array(await fs.readFile(storedPath(storedName)));
}

/** Removes a stored file; a file already gone is fine. */
export async function removeStoredFile(storedName: string): Promise<void> {
  try {
    await fs.rm(storedPath(storedName), { force: true });
  } catch (error) {
    console.warn(`[uploads] could not remove ${storedName}: ${String(error)}`);
  }
}

/** Where a transmission batch's file is kept. */
export const batchStoredName = (night: string, batchId: string) => `batches/${night}/${batchId}.xml`;

export type StoredFileWriter = {
  write(chunk: string | Uint8Array): Promise<void>;
  /** Flushes the file to disk and puts it in place (replacing an earlier file of that name); its size and SHA-256. */
  finish(): Promise<{ size: number; sha256: string }>;
  /** Forgets what was written. */
  abort(): Promise<void>;
};

/**
 * Writes a generated-name file piece by piece (a transmission batch: its memory never holds more than a piece). It is
 * written beside its place and renamed into it when finished, so a crash never leaves half a file under the name.
 */
export async function createStoredFileWriter(storedName: string): Promise<StoredFileWriter> {
  const full = storedPath(storedName);
  const partial = `${full}.${crypto.randomBytes(4).toString("hex")}.partial`;
  let file: fs.FileHandle;
  try {
    await fs.mkdir(path.dirname(full), { recursive: true, mode: 0o700 });
    file = await fs.open(partial, "w", 0o600);
  } catch (error) {
    throw storageError(error);
  }
  const hash = crypto.createHash("sha256");
  let size = 0;
  let closed = false;
  return {
    async write(chunk) {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
      hash.update(bytes);
      size += bytes.byteLength;
      await file.write(bytes);
    },
    async finish() {
      await file.datasync();
      await file.close();
      closed = true;
      await fs.rename(partial, full);
      return { size, sha256: hash.digest("hex") };
    },
    async abort() {
      if (!closed) await file.close();
      closed = true;
      await fs.rm(partial, { force: true });
    },
  };
}

/** A stored file read piece by piece (a batch's body, a download). */
export function openStoredFile(storedName: string): NodeJS.ReadableStream & AsyncIterable<Buffer> {
  return createReadStream(storedPath(storedName));
}

/** The size of a stored file, or null when it is missing. */
export async function storedFileSize(storedName: string): Promise<number | null> {
  try {
    return (await fs.stat(storedPath(storedName))).size;
  } catch {
    return null;
  }
}
