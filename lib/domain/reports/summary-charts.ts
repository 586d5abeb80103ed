import { DB_TABS, REQUEST_STATUSES, tabKeyOf, tabOfStatus } from "../statuses";
import { PALETTE, type ChartModel } from "./chart";
import { AGE_BANDS } from "./statistics";
import type { SummaryFigures } from "./summary";

type T = (key: string, values?: Record<string, string | number>) => string;

export type ChartInput = {
  rows: { name: string; figures: SummaryFigures }[];
  total: SummaryFigures;
  weekly: { week: string; answered: number; within: number; share: number | null }[] | null;
  slaBusinessDays: number;
};

export type SummaryCharts = { status: ChartModel; weekly: ChartModel | null; turnaround: ChartModel | null; ageing: ChartModel | null };

/** The Summary's charts (status counts per school; the board analytics for board users and OCAS) in one language. */
export function summaryCharts(input: ChartInput, t: T, locale: "en" | "fr"): SummaryCharts {
  const tag = locale === "fr" ? "fr-CA" : "en-CA";
  const count = new Intl.NumberFormat(tag);
  const days = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 0 });
  const dateFormat = new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeZone: "UTC" });
  const total = input.total;

  const status: ChartModel = {
    title: t("reports.charts.statusTitle"),
    summary: t("reports.charts.statusSummary", {
      total: total.total,
      schools: input.rows.length,
      todo: count.format(total.tabs.TODO),
      incomplete: count.format(total.tabs.INCOMPLETE),
      inProgress: count.format(total.tabs.IN_PROGRESS),
      complete: count.format(total.tabs.COMPLETE),
    }),
    series: DB_TABS.map((tab, i) => ({ label: t(`tabs.${tabKeyOf(tab)}`), ...PALETTE[i]! })),
    rows: input.rows.map((r) => ({ label: r.name, values: DB_TABS.map((tab) => r.figures.tabs[tab]) })),
    stacked: true,
    format: (v) => count.format(v),
  };
  if (input.weekly === null) return { status, weekly: null, turnaround: null, ageing: null };

  const answered = input.weekly.reduce((n, w) => n + w.answered, 0);
  const within = input.weekly.reduce((n, w) => n + w.within, 0);
  const weekly: ChartModel = {
    title: t("reports.analytics.weekly"),
    summary: t("reports.charts.weeklySummary", { answered, within: count.format(within), share: answered ? percent.format(within / answered) : "—" }),
    series: [{ label: t("reports.columns.share"), ...PALETTE[0]! }],
    rows: input.weekly.map((w) => ({ label: t("reports.charts.weekOf", { date: dateFormat.format(new Date(`${w.week}T00:00:00Z`)) }), values: [w.share] })),
    stacked: false,
    max: 1,
    format: (v) => percent.format(v),
  };

  const completed = input.rows.filter((r) => r.figures.medianAge !== null);
  const medians = completed.map((r) => r.figures.medianAge!);
  const turnaround: ChartModel = {
    title: t("reports.analytics.turnaround"),
    summary: completed.length
      ? t("reports.charts.turnaroundSummary", { min: days.format(Math.min(...medians)), max: days.format(Math.max(...medians)) })
      : t("reports.charts.turnaroundEmpty"),
    series: [
      { label: t("reports.charts.median"), ...PALETTE[0]! },
      { label: t("reports.charts.p90"), ...PALETTE[1]! },
    ],
    rows: completed.map((r) => ({ label: r.name, values: [r.figures.medianAge, r.figures.p90Age] })),
    stacked: false,
    format: (v) => days.format(v),
  };

  const open = AGE_BANDS.reduce((n, b) => n + total.ageing[b.key], 0);
  const ageing: ChartModel = {
    title: t("reports.analytics.ageing"),
    summary: t("reports.charts.ageingSummary", { open, over10: count.format(total.ageing.over10) }),
    series: [{ label: t("reports.columns.open"), ...PALETTE[3]! }],
    rows: AGE_BANDS.map((b) => ({ label: t(`reports.bands.${b.key}`), values: [total.ageing[b.key]] })),
    stacked: false,
    format: (v) => count.format(v),
  };
  return { status, weekly, turnaround, ageing };
}

/**
 * The column headings of the statuses: their labels, with the tab where two statuses share a label (French has
 * "Action requise" in To Do and in Incomplete).
 */
export function statusHeadings(t: T): string[] {
  const labels = REQUEST_STATUSES.map((s) => t(`statuses.${s}`));
  return REQUEST_STATUSES.map((s, i) =>
    labels.indexOf(labels[i]!) !== labels.lastIndexOf(labels[i]!) ? `${labels[i]} (${t(`tabs.${tabKeyOf(tabOfStatus(s))}`)})` : labels[i]!,
  );
}

/** The headings of the tab and SLA columns of the Summary (after the school), as every format shows them. */
export function tabAndSlaHeadings(t: T): string[] {
  return [
    ...DB_TABS.map((tab) => t(`tabs.${tabKeyOf(tab)}`)),
    t("reports.columns.total"),
    t("reports.columns.withinSla"),
    t("reports.columns.withinSlaShare"),
    t("reports.columns.medianAge"),
    t("reports.columns.p90Age"),
    t("reports.columns.openPastSla"),
  ];
}
