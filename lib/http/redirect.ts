// Redirects that never name a host: the browser resolves a relative Location against the address it used, so a user
// who came by 127.0.0.1, a proxy's name or the real domain stays there (an absolute URL built from `request.url`
// names whatever host the server believes it is, e.g. localhost:3100).

export function redirectTo(path: string, status: 302 | 303 | 307 = 303, headers: HeadersInit = {}): Response {
  if (!path.startsWith("/") || path.startsWith("//") || path.includes("\\")) throw new Error(`not a local path: ${path}`);
  const h = new Headers(headers);
  h.set("Location", path);
  h.set("Cache-Control", "no-store");
  return new Response(null, { status, headers: h });
}

/**
 * Whether a state-changing request comes from a page of this app: the browser's Origin (or, failing it,
 * Sec-Fetch-Site) must name this host. Forms posted by another site are refused (cross-site request forgery).
 */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (origin && origin !== "null") {
    try {
      return host !== null && new URL(origin).host === host;
    } catch {
      return false;
    }
  }
  const site = headers.get("sec-fetch-site");
  return site === "same-origin" || site === "none";
}
