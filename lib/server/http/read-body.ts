import "server-only";

// Request bodies of the APIs (intake, college receipts), read with a limit: a larger Content-Length is refused before
// reading, and the bytes actually received are counted too (the header may be absent or lie).

export type RawBody = { ok: true; bytes: Uint8Array } | { ok: false; reason: "tooLarge" | "missing" };
export type JsonBody = { ok: true; value: unknown } | { ok: false; reason: "tooLarge" | "invalidJson" };

/** The body's bytes as received (a signature is checked over exactly these). */
export async function readRawBody(request: Request, maxBytes: number): Promise<RawBody> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) return { ok: false, reason: "tooLarge" };
  if (!request.body) return { ok: false, reason: "missing" };

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return { ok: false, reason: "tooLarge" };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}

/** JSON text as UTF-8 (invalid UTF-8 is invalid JSON). */
export function parseJsonBytes(bytes: Uint8Array): JsonBody {
  try {
    return { ok: true, value: JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) as unknown };
  } catch {
    return { ok: false, reason: "invalidJson" };
  }
}

/** A JSON body of at most `maxBytes`. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<JsonBody> {
  const raw = await readRawBody(request, maxBytes);
  if (!raw.ok) return { ok: false, reason: raw.reason === "tooLarge" ? "tooLarge" : "invalidJson" };
  return parseJsonBytes(raw.bytes);
}
