import { getLocale, getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/auth/roles";
import { canManageUsers } from "@/lib/auth/roles";
import { Link } from "@/lib/i18n/navigation";
import { LanguageSwitch } from "@/components/ui/language-switch";
import { NavLink } from "./nav-link";
import { SignOutForm } from "./sign-out-form";

/** The header of every signed-in page: who you are, where you can go, language and sign-out. */
export async function AppHeader({ actor }: { actor: Actor }) {
  const locale = await getLocale();
  const t = await getTranslations();
  const scope = actor.school
    ? t("header.scopeSchool", { name: locale === "fr" ? actor.school.nameFr : actor.school.nameEn })
    : actor.board
      ? t("header.scopeBoard", { name: locale === "fr" ? actor.board.nameFr : actor.board.nameEn })
      : t("header.scopeAll");
  return (
    <header className="no-print border-b border-gray-200 bg-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
        {t("nav.skipToContent")}
      </a>
      <div className="mx-auto flex max-w-screen-2xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2">
        <Link href="/requests" className="text-lg font-bold text-brand-800 hover:no-underline">
          {t("app.name")}
        </Link>
        <nav aria-label={t("nav.mainNavigation")} className="flex flex-1 flex-wrap gap-1">
          <NavLink href="/requests">{t("nav.requests")}</NavLink>
          <NavLink href="/reports">{t("nav.reports")}</NavLink>
          <NavLink href="/notifications">{t("nav.notifications")}</NavLink>
          {canManageUsers(actor) && <NavLink href="/admin">{t("nav.administration")}</NavLink>}
        </nav>
        <div className="flex flex-wrap items-center gap-4 text-sm">
          <div className="text-right leading-tight" data-testid="current-user">
            <div className="font-semibold">{actor.displayName}</div>
            <div className="text-xs text-gray-600">
              {t(`roles.${actor.role}`)} · {scope}
            </div>
          </div>
          <LanguageSwitch />
          <SignOutForm locale={locale} label={t("nav.signOut")} />
        </div>
      </div>
    </header>
  );
}
