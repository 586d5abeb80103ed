import "server-only";
import crypto from "node:crypto";
import path from "node:path";
import type { Readable } from "node:stream";
import { env } from "@/lib/env";
import { FileMissingError, LocalFileStore, StorageUnavailableError, type FileStore, type StoredFileWriter } from "./file-store";
import { S3FileStore } from "./s3-file-store";
import { s3SettingsFrom } from "./s3-location";

// Files of uploads, always under generated names, in the file store (lib/server/uploads/file-store.ts): a folder
// (FILE_STORAGE_DIR, outside the web root) or S3-compatible object storage (FILE_STORAGE=s3://…).
// `pending/<random>.<ext>` between the upload and "Yes – Save and continue", `<yyyy>/<random>.<ext>` once saved.
// Transcripts received from a board's SIS are kept the same way (`<yyyy>/<random>.xml`, StoredTranscript.storedName).

export { FileMissingError, StorageUnavailableError, type StoredFileWriter };

export type StoredKind = "XML" | "PDF";

const STORED_NAME = /^(?:pending|\d{4})\/[a-f0-9]{32}\.(?:xml|pdf)$/;
// Transmission batches (contracts §4): batches/<night>/<BatchID>.xml, names TRMS makes itself.
const BATCH_NAME = /^batches\/\d{4}-\d{2}-\d{2}\/TRMS-[A-Z0-9]{2,8}-\d{4}-\d{2}-\d{2}-\d{3,4}\.xml$/;
// The text copy of an email when no email service is set (lib/email/transport.ts), in an object store.
const OUTBOX_NAME = /^outbox\/[0-9TZ-]{20,30}-[A-Za-z0-9-]{10,60}\.txt$/;

const extensionOf = (kind: StoredKind) => (kind === "PDF" ? "pdf" : "xml");
const randomName = (kind: StoredKind) => `${crypto.randomBytes(16).toString("hex")}.${extensionOf(kind)}`;

/** Whether a name is one TRMS generates (never a user's file name, never one that leaves the store's folder). */
export function isGeneratedName(storedName: string): boolean {
  return STORED_NAME.test(storedName) || BATCH_NAME.test(storedName) || OUTBOX_NAME.test(storedName);
}

/** A generated name, checked; throws for anything that is not one. */
function checkedName(storedName: string): string {
  if (!isGeneratedName(storedName)) throw new Error("not a generated stored file name");
  return storedName;
}

type StoreHolder = { key: string; store: FileStore };
const holder = globalThis as unknown as { trmsFileStore?: StoreHolder };

/** The file store the settings name: object storage when FILE_STORAGE is set, else the folder. */
export function fileStore(): FileStore {
  const e = env();
  const key = e.FILE_STORAGE ? `${e.FILE_STORAGE}|${e.S3_ENDPOINT ?? ""}|${e.S3_REGION}` : `dir:${path.resolve(e.FILE_STORAGE_DIR)}`;
  if (holder.trmsFileStore?.key === key) return holder.trmsFileStore.store;
  let store: FileStore;
  const s3 = s3SettingsFrom(e);
  if (s3) {
    store = new S3FileStore(s3);
  } else {
    store = new LocalFileStore(path.resolve(e.FILE_STORAGE_DIR));
  }
  holder.trmsFileStore = { key, store };
  return store;
}

/** Whether files are in object storage (FILE_STORAGE) rather than a folder of this machine. */
export const usesObjectStorage = () => Boolean(env().FILE_STORAGE);

/** The absolute path of a generated name in the folder store (tests and tools of the embedded setup). */
export function storedPath(storedName: string): string {
  return path.join(path.resolve(env().FILE_STORAGE_DIR), checkedName(storedName));
}

export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash("sha256").update(bytes).digest("hex");
}

/** Keeps the bytes of a staged upload; returns the generated name. */
export async function writePendingFile(bytes: Uint8Array, kind: StoredKind): Promise<string> {
  const storedName = `pending/${randomName(kind)}`;
  await fileStore().put(storedName, bytes);
  return storedName;
}

/** Keeps a transcript received from a board's SIS (Auto-TRMS) at its permanent place; returns the generated name. */
export async function writeTranscriptFile(bytes: Uint8Array, now: Date): Promise<string> {
  const storedName = `${now.getUTCFullYear()}/${randomName("XML")}`;
  await fileStore().put(storedName, bytes);
  return storedName;
}

/** Copies a pending file to its permanent place (`<yyyy>/<random>.<ext>`); the pending file is removed later. */
export async function copyToPermanent(pendingName: string, kind: StoredKind, now: Date): Promise<string> {
  const storedName = `${now.getUTCFullYear()}/${randomName(kind)}`;
  await fileStore().put(storedName, await readStoredFile(pendingName));
  return storedName;
}

/** A stored file's bytes; throws FileMissingError when it is not in the store. */
export async function readStoredFile(storedName: string): Promise<Uint8Array> {
  return fileStore().get(checkedName(storedName));
}

/** Writes a text file under a generated name (the outbox's copies of emails in an object store). */
export async function writeStoredText(storedName: string, text: string): Promise<void> {
  await fileStore().put(checkedName(storedName), Buffer.from(text, "utf8"));
}

/** Removes a stored file; a file already gone is fine. */
export async function removeStoredFile(storedName: string): Promise<void> {
  try {
    await fileStore().remove(checkedName(storedName));
  } catch (error) {
    console.warn(`[uploads] could not remove ${storedName}: ${String(error)}`);
  }
}

/** Where a transmission batch's file is kept. */
export const batchStoredName = (night: string, batchId: string) => `batches/${night}/${batchId}.xml`;

/**
 * Writes a generated-name file piece by piece (a transmission batch: its memory never holds more than a piece). A
 * crash or a failure never leaves half a file under the name (renamed into place, or an object store's upload).
 */
export async function createStoredFileWriter(storedName: string): Promise<StoredFileWriter> {
  return fileStore().writer(checkedName(storedName));
}

/** A stored file read piece by piece (a batch's body, a download); errors with FileMissingError when it is gone. */
export function openStoredFile(storedName: string): Readable {
  return fileStore().stream(checkedName(storedName));
}

/** The size of a stored file, or null when it is missing. */
export async function storedFileSize(storedName: string): Promise<number | null> {
  return fileStore().size(checkedName(storedName));
}
