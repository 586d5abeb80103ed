import "server-only";
import type { Actor } from "@/lib/auth/roles";
import { csvText } from "@/lib/domain/csv";
import type { SummaryFigures } from "@/lib/domain/reports/summary";
import { AGE_BANDS } from "@/lib/domain/reports/statistics";
import { statusHeadings, tabAndSlaHeadings } from "@/lib/domain/reports/summary-charts";
import { DB_TABS, REQUEST_STATUSES } from "@/lib/domain/statuses";
import type { Locale } from "@/lib/i18n/routing";
import { exportTranslator, exportValueLabels, type Translate } from "@/lib/server/exports/export-labels";
import { exportBatches, type ExportRow } from "@/lib/server/exports/export-rows";
import { csvBatchStream } from "@/lib/server/exports/requests-csv";
import type { ReportScope } from "./report-scope";
import type { SummaryReport } from "./summary-report";

// The reports as CSV, as the dashboard's export writes it (csvBatchStream: BOM, headers in the language, RFC 4180,
// streamed): dates ISO YYYY-MM-DD, numbers with a full stop whatever the language (a spreadsheet reads them as
// numbers), every text cell formula-safe.

const num = (n: number | null) => (n === null ? "" : String(Math.round(n * 1000) / 1000));

/** The Summary's columns: school, every status, every tab, the total, the SLA figures and the ageing bands. */
function summaryHeader(t: Translate): string[] {
  return [
    t("reports.columns.school"),
    t("reports.columns.mident"),
    t("reports.columns.city"),
    ...statusHeadings(t),
    ...tabAndSlaHeadings(t),
    ...AGE_BANDS.map((b) => t(`reports.bands.${b.key}`)),
  ];
}

function summaryCells(label: [string, string, string], f: SummaryFigures): string[] {
  return [
    ...label.map(csvText),
    ...REQUEST_STATUSES.map((s) => String(f.statuses[s])),
    ...DB_TABS.map((tab) => String(f.tabs[tab])),
    String(f.total),
    String(f.withinSla),
    f.withinSlaShare === null ? "" : num(f.withinSlaShare * 100),
    num(f.medianAge),
    num(f.p90Age),
    String(f.openPastSla),
    ...AGE_BANDS.map((b) => String(f.ageing[b.key])),
  ];
}

export function summaryCsvStream(report: SummaryReport, locale: Locale): ReadableStream<Uint8Array> {
  const t = exportTranslator(locale);
  const rows: string[][] = report.rows.map(({ school, figures }) =>
    summaryCells([locale === "fr" ? school.nameFr : school.nameEn, school.mident, school.city ?? ""], figures),
  );
  rows.push(summaryCells([t("reports.total"), "", ""], report.total));
  return csvBatchStream(
    summaryHeader(t),
    async function* () {
      yield rows;
    },
    (cells) => cells,
  );
}

const DETAILED_HEADERS = [
  "reports.columns.referenceNumber",
  "reports.columns.applicant",
  "reports.columns.school",
  "reports.columns.mident",
  "reports.columns.requestDate",
  "reports.columns.status",
  "reports.columns.age",
  "reports.columns.completedOn",
  "reports.columns.answeredBy",
] as const;

/** The Detailed report's cells of one request (the on-screen columns). */
export function detailedCells(r: ExportRow, t: Translate, labels: ReturnType<typeof exportValueLabels>, answers: Record<string, string>): string[] {
  const a = r.answer!;
  return [
    csvText(r.referenceNumber),
    csvText(`${r.firstName} ${r.lastName}`),
    csvText(labels.schoolName(r.school)),
    csvText(r.school.mident),
    r.requestDate,
    labels.status(r.status),
    String(a.age),
    a.completedOn ?? "",
    a.answeredBy ? answers[a.answeredBy]! : "",
  ];
}

export function answerLabels(t: Translate): Record<string, string> {
  return Object.fromEntries(["autoTrms", "xmlUpload", "pdf", "paper", "response"].map((k) => [k, t(`reports.answers.${k}`)]));
}

/** Every request of the Detailed report, newest first, streamed in the export's batches. */
export function detailedCsvStream(options: {
  actor: Actor;
  search: ReportScope["search"];
  locale: Locale;
  now?: Date;
  batchSize?: number;
}): ReadableStream<Uint8Array> {
  const { actor, search, locale, now = new Date(), batchSize } = options;
  const t = exportTranslator(locale);
  const labels = exportValueLabels(t, locale);
  const answers = answerLabels(t);
  return csvBatchStream(
    DETAILED_HEADERS.map((key) => t(key)),
    () => exportBatches({ actor, search, now, batchSize, withAnswer: true }),
    (row) => detailedCells(row, t, labels, answers),
  );
}
