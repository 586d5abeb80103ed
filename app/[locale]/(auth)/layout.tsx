import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { PageMessages } from "@/components/i18n/page-messages";
import { LanguageSwitch } from "@/components/ui/language-switch";

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations("app");
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center justify-between border-b border-gray-200 bg-white px-6 py-3">
        <span className="text-lg font-bold text-brand-800">{t("name")}</span>
        <LanguageSwitch />
      </header>
      <main id="main" className="mx-auto mt-12 w-full max-w-md px-4">
        <div className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
          <PageMessages namespaces={["auth"]}>{children}</PageMessages>
        </div>
        <p className="mt-4 text-center text-xs text-gray-600">{t("fullName")}</p>
      </main>
    </div>
  );
}
