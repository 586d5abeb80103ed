import crypto from "node:crypto";
import { PassThrough, Readable } from "node:stream";
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { FileMissingError, StorageUnavailableError, type FileStore, type StoredFileWriter } from "./file-store";
import { parseS3Location, type S3Settings } from "./s3-location";

const MISSING = new Set(["NoSuchKey", "NotFound"]);

/** What a failed call means to TRMS: a missing file, a store that cannot serve (network, credentials, 5xx), or a bug. */
function s3Error(error: unknown, name: string): unknown {
  if (error instanceof FileMissingError || error instanceof StorageUnavailableError) return error;
  if (error instanceof S3ServiceException) {
    if (MISSING.has(error.name) || error.$metadata?.httpStatusCode === 404) return new FileMissingError(name);
    return new StorageUnavailableError(`S3 ${error.name}${error.$metadata?.httpStatusCode ? ` ${error.$metadata.httpStatusCode}` : ""}`);
  }
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|UND_ERR_\w+)$/.test(code)) return new StorageUnavailableError(code);
  if (error instanceof Error && /TimeoutError|NetworkingError|socket hang up|CredentialsProviderError/.test(`${error.name} ${error.message}`)) {
    return new StorageUnavailableError(error.name);
  }
  return error;
}

/**
 * Files as objects under `prefix` in one bucket. An object appears only once its upload completes (PutObject, or a
 * multipart upload's completion), so a failed or interrupted write never leaves part of a file under its name; a
 * multipart upload that fails is aborted. Credentials come from the SDK's usual chain (AWS_ACCESS_KEY_ID and
 * AWS_SECRET_ACCESS_KEY, a profile, or the instance's role).
 */
export class S3FileStore implements FileStore {
  readonly description: string;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(settings: S3Settings) {
    const { bucket, prefix } = parseS3Location(settings.location);
    this.bucket = bucket;
    this.prefix = prefix;
    this.description = `s3://${bucket}/${prefix}${settings.endpoint ? ` at ${new URL(settings.endpoint).host}` : ""}`;
    this.client = new S3Client({
      region: settings.region,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      forcePathStyle: settings.forcePathStyle,
      // A store that does not answer is unavailable, not a request that hangs.
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
      maxAttempts: 3,
    });
  }

  private key(name: string) {
    return `${this.prefix}${name}`;
  }

  async put(name: string, bytes: Uint8Array): Promise<void> {
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: this.key(name),
          Body: bytes,
          ContentLength: bytes.byteLength,
          ContentMD5: crypto.createHash("md5").update(bytes).digest("base64"),
        }),
      );
    } catch (error) {
      throw s3Error(error, name);
    }
  }

  async get(name: string): Promise<Uint8Array> {
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.key(name) }));
      if (!answer.Body) throw new FileMissingError(name);
      return await answer.Body.transformToByteArray();
    } catch (error) {
      throw s3Error(error, name);
    }
  }

  stream(name: string): Readable {
    const client = this.client;
    const command = new GetObjectCommand({ Bucket: this.bucket, Key: this.key(name) });
    return Readable.from(
      (async function* () {
        try {
          const answer = await client.send(command);
          if (!answer.Body) throw new FileMissingError(name);
          for await (const chunk of answer.Body as Readable) yield chunk as Buffer;
        } catch (error) {
          throw s3Error(error, name);
        }
      })(),
      { objectMode: false },
    );
  }

  async size(name: string): Promise<number | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.key(name) }));
      return head.ContentLength ?? null;
    } catch (error) {
      const mapped = s3Error(error, name);
      if (mapped instanceof FileMissingError) return null;
      throw mapped;
    }
  }

  async remove(name: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.key(name) }));
    } catch (error) {
      const mapped = s3Error(error, name);
      if (!(mapped instanceof FileMissingError)) throw mapped;
    }
  }

  /** A multipart upload fed piece by piece (5 MB parts): memory holds a part or two, never the whole batch. */
  async writer(name: string): Promise<StoredFileWriter> {
    const body = new PassThrough();
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: this.key(name), Body: body },
      queueSize: 2,
      partSize: 5 * 1024 * 1024,
      leavePartsOnError: false,
    });
    const done = upload.done();
    // Observed here so that a failure before finish() is not an unhandled rejection; finish() reports it.
    done.catch(() => undefined);
    const hash = crypto.createHash("sha256");
    let size = 0;
    let settled = false;
    return {
      async write(chunk) {
        const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk);
        hash.update(bytes);
        size += bytes.byteLength;
        if (!body.write(bytes)) {
          // Until the upload has taken the piece, or has failed (then the write fails with its error).
          await Promise.race([new Promise<void>((resolve) => body.once("drain", resolve)), done.then(() => undefined)]).catch((error: unknown) => {
            throw s3Error(error, name);
          });
        }
      },
      async finish() {
        body.end();
        try {
          await done;
        } catch (error) {
          throw s3Error(error, name);
        } finally {
          settled = true;
        }
        return { size, sha256: hash.digest("hex") };
      },
      async abort() {
        if (settled) return;
        settled = true;
        body.destroy();
        await upload.abort().catch(() => undefined);
      },
    };
  }
}
