import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { requireActor } from "@/lib/auth/guard";
import { MAX_BULK_FILES } from "@/lib/domain/bulk-match";
import { MAX_TRANSCRIPT_BYTES } from "@/lib/domain/pesc/xml-text";
import { Link } from "@/lib/i18n/navigation";
import { BulkUploadForm } from "@/components/bulk-upload/bulk-upload-form";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale === "fr" ? "fr" : "en", namespace: "bulkUpload" });
  return { title: t("title") };
}

/** Bulk upload (product §4): every signed-in user uploads to the open requests of their own scope, as one by one. */
export default async function BulkUploadPage({ params }: Props) {
  const { locale: raw } = await params;
  const locale = raw === "fr" ? "fr" : "en";
  setRequestLocale(locale);
  await requireActor(`/${locale}/requests/bulk-upload`);
  const t = await getTranslations();
  return (
    <div className="flex flex-col gap-4">
      <nav aria-label={t("details.breadcrumb")} className="text-sm">
        <Link href="/requests">{t("nav.requests")}</Link>
      </nav>
      <div>
        <h1 className="text-2xl font-semibold">{t("bulkUpload.title")}</h1>
        <p className="mt-1 max-w-4xl text-gray-700">{t("bulkUpload.intro")}</p>
      </div>
      <BulkUploadForm limitBytes={MAX_TRANSCRIPT_BYTES} maxFiles={MAX_BULK_FILES} />
    </div>
  );
}
