// An S3-compatible server on loopback for tests and the cluster demo (s3rver from npm): one bucket, files in a
// temporary folder. `startS3Double({ bucket })` → { endpoint, port, dir, close() }. Run alone:
//   node tests/doubles/s3-server.mjs [port] [bucket]   (prints the endpoint; stops on SIGINT/SIGTERM)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";

export const S3_DOUBLE_KEY = "S3RVER";

/** The environment that points TRMS at the double: FILE_STORAGE, the endpoint and s3rver's fixed credentials. */
export function s3DoubleEnv(endpoint, bucket, prefix = "files") {
  return {
    FILE_STORAGE: `s3://${bucket}/${prefix}`,
    S3_ENDPOINT: endpoint,
    S3_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: S3_DOUBLE_KEY,
    AWS_SECRET_ACCESS_KEY: S3_DOUBLE_KEY,
    // The SDK's notice that its releases after January 2027 need Node 22 (this one runs on 20): noise in test output.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}

/** @param {{ port?: number, bucket?: string, dir?: string }} [options] the folder is kept when given */
export async function startS3Double({ port = 0, bucket = "trms", dir = undefined } = {}) {
  const folder = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "trms-s3-"));
  const server = new S3rver({ port, address: "127.0.0.1", directory: folder, silent: true, configureBuckets: [{ name: bucket }] });
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  let running = true;
  return {
    endpoint,
    port: address.port,
    bucket,
    dir: folder,
    /** Stops the server (again is fine); its files are removed unless kept or the folder was given. */
    async close({ keepFiles = false } = {}) {
      if (running) await server.close();
      running = false;
      if (!keepFiles && !dir) fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const s3 = await startS3Double({ port: Number(process.argv[2] ?? 4569), bucket: process.argv[3] ?? "trms" });
  console.log(`S3 double at ${s3.endpoint} (bucket ${s3.bucket}, files in ${s3.dir})`);
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => s3.close().then(() => process.exit(0)));
}
