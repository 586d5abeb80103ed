/**
 * `Content-Disposition: attachment` for a file name a user chose: an ASCII fallback without quotes or control
 * characters for old clients, plus the exact name percent-encoded (RFC 6266, RFC 5987). Never a header injection.
 */
export function attachmentDisposition(name: string, fallback: string): string {
  const clean =
    name
      .replace(/[\u0000-\u001f\u007f/\\]/g, "_")
      .trim()
      .slice(0, 200) || fallback;
  const ascii =
    clean
      .normalize("NFKD")
      .replace(/[^\x20-\x7e]/g, "")
      .replace(/["%;\\]/g, "_")
      .trim() || fallback;
  const encoded = encodeURIComponent(clean).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
