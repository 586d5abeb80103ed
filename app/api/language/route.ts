import { NextResponse, type NextRequest } from "next/server";
import { saveLanguage } from "@/lib/server/users/save-language";
import { getActor } from "@/lib/auth/guard";
import { isLocale, routing } from "@/lib/i18n/routing";
import { safeReturnPath } from "@/lib/i18n/safe-return-path";

export async function GET(request: NextRequest) {
  const to = request.nextUrl.searchParams.get("to");
  const locale = isLocale(to) ? to : routing.defaultLocale;
  const next = safeReturnPath(request.nextUrl.searchParams.get("next"), locale);
  const actor = await getActor();
  if (actor) await saveLanguage({ actor, language: locale });
  const response = NextResponse.redirect(new URL(next, request.url), 303);
  response.cookies.set("NEXT_LOCALE", locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
  return response;
}
