/**
 * `Content-Disposition: attachment` for a file name a user chose: an ASCII fallback without quotes or control
 * characters for old clients, plus the exact name percent-encoded (RFC 6266, RFC 5987). Never a header injection.
 * The name ends with the file's real extension (taken from the fallback): a PDF someone named "notes.html" is
 * saved as "notes.html.pdf"; invisible format and bidirectional characters (which can make "exe.pdf" read as
 * "fdp.exe") are dropped.
 */
export function attachmentDisposition(name: string, fallback: string): string {
  const extension = /\.[a-z0-9]+$/i.exec(fallback)?.[0] ?? "";
  const trimmed =
    name
      .replace(/[\u0000-\u001f\u007f-\u009f/\\]/g, "_")
      .replace(/\p{Cf}/gu, "")
      .trim()
      .slice(0, 200) || fallback;
  const clean = extension && !trimmed.toLowerCase().endsWith(extension.toLowerCase()) ? `${trimmed}${extension}` : trimmed;
  const ascii =
    clean
      .normalize("NFKD")
      .replace(/[^\x20-\x7e]/g, "")
      .replace(/["%;\\]/g, "_")
      .trim() || fallback;
  const encoded = encodeURIComponent(clean).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
