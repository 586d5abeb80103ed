import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Plus } from "lucide-react";
import { CollegesTable } from "@/components/admin/colleges/colleges-table";
import { requireRole } from "@/lib/auth/guard";
import { Link } from "@/lib/i18n/navigation";
import { listColleges } from "@/lib/server/colleges/get-colleges";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale === "fr" ? "fr" : "en", namespace: "colleges" });
  return { title: t("title") };
}

/** The colleges and their delivery endpoints (contracts §4, §10). OCAS administrators only; anyone else gets the 404 page. */
export default async function AdminCollegesPage({ params }: Props) {
  const { locale: raw } = await params;
  const locale = raw === "fr" ? "fr" : "en";
  setRequestLocale(locale);
  const actor = await requireRole(["OCAS_ADMIN"], `/${locale}/admin/colleges`);
  const colleges = await listColleges({ actor });
  if (!colleges) notFound();
  const [t, tAdmin] = await Promise.all([getTranslations("colleges"), getTranslations("admin")]);

  return (
    <>
      <nav aria-label={t("breadcrumb")} className="mb-2 text-sm">
        <Link href="/admin">{tAdmin("title")}</Link>
      </nav>
      <div className="mb-1 flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <Link
          href="/admin/colleges/new"
          className="inline-flex items-center gap-1 rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-800 hover:no-underline"
        >
          <Plus aria-hidden className="h-4 w-4" />
          {t("new")}
        </Link>
      </div>
      <p className="mb-4 max-w-3xl text-sm text-gray-700">{t("intro")}</p>
      {colleges.length === 0 ? (
        <p className="text-sm text-gray-700">{t("empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
          <CollegesTable colleges={colleges} locale={locale} />
        </div>
      )}
    </>
  );
}
