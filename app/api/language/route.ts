import type { NextRequest } from "next/server";
import { cookies } from "next/headers";
import { getActor } from "@/lib/auth/guard";
import { isSameOrigin, redirectTo } from "@/lib/http/redirect";
import { isLocale, routing, type Locale } from "@/lib/i18n/routing";
import { safeReturnPath } from "@/lib/i18n/safe-return-path";
import { saveLanguage } from "@/lib/server/users/save-language";

// The language switch. POST (the switch's click, from this app's pages only) remembers the choice in the cookie
// and in the signed-in user's profile; GET (the same link followed without JavaScript) only sets the cookie, as
// a GET changes nothing stored. Both answer a relative redirect to the same page in the other language.

function target(params: URLSearchParams): { locale: Locale; next: string } {
  const to = params.get("to");
  const locale = isLocale(to) ? to : routing.defaultLocale;
  return { locale, next: safeReturnPath(params.get("next"), locale) };
}

async function remember(locale: Locale) {
  (await cookies()).set("NEXT_LOCALE", locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
}

export async function GET(request: NextRequest) {
  const { locale, next } = target(request.nextUrl.searchParams);
  await remember(locale);
  return redirectTo(next);
}

export async function POST(request: NextRequest) {
  if (!isSameOrigin(request.headers)) return new Response("Forbidden", { status: 403 });
  const type = request.headers.get("content-type") ?? "";
  const body = type.includes("application/x-www-form-urlencoded") || type.includes("multipart/form-data") ? await request.formData() : null;
  const params = new URLSearchParams();
  for (const key of ["to", "next"]) {
    const value = body?.get(key) ?? request.nextUrl.searchParams.get(key);
    if (typeof value === "string") params.set(key, value);
  }
  const { locale, next } = target(params);
  const actor = await getActor();
  if (actor) await saveLanguage({ actor, language: locale });
  await remember(locale);
  return redirectTo(next);
}
