// The security headers (docs/decisions/0020). Pages get a Content-Security-Policy with a fresh nonce per request
// (proxy.ts, Next's documented pattern: Next puts the nonce on its own scripts), so no inline script runs without
// it — no 'unsafe-inline' for scripts. Styles keep 'unsafe-inline' (React style attributes); they cannot run code.
// Responses that are not pages (API, files) get a policy that allows nothing. HSTS when the app is served over https.

export function pageCsp(nonce: string, dev = process.env.NODE_ENV !== "production"): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function newNonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** Strict-Transport-Security for an https APP_URL (never for plain http, where it would lock users out). */
export function hstsHeader(appUrl: string | undefined): string | null {
  return appUrl?.startsWith("https://") ? "max-age=31536000; includeSubDomains" : null;
}
