import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { BatchesTable } from "@/components/admin/transmissions/batches-table";
import { LogFilters } from "@/components/admin/transmissions/log-filters";
import { LogPagination } from "@/components/admin/transmissions/log-pagination";
import { requireRole } from "@/lib/auth/guard";
import { hasLogFilters, parseTransmissionLogFilters, transmissionLogParams } from "@/lib/domain/transmission/log-filters";
import { Link } from "@/lib/i18n/navigation";
import { listCollegeChoices } from "@/lib/server/colleges/get-colleges";
import { listTransmissionBatches } from "@/lib/server/transmission/list-batches";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale === "fr" ? "fr" : "en", namespace: "transmissions" });
  return { title: t("title") };
}

/**
 * The Transmission Log (contracts §4): the nightly batches, newest first, 50 a page, filtered by college, night and
 * state (kept in the URL). OCAS administrators only; anyone else gets the 404 page.
 */
export default async function TransmissionLogPage({ params, searchParams }: Props) {
  const { locale: raw } = await params;
  const locale = raw === "fr" ? "fr" : "en";
  setRequestLocale(locale);
  const query = await searchParams;
  const { filters, errors } = parseTransmissionLogFilters(query);
  const current = transmissionLogParams(filters).toString();
  const actor = await requireRole(["OCAS_ADMIN"], `/${locale}/admin/transmissions${current ? `?${current}` : ""}`);
  const [log, colleges] = await Promise.all([listTransmissionBatches({ actor, filters }), listCollegeChoices({ actor })]);
  if (!log) notFound();
  const [t, tAdmin] = await Promise.all([getTranslations("transmissions"), getTranslations("admin")]);
  const nightTyped = typeof query.night === "string" ? query.night.slice(0, 20) : "";

  return (
    <>
      <nav aria-label={t("breadcrumb")} className="mb-2 text-sm">
        <Link href="/admin">{tAdmin("title")}</Link>
      </nav>
      <h1 className="mb-1 text-2xl font-semibold">{t("title")}</h1>
      <p className="mb-4 max-w-3xl text-sm text-gray-700">{t("intro")}</p>
      <LogFilters filters={filters} nightTyped={nightTyped} errors={errors} colleges={colleges} locale={locale} />
      {log.rows.length === 0 ? (
        <p className="text-sm text-gray-700" data-testid="log-empty">
          {hasLogFilters(filters) ? t("emptyFiltered") : t("empty")}
        </p>
      ) : (
        <>
          <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
            <BatchesTable rows={log.rows} locale={locale} />
          </div>
          <LogPagination filters={filters} page={log.page} pageCount={log.pageCount} pageSize={log.pageSize} total={log.total} />
        </>
      )}
    </>
  );
}
