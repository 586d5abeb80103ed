import createMiddleware from "next-intl/middleware";
import { NextResponse, type NextRequest } from "next/server";
import { routing } from "@/lib/i18n/routing";

// Routing only: locale prefixes, `/` by saved or browser language, and signed-out visitors sent to sign in.
// Authorization happens in every page, action and route handler (lib/auth/guard.ts), never only here.
const intl = createMiddleware(routing);

const PUBLIC_PAGES = /^\/(en|fr)(\/(login|forgot|reset\/[^/]+))?\/?$/;
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export default function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const match = /^\/(en|fr)(\/|$)/.exec(pathname);
  if (match && !PUBLIC_PAGES.test(pathname)) {
    const signedIn = SESSION_COOKIES.some((name) => request.cookies.has(name));
    if (!signedIn) {
      const url = request.nextUrl.clone();
      url.pathname = `/${match[1]}/login`;
      url.search = "";
      url.searchParams.set("callbackUrl", pathname + search);
      return NextResponse.redirect(url);
    }
  }
  return intl(request);
}

export const config = {
  // Pages only: not the API, Next's assets or files with an extension.
  matcher: ["/((?!api|_next|_vercel|.*\\..*).*)"],
};
