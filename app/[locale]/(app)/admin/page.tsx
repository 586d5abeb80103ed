import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { ChevronRight } from "lucide-react";
import { adminSectionsFor } from "@/components/admin/admin-sections";
import { requireRole } from "@/lib/auth/guard";
import { Link } from "@/lib/i18n/navigation";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale as "en" | "fr", namespace: "admin" });
  return { title: t("title") };
}

export default async function AdminPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale as "en" | "fr");
  const actor = await requireRole(["OCAS_ADMIN", "BOARD_ADMIN"], `/${locale}/admin`);
  const t = await getTranslations("admin");
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">{t("title")}</h1>
      <p className="mb-4 text-sm text-gray-700">{t("intro")}</p>
      <nav aria-label={t("sectionsLabel")}>
        <ul className="grid max-w-3xl gap-2">
          {adminSectionsFor(actor.role).map((section) => (
            <li key={section.key}>
              <Link
                href={section.href}
                className="flex items-center justify-between gap-4 rounded-md border border-gray-200 bg-white px-4 py-3 hover:border-brand-600 hover:no-underline"
              >
                <span>
                  <span className="block font-semibold">{t(`sections.${section.key}.title`)}</span>
                  <span className="block text-sm text-gray-700">{t(`sections.${section.key}.description`)}</span>
                </span>
                <ChevronRight aria-hidden className="h-5 w-5 shrink-0" />
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}
