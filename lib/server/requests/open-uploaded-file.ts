import "server-only";
import fs from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { Actor } from "@/lib/auth/roles";
import { requestScope } from "@/lib/auth/scope";

const ID_MAX_LENGTH = 100;
// Generated names (possibly under generated sub-folders), never anything a user typed.
const STORED_NAME = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/;

export type OpenedFile = { stream: fs.ReadStream; size: number; originalName: string; kind: "XML" | "PDF" };

/**
 * An uploaded file of a request in the actor's scope, opened for streaming from the storage directory; null when
 * the file is unknown, out of scope or missing from storage (the route answers 404 in every case).
 */
export async function openUploadedFile(options: { actor: Pick<Actor, "role" | "boardId" | "schoolId">; fileId: string }): Promise<OpenedFile | null> {
  const fileId = options.fileId.trim();
  if (fileId === "" || fileId.length > ID_MAX_LENGTH) return null;
  const file = await db.uploadedFile.findFirst({
    where: { id: fileId, request: requestScope(options.actor) },
    select: { storedName: true, originalName: true, kind: true },
  });
  if (!file || !STORED_NAME.test(file.storedName) || file.storedName.split("/").includes("..")) return null;
  const root = path.resolve(env().FILE_STORAGE_DIR);
  const full = path.resolve(root, file.storedName);
  if (!full.startsWith(root + path.sep)) return null;
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(full, "r");
  } catch {
    return null;
  }
  const stat = await handle.stat();
  if (!stat.isFile()) {
    await handle.close();
    return null;
  }
  return { stream: handle.createReadStream(), size: stat.size, originalName: file.originalName, kind: file.kind };
}
