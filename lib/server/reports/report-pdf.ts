import "server-only";
import type { Actor } from "@/lib/auth/roles";
import { TORONTO_TZ } from "@/lib/domain/business-days";
import type { ReportParams } from "@/lib/domain/reports/report-params";
import { statusHeadings, summaryCharts, tabAndSlaHeadings } from "@/lib/domain/reports/summary-charts";
import type { SummaryFigures } from "@/lib/domain/reports/summary";
import { DB_TABS, REQUEST_STATUSES } from "@/lib/domain/statuses";
import { otherLocale, type Locale } from "@/lib/i18n/routing";
import { renderRequestsReport } from "@/lib/pdf/requests-report";
import { renderSummaryReport } from "@/lib/pdf/summary-report";
import { exportTranslator, exportValueLabels, type Translate } from "@/lib/server/exports/export-labels";
import { exportBatches } from "@/lib/server/exports/export-rows";
import { PDF_MAX_ROWS } from "@/lib/server/exports/requests-pdf";
import { findRequests } from "@/lib/server/requests/find-requests";
import { daysText, percentText, schoolLabel } from "./report-labels";
import { answerLabels } from "./report-csv";
import type { ReportScope } from "./report-scope";
import type { SummaryReport } from "./summary-report";

// One PDF laid out at a time per process (as the dashboard's): layout is CPU-bound.
let queue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

function locales(locale: Locale) {
  const tag = locale === "fr" ? "fr-CA" : "en-CA";
  return {
    generated: (now: Date) => new Intl.DateTimeFormat(tag, { dateStyle: "long", timeStyle: "short", timeZone: TORONTO_TZ }).format(now),
    date: (iso: string) => new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`)),
    n: new Intl.NumberFormat(tag),
  };
}

function parametersOf(t: Translate, locale: Locale, params: ReportParams, scope: ReportScope, type: "summary" | "detailed") {
  return [
    { label: t("reports.reportType"), value: t(`reports.${type}`) },
    { label: t("reports.startDate"), value: params.from! },
    { label: t("reports.endDate"), value: params.to! },
    { label: t("reports.selectSchool"), value: scope.school ? schoolLabel(t, locale, scope.school) : t("reports.allSchools") },
  ];
}

/** The Summary report as a PDF: parameters, charts, the two tables. */
export async function summaryPdf(report: SummaryReport, params: ReportParams, locale: Locale, now = new Date()): Promise<Buffer> {
  const t = exportTranslator(locale);
  const tOther = exportTranslator(otherLocale(locale));
  const f = locales(locale);
  const name = (s: { nameEn: string; nameFr: string }) => (locale === "fr" ? s.nameFr : s.nameEn);
  const rows: { name: string; figures: SummaryFigures }[] = report.rows.map((r) => ({ name: name(r.school), figures: r.figures }));
  const all = [...rows, { name: t("reports.total"), figures: report.total }];
  const charts = summaryCharts({ rows, total: report.total, weekly: report.weekly, slaBusinessDays: report.slaBusinessDays }, t, locale);
  return oneAtATime(() =>
    renderSummaryReport({
      lang: locale,
      title: `${t("reports.pdf.summaryTitle")} / ${tOther("reports.pdf.summaryTitle")}`,
      generatedAt: t("exports.pdf.generatedAt", { date: f.generated(now) }),
      parametersTitle: t("reports.parameters"),
      parameters: parametersOf(t, locale, params, report.scope, "summary"),
      note: t("reports.slaNote", { days: report.slaBusinessDays }),
      charts: [charts.status, charts.weekly, charts.turnaround, charts.ageing].filter((c) => c !== null),
      tables: [
        {
          title: t("reports.byStatus"),
          columns: [t("reports.columns.school"), ...statusHeadings(t), t("reports.columns.total")],
          rows: all.map((r) => [r.name, ...REQUEST_STATUSES.map((s) => f.n.format(r.figures.statuses[s])), f.n.format(r.figures.total)]),
          boldLast: true,
        },
        {
          title: t("reports.byTab"),
          columns: [t("reports.columns.school"), ...tabAndSlaHeadings(t)],
          rows: all.map((r) => [
            r.name,
            ...DB_TABS.map((tab) => f.n.format(r.figures.tabs[tab])),
            f.n.format(r.figures.total),
            f.n.format(r.figures.withinSla),
            percentText(locale, r.figures.withinSlaShare),
            daysText(locale, r.figures.medianAge),
            daysText(locale, r.figures.p90Age),
            f.n.format(r.figures.openPastSla),
          ]),
          boldLast: true,
        },
      ],
      pageLabel: (page, pages) => t("common.page", { page, pages }),
    }),
  );
}

/** The Detailed report as a PDF: the first PDF_MAX_ROWS requests (the CSV has them all), newest first. */
export async function detailedPdf(options: { actor: Actor; scope: ReportScope; params: ReportParams; locale: Locale; now?: Date }): Promise<Buffer> {
  const { actor, scope, params, locale } = options;
  const now = options.now ?? new Date();
  const t = exportTranslator(locale);
  const tOther = exportTranslator(otherLocale(locale));
  const labels = exportValueLabels(t, locale);
  const answers = answerLabels(t);
  const f = locales(locale);
  const rows: string[][] = [];
  let more = false;
  for await (const batch of exportBatches({ actor, search: scope.search, now, limit: PDF_MAX_ROWS + 1, withAnswer: true })) {
    for (const r of batch) {
      if (rows.length === PDF_MAX_ROWS) {
        more = true;
        continue;
      }
      const a = r.answer!;
      rows.push([
        r.referenceNumber,
        `${r.firstName} ${r.lastName}`,
        labels.schoolName(r.school),
        f.date(r.requestDate),
        labels.status(r.status),
        String(a.age),
        a.completedOn ? f.date(a.completedOn) : "—",
        a.answeredBy ? answers[a.answeredBy]! : "—",
      ]);
    }
  }
  const total = more ? (await findRequests({ actor, search: scope.search })).total : rows.length;
  const { pdf } = await oneAtATime(() =>
    renderRequestsReport({
      lang: locale,
      title: `${t("reports.pdf.detailedTitle")} / ${tOther("reports.pdf.detailedTitle")}`,
      generatedAt: t("exports.pdf.generatedAt", { date: f.generated(now) }),
      criteriaTitle: t("reports.parameters"),
      criteria: parametersOf(t, locale, params, scope, "detailed"),
      summary: t("exports.pdf.count", { count: total }),
      cappedNote: more ? t("exports.pdf.capped", { shown: rows.length, total }) : undefined,
      emptyNote: t("reports.empty"),
      // Widths that hold each heading on two lines at most, in French too.
      columns: [
        { label: t("reports.columns.referenceNumber"), weight: 11 },
        { label: t("reports.columns.applicant"), weight: 16 },
        { label: t("reports.columns.school"), weight: 18 },
        { label: t("reports.columns.requestDate"), weight: 10 },
        { label: t("reports.columns.status"), weight: 17 },
        { label: t("reports.columns.age"), weight: 8, align: "right" },
        { label: t("reports.columns.completedOn"), weight: 10 },
        { label: t("reports.columns.answeredBy"), weight: 10 },
      ],
      rows,
      pageLabel: (page, pages) => t("common.page", { page, pages }),
    }),
  );
  return pdf;
}
