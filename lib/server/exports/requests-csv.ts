import "server-only";
import { stringify } from "csv-stringify/sync";
import type { Actor } from "@/lib/auth/roles";
import { csvText, UTF8_BOM } from "@/lib/domain/csv";
import type { RequestSearch } from "@/lib/domain/request-search";
import type { Locale } from "@/lib/i18n/routing";
import { exportTranslator, exportValueLabels, type Translate } from "./export-labels";
import { exportBatches, type ExportRow } from "./export-rows";

type Labels = ReturnType<typeof exportValueLabels>;
type Column = { header: (t: Translate) => string; value: (row: ExportRow, l: Labels) => string | number };

// Every dashboard column (glossary labels), then the applicant's details and the destinations. Every text cell
// goes through csvText (no formulas); dates are ISO YYYY-MM-DD; the age is a number.
const COLUMNS: readonly Column[] = [
  { header: (t) => t("columns.requestDate"), value: (r) => r.requestDate },
  { header: (t) => t("columns.age"), value: (r) => r.age },
  { header: (t) => t("columns.referenceNumber"), value: (r) => csvText(r.referenceNumber) },
  { header: (t) => t("columns.name"), value: (r) => csvText(`${r.firstName} ${r.lastName}`) },
  { header: (t) => t("columns.requestType"), value: (r, l) => l.requestType(r.requestType) },
  { header: (t) => t("columns.lastAttended"), value: (r) => csvText(r.lastAttended) },
  { header: (t) => t("columns.sendDate"), value: (r, l) => l.sendOption(r.sendOption) },
  { header: (t) => t("exports.csv.sendAfter"), value: (r) => r.sendAfter ?? "" },
  { header: (t) => t("columns.status"), value: (r, l) => l.status(r.status) },
  { header: (t) => t("columns.school"), value: (r, l) => csvText(l.schoolName(r.school)) },
  { header: (t) => t("exports.csv.schoolMident"), value: (r) => csvText(r.school.mident) },
  { header: (t) => t("search.requestNumber"), value: (r) => csvText(r.requestNumber) },
  { header: (t) => t("search.accountNumber"), value: (r) => csvText(r.accountNumber) },
  { header: (t) => t("search.firstName"), value: (r) => csvText(r.applicant.firstName) },
  { header: (t) => t("exports.csv.middleName"), value: (r) => csvText(r.applicant.middleName) },
  { header: (t) => t("search.lastName"), value: (r) => csvText(r.applicant.lastName) },
  { header: (t) => t("exports.csv.formerLastName"), value: (r) => csvText(r.applicant.formerLastName) },
  { header: (t) => t("exports.csv.dateOfBirth"), value: (r) => csvText(r.applicant.dateOfBirth) },
  { header: (t) => t("exports.csv.gender"), value: (r, l) => csvText(l.gender(r.applicant.gender)) },
  { header: (t) => t("search.oen"), value: (r) => csvText(r.applicant.oen) },
  { header: (t) => t("exports.csv.studentNumber"), value: (r) => csvText(r.applicant.studentNumber) },
  { header: (t) => t("exports.csv.email"), value: (r) => csvText(r.applicant.email) },
  { header: (t) => t("exports.csv.phone"), value: (r) => csvText(r.applicant.phone) },
  { header: (t) => t("exports.csv.preferredLanguage"), value: (r, l) => csvText(l.language(r.applicant.preferredLanguage)) },
  { header: (t) => t("exports.csv.colleges"), value: (r) => csvText(r.colleges.join("; ")) },
];

// CRLF as RFC 4180 and Excel expect; csv-stringify quotes any cell holding a comma, a quote or a line break.
const CSV_OPTIONS = { record_delimiter: "windows" } as const;

export type RequestsCsvOptions = {
  actor: Actor;
  search: RequestSearch;
  locale: Locale;
  batchSize?: number;
  now?: Date;
};

/**
 * The CSV export as a pull-based stream of UTF-8: the BOM and the header row at once, then one batch of rows per
 * read, so a slow client holds back the database reads instead of making the server buffer the export.
 */
export function requestsCsvStream(options: RequestsCsvOptions): ReadableStream<Uint8Array> {
  const { actor, search, locale, batchSize, now } = options;
  const t = exportTranslator(locale);
  const labels = exportValueLabels(t, locale);
  const encoder = new TextEncoder();
  let batches: AsyncGenerator<ExportRow[], void, undefined> | undefined;

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(UTF8_BOM + stringify([COLUMNS.map((c) => c.header(t))], CSV_OPTIONS)));
      },
      async pull(controller) {
        batches ??= exportBatches({ actor, search, batchSize, now });
        const next = await batches.next();
        if (next.done) {
          controller.close();
          return;
        }
        const records = next.value.map((row) => COLUMNS.map((c) => c.value(row, labels)));
        controller.enqueue(encoder.encode(stringify(records, CSV_OPTIONS)));
      },
      async cancel() {
        await batches?.return();
      },
    },
    // One batch read ahead at most.
    { highWaterMark: 1 },
  );
}
