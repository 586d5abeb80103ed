import type { Locale } from "./routing";

/**
 * A path inside this app to return to: only a local path under a locale prefix, never another host
 * (`//evil.example`, `/\evil`, `https://…`). Anything else falls back to the requests page.
 */
export function safeReturnPath(candidate: string | null | undefined, locale: Locale): string {
  const fallback = `/${locale}/requests`;
  if (!candidate || !candidate.startsWith("/") || candidate.startsWith("//") || candidate.includes("\\")) return fallback;
  if (!/^\/(en|fr)(\/|\?|$)/.test(candidate)) return fallback;
  try {
    const url = new URL(candidate, "http://local.invalid");
    if (url.host !== "local.invalid") return fallback;
    return url.pathname + url.search;
  } catch {
    return fallback;
  }
}
