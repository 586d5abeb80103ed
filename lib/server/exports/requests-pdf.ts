import "server-only";
import { pdfQueue } from "@/lib/server/pdf/render-queue";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/roles";
import { seesManySchools } from "@/lib/auth/roles";
import { TORONTO_TZ } from "@/lib/domain/business-days";
import type { RequestSearch, SortKey } from "@/lib/domain/request-search";
import { tabKeyOf } from "@/lib/domain/statuses";
import { otherLocale, type Locale } from "@/lib/i18n/routing";
import { renderRequestsReport, type ReportColumn, type RequestsReportData } from "@/lib/pdf/requests-report";
import { requestWhere } from "@/lib/server/requests/request-where";
import { exportTranslator, exportValueLabels, type Translate } from "./export-labels";
import { exportBatches, type ExportRow } from "./export-rows";

/**
 * A PDF is laid out whole before its first byte exists, at about 5–10 ms of CPU per row on this hardware, so it
 * holds a bounded number of rows and says so; the CSV has them all.
 */
export const PDF_MAX_ROWS = 1000;

export type RequestsPdfOptions = {
  actor: Actor;
  search: RequestSearch;
  locale: Locale;
  now?: Date;
  maxRows?: number;
  /** The request's: a client that went away while waiting for its turn is dropped (lib/server/pdf/render-queue.ts). */
  signal?: AbortSignal;
};
export type RequestsPdf = { pdf: Buffer; pages: number; rows: number; total: number; capped: boolean };

const SORT_LABEL: Record<SortKey, string> = {
  requestDate: "columns.requestDate",
  age: "columns.age",
  referenceNumber: "columns.referenceNumber",
  name: "columns.name",
  requestType: "columns.requestType",
  lastAttended: "columns.lastAttended",
  sendDate: "columns.sendDate",
  status: "columns.status",
  school: "columns.school",
};

function criteriaOf(search: RequestSearch, t: Translate, labels: ReturnType<typeof exportValueLabels>) {
  const criteria: { label: string; value: string }[] = [];
  if (search.statuses === null) criteria.push({ label: t("exports.pdf.tab"), value: t(`tabs.${tabKeyOf(search.tab)}`) });
  else if (search.statuses === "ALL") criteria.push({ label: t("columns.status"), value: t("exports.pdf.allStatuses") });
  else criteria.push({ label: t("columns.status"), value: [...new Set(search.statuses.map(labels.status))].join(", ") });
  const fields = [
    ["from", "search.startDate"],
    ["to", "search.endDate"],
    ["requestNumber", "search.requestNumber"],
    ["accountNumber", "search.accountNumber"],
    ["referenceNumber", "search.referenceNumber"],
    ["oen", "search.oen"],
    ["firstName", "search.firstName"],
    ["lastName", "search.lastName"],
    ["lastAttended", "search.lastAttendedDate"],
    ["school", "columns.school"],
  ] as const;
  for (const [field, key] of fields) {
    const value = search[field];
    if (value) criteria.push({ label: t(key), value });
  }
  const dir = t(search.dir === "asc" ? "exports.pdf.ascending" : "exports.pdf.descending");
  criteria.push({ label: t("exports.pdf.sortedBy"), value: `${t(SORT_LABEL[search.sort])} (${dir})` });
  return criteria;
}

/** The dashboard columns of the PDF (the School column for users who see more than one school, as on screen). */
function columnsOf(t: Translate, withSchool: boolean): ReportColumn[] {
  return [
    { label: t("columns.requestDate"), weight: 8 },
    { label: t("columns.age"), weight: 4, align: "right" },
    { label: t("columns.referenceNumber"), weight: 10 },
    { label: t("columns.name"), weight: 16 },
    { label: t("columns.requestType"), weight: 7 },
    { label: t("columns.lastAttended"), weight: 8 },
    { label: t("columns.sendDate"), weight: 15 },
    { label: t("columns.status"), weight: 16 },
    ...(withSchool ? [{ label: t("columns.school"), weight: 16 }] : []),
  ];
}

function cellFormatter(locale: Locale, t: Translate, labels: ReturnType<typeof exportValueLabels>, withSchool: boolean) {
  const tag = locale === "fr" ? "fr-CA" : "en-CA";
  // Dates are calendar dates already (Toronto), formatted in UTC so that no time zone shifts them.
  const dateFormat = new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeZone: "UTC" });
  const monthFormat = new Intl.DateTimeFormat(tag, { year: "numeric", month: "short", timeZone: "UTC" });
  const memo = new Map<string, string>();
  const cached = (key: string, make: () => string) => {
    let v = memo.get(key);
    if (v === undefined) memo.set(key, (v = make()));
    return v;
  };
  const date = (iso: string) => cached(`d${iso}`, () => dateFormat.format(new Date(`${iso}T00:00:00Z`)));
  const month = (ym: string) => cached(`m${ym}`, () => (/^\d{4}-\d{2}$/.test(ym) ? monthFormat.format(new Date(`${ym}-15T00:00:00Z`)) : ym));
  const cells = (r: ExportRow): string[] => [
    date(r.requestDate),
    String(r.age),
    r.referenceNumber,
    `${r.firstName} ${r.lastName}`,
    labels.requestType(r.requestType),
    month(r.lastAttended),
    r.sendOption === "END_OF_SEMESTER" && r.sendAfter
      ? `${labels.sendOption(r.sendOption)} (${t("exports.pdf.due", { date: date(r.sendAfter) })})`
      : labels.sendOption(r.sendOption),
    labels.status(r.status),
    ...(withSchool ? [labels.schoolName(r.school)] : []),
  ];
  return Object.assign(cells, { date });
}

/**
 * The applicant's details, as the CSV has them (issue 21), on a line under the row: the request's numbers, the
 * applicant's identity, how to reach them, the colleges.
 */
function applicantLine(t: Translate, labels: ReturnType<typeof exportValueLabels>, date: (iso: string) => string, r: ExportRow): string {
  const a = r.applicant;
  const part = (label: string, value: string | null) => (value ? `${label} ${value}` : null);
  const line = (...parts: (string | null)[]) => parts.filter(Boolean).join(" · ");
  return line(
    `${t("pages.applicantDetails")}:`,
    part(t("search.requestNumber"), r.requestNumber),
    part(t("search.accountNumber"), r.accountNumber),
    [a.firstName, a.middleName, a.lastName].filter(Boolean).join(" ") + (a.formerLastName ? ` (${a.formerLastName})` : ""),
    a.dateOfBirth ? date(a.dateOfBirth) : null,
    labels.gender(a.gender),
    part(t("search.oen"), a.oen),
    part(t("exports.csv.studentNumber"), a.studentNumber),
    a.email,
    a.phone,
    labels.language(a.preferredLanguage),
    part(`${t("exports.csv.colleges")}:`, r.colleges.join(", ")),
  ).replace(": · ", ": ");
}

/** The export as a PDF report: the same rows as the CSV (scope, search, order), at most `maxRows` of them. */
export async function requestsPdf(options: RequestsPdfOptions): Promise<RequestsPdf> {
  const { actor, search, locale, maxRows = PDF_MAX_ROWS } = options;
  const now = options.now ?? new Date();
  const t = exportTranslator(locale);
  const tOther = exportTranslator(otherLocale(locale));
  const labels = exportValueLabels(t, locale);
  const withSchool = seesManySchools(actor);
  const toCells = cellFormatter(locale, t, labels, withSchool);

  // One row past the cap tells whether the report is complete.
  const rows: string[][] = [];
  const details: string[] = [];
  const detailDate = toCells.date;
  let more = false;
  for await (const batch of exportBatches({ actor, search, now, limit: maxRows + 1 })) {
    for (const row of batch) {
      if (rows.length === maxRows) more = true;
      else {
        rows.push(toCells(row));
        details.push(applicantLine(t, labels, detailDate, row));
      }
    }
  }
  const total = more ? await db.transcriptRequest.count({ where: requestWhere(actor, search, { withStatus: true }) }) : rows.length;

  const generatedAt = new Intl.DateTimeFormat(locale === "fr" ? "fr-CA" : "en-CA", { dateStyle: "long", timeStyle: "short", timeZone: TORONTO_TZ }).format(now);
  const data: RequestsReportData = {
    lang: locale,
    title: `${t("exports.pdf.title")} / ${tOther("exports.pdf.title")}`,
    generatedAt: t("exports.pdf.generatedAt", { date: generatedAt }),
    criteriaTitle: t("exports.pdf.criteria"),
    criteria: criteriaOf(search, t, labels),
    summary: t("exports.pdf.count", { count: total }),
    cappedNote: more ? t("exports.pdf.capped", { shown: rows.length, total }) : undefined,
    emptyNote: t("exports.pdf.empty"),
    columns: columnsOf(t, withSchool),
    rows,
    details,
    pageLabel: (page, pages) => t("common.page", { page, pages }),
  };
  const { pdf, pages } = await pdfQueue.run(options.actor.id, () => renderRequestsReport(data), options.signal);
  return { pdf, pages, rows: rows.length, total, capped: more };
}
