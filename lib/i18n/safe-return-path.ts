import type { Locale } from "./routing";

const LOCAL_PAGE = /^\/(en|fr)(\/|$)/;
// Control characters (a tab or a newline inside a path is dropped by URL parsers, and a browser may then read
// another host) and backslashes (read as slashes by browsers) never belong in a return path.
const FORBIDDEN = /[\u0000-\u001f\u007f\\]/;

/**
 * A path inside this app to return to: only a local path under a locale prefix, never another host
 * (`//evil.example`, `/\evil`, `https://…`, `/en/..//evil.example`). The path is normalised first (dot segments,
 * percent-encoding), then checked again, so that what the browser will follow is what was checked. Anything else
 * falls back to the requests page.
 */
export function safeReturnPath(candidate: string | null | undefined, locale: Locale): string {
  const fallback = `/${locale}/requests`;
  if (!candidate || FORBIDDEN.test(candidate) || !candidate.startsWith("/") || candidate.startsWith("//")) return fallback;
  if (!LOCAL_PAGE.test(candidate.split("?")[0]!)) return fallback;
  try {
    const url = new URL(candidate, "http://local.invalid");
    if (url.host !== "local.invalid" || url.username || url.password) return fallback;
    const path = url.pathname;
    // After normalisation: still one leading slash, still under a locale, no encoded slash or backslash that a
    // second decoding (a proxy, the browser) could turn into another host.
    if (path.startsWith("//") || !LOCAL_PAGE.test(path) || /%(2f|5c)/i.test(path) || FORBIDDEN.test(decodeURIComponent(path))) return fallback;
    return path + url.search;
  } catch {
    return fallback;
  }
}
