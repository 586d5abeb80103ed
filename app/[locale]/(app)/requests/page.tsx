import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { requireActor } from "@/lib/auth/guard";
import { seesManySchools } from "@/lib/auth/roles";
import { parseRequestSearch, searchToParams, hasFilters } from "@/lib/domain/request-search";
import { tabParamOf } from "@/lib/domain/statuses";
import { findRequests } from "@/lib/server/requests/find-requests";
import { latestRequestChange } from "@/lib/server/requests/latest-change";
import { listSchools } from "@/lib/server/schools/list-schools";
import { getSlaBusinessDays } from "@/lib/server/settings/get-sla";
import { LiveRefresh } from "@/components/requests/live-refresh";
import { Pagination } from "@/components/requests/pagination";
import { RequestTabs } from "@/components/requests/request-tabs";
import { RequestsTable } from "@/components/requests/requests-table";
import { SearchPanel } from "@/components/requests/search-panel";
import { SlaLegend } from "@/components/requests/sla-badge";
import { Notice } from "@/components/ui/notice";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale as "en" | "fr", namespace: "nav" });
  return { title: t("requests") };
}

export default async function RequestsPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale as "en" | "fr");
  const query = await searchParams;
  const { search, errors } = parseRequestSearch(query);
  const canonical = searchToParams(search).toString();
  const actor = await requireActor(`/${locale}/requests?${canonical}`);
  const t = await getTranslations();
  const now = new Date();
  const valid = Object.keys(errors).length === 0;

  const [page, sla, token, schools] = await Promise.all([
    valid ? findRequests({ actor, search }) : null,
    getSlaBusinessDays(),
    latestRequestChange(actor),
    seesManySchools(actor) ? listSchools(actor) : null,
  ]);
  const raw = Object.fromEntries(Object.entries(query).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
  const exportQuery = `${canonical}&locale=${locale}`;

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <h1 className="text-xl font-semibold">{t("dashboard.title")}</h1>
        <div className="no-print flex gap-2">
          <a href={`/api/exports/requests.csv?${exportQuery}`} download className="tool">
            <span aria-hidden className="ic ic-download" />
            {t("actions.downloadCsv")}
          </a>
          <a href={`/api/exports/requests.pdf?${exportQuery}`} download className="tool">
            <span aria-hidden className="ic ic-file-text" />
            {t("actions.downloadPdf")}
          </a>
        </div>
      </div>

      <SearchPanel
        key={canonical + JSON.stringify(raw)}
        search={search}
        raw={raw}
        errors={errors}
        open={hasFilters(search) || !valid}
        schools={schools?.map((s) => ({ mident: s.mident, name: locale === "fr" ? s.nameFr : s.nameEn })) ?? null}
      />

      {page && (
        <>
          <RequestTabs search={search} counts={page.counts} />
          <div
            id="requests-panel"
            role="tabpanel"
            aria-labelledby={search.statuses === null ? `tab-${tabParamOf(search.tab)}` : undefined}
            aria-label={search.statuses === null ? undefined : t("dashboard.searchResults")}
            className="flex flex-col gap-2"
          >
            <div className="flex flex-wrap items-center justify-between gap-2">
              <SlaLegend
                title={t("sla.legend")}
                within={t("sla.legendWithin", { days: sla })}
                reached={t("sla.legendReached", { days: sla })}
                past={t("sla.legendPast", { days: sla })}
              />
              <LiveRefresh initialToken={token} />
            </div>
            {search.statuses !== null && <p className="text-sm font-medium text-gray-700">{t("dashboard.searchResults")}</p>}
            {page.total === 0 ? (
              <Notice tone="info">{hasFilters(search) ? t("dashboard.emptySearch") : t("dashboard.emptyTab")}</Notice>
            ) : (
              <>
                <RequestsTable page={page} search={{ ...search, page: page.page }} showSchool={seesManySchools(actor)} sla={sla} now={now} />
                <Pagination search={search} page={page.page} pageCount={page.pageCount} total={page.total} />
              </>
            )}
          </div>
        </>
      )}
    </div>
  );
}
