import createMiddleware from "next-intl/middleware";
import { NextRequest, NextResponse } from "next/server";
import { hstsHeader, newNonce, pageCsp } from "@/lib/http/security-headers";
import { routing } from "@/lib/i18n/routing";

// Routing only: locale prefixes, `/` by saved or browser language, and signed-out visitors sent to sign in; and the
// page's Content-Security-Policy with its nonce (lib/http/security-headers.ts). Authorization happens in every page,
// action and route handler (lib/auth/guard.ts), never only here. Redirects name no host (a relative Location).
const intl = createMiddleware(routing);

const PUBLIC_PAGES = /^\/(en|fr)(\/(login|forgot|reset\/[^/]+))?\/?$/;
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export default function proxy(request: NextRequest) {
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
    const query = new URLSearchParams({ callbackUrl: pathname + search });
    response = new NextResponse(null, { status: 307, headers: { Location: `/${match[1]}/login?${query.toString()}` } });
  } else {
    response = intl(withNonce);
  }
  relativeLocation(response, request);
  response.headers.set("Content-Security-Policy", csp);
  const hsts = hstsHeader(process.env.APP_URL);
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);
  return response;
}

/** A redirect to this app names no host: the browser stays on the address it used. */
function relativeLocation(response: Response, request: NextRequest) {
  const location = response.headers.get("location");
  if (!location) return;
  try {
    const url = new URL(location, request.url);
    if (url.origin === request.nextUrl.origin) response.headers.set("location", url.pathname + url.search);
  } catch {
    // not a URL: leave it
  }
}

export const config = {
  // Pages only: not the API, Next's assets or files with an extension.
  matcher: ["/((?!api|_next|_vercel|.*\\..*).*)"],
};
