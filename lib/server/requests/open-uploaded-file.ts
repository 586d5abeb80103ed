import "server-only";
import type { Readable } from "node:stream";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/roles";
import { requestScope } from "@/lib/auth/scope";
import { isGeneratedName, openStoredFile, storedFileSize } from "@/lib/server/uploads/storage";

const ID_MAX_LENGTH = 100;
export type OpenedFile = { stream: Readable; size: number; originalName: string; kind: "XML" | "PDF" };

/**
 * An uploaded file of a request in the actor's scope, opened for streaming from the file store; null when
 * the file is unknown, out of scope or missing from storage (the route answers 404 in every case).
 */
export async function openUploadedFile(options: { actor: Pick<Actor, "role" | "boardId" | "schoolId">; fileId: string }): Promise<OpenedFile | null> {
  const fileId = options.fileId.trim();
  if (fileId === "" || fileId.length > ID_MAX_LENGTH) return null;
  const file = await db.uploadedFile.findFirst({
    where: { id: fileId, request: requestScope(options.actor) },
    select: { storedName: true, originalName: true, kind: true },
  });
  if (!file || !isGeneratedName(file.storedName)) return null;
  let size: number | null;
  try {
    size = await storedFileSize(file.storedName);
  } catch (error) {
    console.error(`[files] stored file unreadable: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
  if (size === null) return null;
  return { stream: openStoredFile(file.storedName), size, originalName: file.originalName, kind: file.kind };
}
