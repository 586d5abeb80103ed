"use client";

import { Suspense, type MouseEvent } from "react";
import { useLocale, useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { usePathname } from "@/lib/i18n/navigation";

// A link to the same page and query in the other language. Clicked, it POSTs the choice to /api/language (the
// cookie, and the signed-in user's profile), then goes to the page; followed without JavaScript, the GET only sets
// the cookie (a GET changes nothing stored).
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
  async function onClick(event: MouseEvent<HTMLAnchorElement>) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    try {
      await fetch("/api/language", { method: "POST", body: new URLSearchParams({ to: target, next }), redirect: "manual", credentials: "same-origin" });
    } catch {
      // Not remembered this time; the page in the other language still opens.
    }
    // A whole new document: every message and the page's lang change, as when the link is followed without JavaScript.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign(next);
  }
  return (
    <a href={href} onClick={onClick} lang={target} hrefLang={target} title={t("languageSwitchLabel")} className="font-medium">
      {t("languageSwitch")}
    </a>
  );
}
