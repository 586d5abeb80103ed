import crypto from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";

// Where TRMS keeps its files (contracts §0, issue 22): one interface, two backends. Names are always TRMS's own
// generated names (lib/server/uploads/storage.ts checks them); a backend only maps a name to a place.
//   - LocalFileStore: a folder on this machine (FILE_STORAGE_DIR; the embedded default);
//   - S3FileStore: S3-compatible object storage (FILE_STORAGE=s3://bucket/prefix), shared by every instance.
// A write is all or nothing in both: a reader never sees part of a file under its name, and a failed write leaves
// nothing behind.

export type StoredFileWriter = {
  write(chunk: string | Uint8Array): Promise<void>;
  /** Puts the file in place (replacing an earlier file of that name); its size and SHA-256. */
  finish(): Promise<{ size: number; sha256: string }>;
  /** Forgets what was written. */
  abort(): Promise<void>;
};

export interface FileStore {
  /** Where the files are, for logs and the README's "Running at scale" (never a secret). */
  readonly description: string;
  put(name: string, bytes: Uint8Array): Promise<void>;
  /** The file's bytes; throws FileMissingError when there is no such file. */
  get(name: string): Promise<Uint8Array>;
  /** The file read piece by piece; the stream errors with FileMissingError when there is no such file. */
  stream(name: string): Readable;
  /** The file's size, or null when it is missing. */
  size(name: string): Promise<number | null>;
  /** Removes the file; a file already gone is fine. */
  remove(name: string): Promise<void>;
  writer(name: string): Promise<StoredFileWriter>;
}

export class FileMissingError extends Error {
  constructor(readonly storedName: string) {
    super(`no stored file ${storedName}`);
    this.name = "FileMissingError";
  }
}

/**
 * The store cannot take or give a file: a full (ENOSPC, EDQUOT), read-only (EROFS) or refusing (EACCES, EPERM) disk,
 * or an object store that is unreachable, refuses the credentials or answers 5xx. The action pipeline answers it
 * with a translated message (docs/decisions/0020); nothing that names the file was committed.
 */
export class StorageUnavailableError extends Error {
  constructor(readonly code: string) {
    super(`the file store cannot take the file (${code})`);
    this.name = "StorageUnavailableError";
  }
}

const UNAVAILABLE_CODES = new Set(["ENOSPC", "EDQUOT", "EROFS", "EACCES", "EPERM", "EIO", "EMFILE", "ENFILE"]);

function localError(error: unknown, name: string): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === "ENOENT") return new FileMissingError(name);
  return code && UNAVAILABLE_CODES.has(code) ? new StorageUnavailableError(code) : error;
}

const partialName = (full: string) => `${full}.${crypto.randomBytes(4).toString("hex")}.partial`;

/** Files under one folder: written beside their place (`.partial`, mode 600), flushed, then renamed into it. */
export class LocalFileStore implements FileStore {
  readonly description: string;
  constructor(private readonly root: string) {
    this.description = `folder ${root}`;
  }

  private full(name: string) {
    return path.join(this.root, name);
  }

  async put(name: string, bytes: Uint8Array): Promise<void> {
    const full = this.full(name);
    const partial = partialName(full);
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
      throw localError(error, name);
    }
  }

  async get(name: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await fs.readFile(this.full(name)));
    } catch (error) {
      throw localError(error, name);
    }
  }

  stream(name: string): Readable {
    const full = this.full(name);
    return Readable.from(
      (async function* () {
        try {
          for await (const chunk of createReadStream(full)) yield chunk as Buffer;
        } catch (error) {
          throw localError(error, name);
        }
      })(),
      { objectMode: false },
    );
  }

  async size(name: string): Promise<number | null> {
    try {
      const stat = await fs.stat(this.full(name));
      return stat.isFile() ? stat.size : null;
    } catch {
      return null;
    }
  }

  async remove(name: string): Promise<void> {
    await fs.rm(this.full(name), { force: true });
  }

  async writer(name: string): Promise<StoredFileWriter> {
    const full = this.full(name);
    const partial = partialName(full);
    let file: fs.FileHandle;
    try {
      await fs.mkdir(path.dirname(full), { recursive: true, mode: 0o700 });
      file = await fs.open(partial, "w", 0o600);
    } catch (error) {
      throw localError(error, name);
    }
    const hash = crypto.createHash("sha256");
    let size = 0;
    let closed = false;
    return {
      async write(chunk) {
        const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
        hash.update(bytes);
        size += bytes.byteLength;
        try {
          await file.write(bytes);
        } catch (error) {
          throw localError(error, name);
        }
      },
      async finish() {
        try {
          await file.datasync();
          await file.close();
          closed = true;
          await fs.rename(partial, full);
        } catch (error) {
          throw localError(error, name);
        }
        return { size, sha256: hash.digest("hex") };
      },
      async abort() {
        if (!closed) await file.close().catch(() => undefined);
        closed = true;
        await fs.rm(partial, { force: true });
      },
    };
  }
}
