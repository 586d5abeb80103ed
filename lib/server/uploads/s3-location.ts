// FILE_STORAGE's form and the object store's settings (lib/env.ts checks them at start-up; the file store and the
// demo seed use them). No server-only import: the seed runs outside Next.
/** `s3://bucket/prefix` → bucket and key prefix ("" or ending in "/"). */
export function parseS3Location(location: string): { bucket: string; prefix: string } {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(location.trim());
  if (!match) throw new Error("must be s3://bucket or s3://bucket/prefix (a valid bucket name)");
  const prefix = (match[2] ?? "").replace(/^\/+|\/+$/g, "");
  if (prefix.split("/").some((part) => part === "." || part === "..")) throw new Error("the prefix may not contain . or .. segments");
  return { bucket: match[1]!, prefix: prefix ? `${prefix}/` : "" };
}

export type S3Settings = {
  location: string;
  /** An S3-compatible server (MinIO, Ceph, s3rver…); unset: AWS's endpoint for the region. */
  endpoint?: string;
  region: string;
  forcePathStyle: boolean;
};

/** The settings named by FILE_STORAGE, S3_ENDPOINT, S3_REGION and S3_FORCE_PATH_STYLE; null without FILE_STORAGE. */
export function s3SettingsFrom(values: { FILE_STORAGE?: string; S3_ENDPOINT?: string; S3_REGION?: string; S3_FORCE_PATH_STYLE?: string }): S3Settings | null {
  const location = values.FILE_STORAGE?.trim();
  if (!location) return null;
  const endpoint = values.S3_ENDPOINT?.trim() || undefined;
  const pathStyle = values.S3_FORCE_PATH_STYLE?.trim();
  return {
    location,
    endpoint,
    region: values.S3_REGION?.trim() || "us-east-1",
    // What S3-compatible servers expect; AWS itself prefers the bucket in the host name.
    forcePathStyle: pathStyle ? pathStyle === "true" : Boolean(endpoint),
  };
}
