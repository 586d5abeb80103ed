import createMiddleware from "next-intl/middleware";
import { NextRequest, NextResponse } from "next/server";
import { createTranslator } from "next-intl";
import { MAX_TRANSCRIPT_BYTES } from "@/lib/domain/pesc/xml-text";
import { hstsHeader, newNonce, pageCsp } from "@/lib/http/security-headers";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";
import { routing } from "@/lib/i18n/routing";

// Routing only: locale prefixes, `/` by saved or browser language, and signed-out visitors sent to sign in; and the
// page's Content-Security-Policy with its nonce (lib/http/security-headers.ts). Authorization happens in every page,
// action and route handler (lib/auth/guard.ts), never only here.
const intl = createMiddleware(routing);

const PUBLIC_PAGES = /^\/(en|fr)(\/(login|forgot|reset\/[^/]+))?\/?$/;
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

/**
 * The largest body a page POST (a server action: an upload is a 5 MB file and a few fields) may have. It matches
 * serverActions.bodySizeLimit in next.config.ts and stays under the body Next buffers for the proxy (10 MB), so a
 * file a little too large reaches the action and gets its own translated "too large"; a bigger one is answered here.
 */
export const MAX_ACTION_BODY_BYTES = 10 * 1024 * 1024;

/** 413 in the page's language (docs/decisions/0020): never the generic 500 of a body over Next's limit. */
function tooLarge(request: NextRequest): Response {
  const locale = request.nextUrl.pathname.startsWith("/fr") ? "fr" : "en";
  const t = createTranslator({ locale, messages: locale === "fr" ? fr : en });
  const message = t("upload.errors.tooLarge", { limitMb: MAX_TRANSCRIPT_BYTES / 1024 / 1024 });
  if (request.headers.has("next-action")) return new Response(message, { status: 413, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  // A form posted without JavaScript: a page, with a way back to the form (the path is the page's own, escaped).
  const back = request.nextUrl.pathname.replace(/[^A-Za-z0-9/_.-]/g, "");
  const html = `<!doctype html><html lang="${locale}"><meta charset="utf-8"><title>413</title><main><h1>${message}</h1><p><a href="${back}">${t("errors.backToPage")}</a></p></main></html>`;
  return new Response(html, { status: 413, headers: { "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": "default-src 'none'" } });
}

export default function proxy(request: NextRequest) {
  if (request.method === "POST" && Number(request.headers.get("content-length") ?? 0) > MAX_ACTION_BODY_BYTES) return tooLarge(request);
  const nonce = newNonce();
  const csp = pageCsp(nonce);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const withNonce = new NextRequest(request.url, { headers, method: request.method });

  const { pathname, search } = request.nextUrl;
  const match = /^\/(en|fr)(\/|$)/.exec(pathname);
  let response: NextResponse;
  if (match && !PUBLIC_PAGES.test(pathname) && !SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    const url = request.nextUrl.clone();
    url.pathname = `/${match[1]}/login`;
    url.search = "";
    url.searchParams.set("callbackUrl", pathname + search);
    // Next makes a redirect to this app's own origin relative before it leaves (its adapter's relativizeURL).
    response = NextResponse.redirect(url);
  } else {
    response = intl(withNonce);
  }
  response.headers.set("Content-Security-Policy", csp);
  const hsts = hstsHeader(process.env.APP_URL);
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);
  return response;
}

export const config = {
  // Pages only: not the API, Next's assets or files with an extension.
  matcher: ["/((?!api|_next|_vercel|.*\\..*).*)"],
};
