// The files behind the demo uploads, written where the app keeps uploads (FILE_STORAGE_DIR) under generated names of
// the app's own form (`<yyyy>/<32 hex>.<ext>`, lib/server/uploads/storage.ts), derived from the upload's id so that
// seeding again rewrites the same files.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { S3FileStore } from "../../lib/server/uploads/s3-file-store";
import { s3SettingsFrom } from "../../lib/server/uploads/s3-location";

export function storedNameFor(uploadId: string, kind: "XML" | "PDF", at: Date): string {
  const hex = crypto.createHash("sha256").update(`demo-upload:${uploadId}`).digest("hex").slice(0, 32);
  return `${at.getUTCFullYear()}/${hex}.${kind === "PDF" ? "pdf" : "xml"}`;
}

/** Writes the files where the app reads them: the object store when FILE_STORAGE names one, else the folder `dir`. */
export async function writeStoredFiles(dir: string, files: readonly { storedName: string; bytes: Uint8Array }[]) {
  const { FILE_STORAGE, S3_ENDPOINT, S3_REGION, S3_FORCE_PATH_STYLE } = process.env;
  const s3 = s3SettingsFrom({ FILE_STORAGE, S3_ENDPOINT, S3_REGION, S3_FORCE_PATH_STYLE });
  if (s3) {
    const store = new S3FileStore(s3);
    for (const file of files) await store.put(file.storedName, file.bytes);
    return;
  }
  for (const file of files) {
    const full = path.join(path.resolve(dir), file.storedName);
    fs.mkdirSync(path.dirname(full), { recursive: true, mode: 0o700 });
    fs.writeFileSync(full, file.bytes, { mode: 0o600 });
  }
}

/** A one-page PDF saying what it is: the scan a school would have uploaded, for the PDF queue of the demo. */
export function demoPdf(lines: readonly string[]): Buffer {
  const text = lines
    .map((line, i) => `BT /F1 14 Tf 72 ${720 - i * 22} Td (${line.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, "?")}) Tj ET`)
    .join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Length ${Buffer.byteLength(text, "latin1")} >>\nstream\n${text}\nendstream`,
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, "latin1");
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}
