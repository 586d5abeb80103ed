"use client";

import { Suspense } from "react";
import { useLocale, useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { usePathname } from "@/lib/i18n/navigation";

// A plain link (works without JavaScript) to the same page and query in the other language, through
// /api/language, which remembers the choice (cookie, and the user's profile when signed in).
export function LanguageSwitch() {
  return (
    <Suspense fallback={<SwitchLink query="" />}>
      <WithQuery />
    </Suspense>
  );
}

function WithQuery() {
  const query = useSearchParams().toString();
  return <SwitchLink query={query} />;
}

function SwitchLink({ query }: { query: string }) {
  const t = useTranslations("nav");
  const locale = useLocale();
  const pathname = usePathname();
  const target = locale === "en" ? "fr" : "en";
  const next = `/${target}${pathname === "/" ? "" : pathname}${query ? `?${query}` : ""}`;
  const href = `/api/language?${new URLSearchParams({ to: target, next }).toString()}`;
  return (
    <a href={href} lang={target} hrefLang={target} title={t("languageSwitchLabel")} className="font-medium">
      {t("languageSwitch")}
    </a>
  );
}
