import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Download, FileText } from "lucide-react";
import { requireActor } from "@/lib/auth/guard";
import { seesManySchools } from "@/lib/auth/roles";
import { parseReportParams, reportParamsToSearchParams } from "@/lib/domain/reports/report-params";
import { summaryCharts } from "@/lib/domain/reports/summary-charts";
import { torontoDays } from "@/lib/domain/toronto-days";
import { detailedReport } from "@/lib/server/reports/detailed-report";
import { schoolLabel } from "@/lib/server/reports/report-labels";
import { summaryReport } from "@/lib/server/reports/summary-report";
import { listSchools } from "@/lib/server/schools/list-schools";
import type { Translate } from "@/lib/server/exports/export-labels";
import { DetailedView } from "@/components/reports/detailed-view";
import { ReportForm } from "@/components/reports/report-form";
import { SummaryView } from "@/components/reports/summary-view";
import { Notice } from "@/components/ui/notice";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale as "en" | "fr", namespace: "reports" });
  return { title: t("title") };
}

const linkClass = "inline-flex items-center gap-1 rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-gray-50";

/** Reports (contracts §9, the seed's "Rapports"): Summary and Detailed, for a range of request dates, in scope. */
export default async function ReportsPage({ params, searchParams }: Props) {
  const { locale: raw } = await params;
  const locale = raw === "fr" ? "fr" : "en";
  setRequestLocale(locale);
  const query = await searchParams;
  const parsed = parseReportParams(query);
  const canonical = reportParamsToSearchParams(parsed.params);
  const actor = await requireActor(`/${locale}/reports${parsed.requested ? `?${canonical}` : ""}`);
  const t = await getTranslations();
  const tx = t as unknown as Translate;
  const valid = parsed.requested && Object.keys(parsed.errors).length === 0;
  const now = new Date();

  const [summary, detailed, schools] = await Promise.all([
    valid && parsed.params.type === "summary" ? summaryReport(actor, parsed.params, now) : undefined,
    valid && parsed.params.type === "detailed" ? detailedReport(actor, parsed.params, now) : undefined,
    seesManySchools(actor) ? listSchools(actor) : null,
  ]);
  // A school outside the actor's scope is answered as anything out of scope is.
  if (summary === null || detailed === null) notFound();
  const first = (k: string) => (typeof query[k] === "string" ? (query[k] as string) : undefined);
  const exportQuery = `${reportParamsToSearchParams(parsed.params, { page: 1 }).toString()}&locale=${locale}`;
  const type = parsed.params.type;
  const scope = summary?.scope ?? detailed?.scope;
  const nameOf = (s: { nameEn: string; nameFr: string }) => (locale === "fr" ? s.nameFr : s.nameEn);
  const dateFormat = new Intl.DateTimeFormat(locale === "fr" ? "fr-CA" : "en-CA", { dateStyle: "long", timeZone: "UTC" });
  const longDate = (iso: string) => dateFormat.format(new Date(`${iso}T00:00:00Z`));

  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">{t("reports.title")}</h1>
      <ReportForm
        locale={locale}
        params={parsed.params}
        raw={{ from: first("from"), to: first("to") }}
        errors={parsed.errors}
        schools={schools?.map((s) => ({ mident: s.mident, label: schoolLabel(tx, locale, s) })) ?? null}
      />
      {scope && (
        <section aria-labelledby="report-title" className="flex flex-col gap-3">
          <div className="flex flex-wrap items-end justify-between gap-3">
            <div>
              <h2 id="report-title" className="text-xl font-semibold">
                {t(`reports.${type}`)}
              </h2>
              <p className="text-sm text-gray-700">
                {t("reports.range", { from: longDate(parsed.params.from!), to: longDate(parsed.params.to!) })}
                {" · "}
                {scope.school ? schoolLabel(tx, locale, scope.school) : t("reports.allSchools")}
              </p>
            </div>
            <div className="no-print flex gap-2">
              <a href={`/api/reports/${type}.csv?${exportQuery}`} download className={linkClass}>
                <Download aria-hidden className="h-4 w-4" />
                {t("actions.downloadCsv")}
              </a>
              <a href={`/api/reports/${type}.pdf?${exportQuery}`} download className={linkClass}>
                <FileText aria-hidden className="h-4 w-4" />
                {t("actions.downloadPdf")}
              </a>
            </div>
          </div>
          {summary && (
            <>
              <p className="text-sm text-gray-700">{t("reports.slaNote", { days: summary.slaBusinessDays })}</p>
              {summary.total.total === 0 && <Notice tone="info">{t("reports.empty")}</Notice>}
              <SummaryView
                locale={locale}
                rows={summary.rows.map((r) => ({ name: nameOf(r.school), figures: r.figures }))}
                total={summary.total}
                charts={summaryCharts(
                  {
                    rows: summary.rows.map((r) => ({ name: nameOf(r.school), figures: r.figures })),
                    total: summary.total,
                    weekly: summary.weekly,
                    slaBusinessDays: summary.slaBusinessDays,
                  },
                  tx,
                  locale,
                )}
              />
            </>
          )}
          {detailed && (
            <DetailedViewFor locale={locale} report={detailed} now={now} query={reportParamsToSearchParams(parsed.params, { page: 1 }).toString()} t={tx} />
          )}
        </section>
      )}
    </div>
  );
}

function DetailedViewFor({
  locale,
  report,
  now,
  query,
  t,
}: {
  locale: "en" | "fr";
  report: NonNullable<Awaited<ReturnType<typeof detailedReport>>>;
  now: Date;
  query: string;
  t: Translate;
}) {
  const days = torontoDays(now);
  const { page } = report;
  if (page.total === 0) return <Notice tone="info">{t("reports.empty")}</Notice>;
  return (
    <DetailedView
      locale={locale}
      total={page.total}
      page={page.page}
      pageCount={page.pageCount}
      query={query}
      rows={page.rows.map((r) => ({
        id: r.id,
        referenceNumber: r.referenceNumber,
        applicantId: r.applicantId,
        name: `${r.firstName} ${r.lastName}`,
        school: locale === "fr" ? r.school.nameFr : r.school.nameEn,
        requestDate: days.date(r.paidAt),
        status: r.status,
        age: r.answer.age,
        completedOn: r.answer.completedOn,
        answeredBy: r.answer.answeredBy ? t(`reports.answers.${r.answer.answeredBy}`) : null,
      }))}
    />
  );
}
