import "server-only";
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";

// Files of uploads under FILE_STORAGE_DIR (outside the web root), always under generated names:
// `pending/<random>.<ext>` between the upload and "Yes – Save and continue", `<yyyy>/<random>.<ext>` once saved.
// Transcripts received from a board's SIS are kept the same way (`<yyyy>/<random>.xml`, StoredTranscript.storedName).

export type StoredKind = "XML" | "PDF";

const STORED_NAME = /^(?:pending|\d{4})\/[a-f0-9]{32}\.(?:xml|pdf)$/;

const extensionOf = (kind: StoredKind) => (kind === "PDF" ? "pdf" : "xml");
const randomName = (kind: StoredKind) => `${crypto.randomBytes(16).toString("hex")}.${extensionOf(kind)}`;

/** The absolute path of a generated name; throws for anything that is not one (never a user's file name). */
export function storedPath(storedName: string): string {
  if (!STORED_NAME.test(storedName)) throw new Error("not a generated stored file name");
  return path.join(path.resolve(env().FILE_STORAGE_DIR), storedName);
}

export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash("sha256").update(bytes).digest("hex");
}

async function writeNew(storedName: string, bytes: Uint8Array) {
  const full = storedPath(storedName);
  // "wx": never overwrite; mode 600: readable by the application only. The folder is made when it is missing.
  let file: fs.FileHandle;
  try {
    file = await fs.open(full, "wx", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    await fs.mkdir(path.dirname(full), { recursive: true, mode: 0o700 });
    file = await fs.open(full, "wx", 0o600);
  }
  try {
    await file.writeFile(bytes);
    // Flushed to disk before the database row that names it is committed.
    await file.datasync();
  } finally {
    await file.close();
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
  await writeNew(storedName, await fs.readFile(storedPath(pendingName)));
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
