import "server-only";
import { renderPdf } from "@/lib/pdf/render-pdf";
import { Document, Page, StyleSheet, Text, View } from "@react-pdf/renderer";

// The dashboard as a printable report: landscape Letter, the built-in Helvetica (no font files to ship), the
// column headings on every page and "Page n of m" in every footer. Everything shown is plain text: names with
// markup or formulas are printed as they are.
//
// The pages are cut here rather than by @react-pdf: its own pagination re-lays out everything after each page
// break, which made 1,000 rows take over a minute. With rows of a fixed height (two lines at most, and a details line under each when there is one) each
// page is laid out once and the page count is known, so the footer needs no second layout pass either. Column
// headings are never cut: they wrap at word boundaries, in a heading row tall enough for three lines.

export type ReportColumn = { label: string; /** Relative width. */ weight: number; align?: "left" | "right" };

export type RequestsReportData = {
  lang: "en" | "fr";
  /** The title in both languages, the requested one first. */
  title: string;
  generatedAt: string;
  criteriaTitle: string;
  criteria: { label: string; value: string }[];
  summary: string;
  /** Said when the report holds fewer rows than the search matched. */
  cappedNote?: string;
  emptyNote: string;
  columns: ReportColumn[];
  rows: string[][];
  /** A line under each row across the whole width (the dashboard report: the applicant's details), by row. */
  details?: string[];
  pageLabel: (page: number, pages: number) => string;
};

// Letter landscape, in points.
const PAGE_HEIGHT = 612;
const MARGIN_TOP = 24;
const MARGIN_BOTTOM = 36;
// A line of 7-point text at line height 1.25, and a cell's vertical padding.
const LINE = 8.75;
const rowHeight = (lines: number) => Math.ceil(lines * LINE + 4.5);
// Column headings wrap at word boundaries, never cut: room for three lines (the French ones are longer).
const HEAD_HEIGHT = Math.ceil(3 * LINE + 7);
const BODY = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - HEAD_HEIGHT;
// A little slack: a page filled to the last point may still break before its last row.
const rowsPerPage = (lines: number) => Math.floor((BODY - 8) / rowHeight(lines));
// The first page's heading block, generously estimated: a row that does not fit would start an extra page.
const CRITERION_LINE = 11;
const CRITERION_CHARS_PER_LINE = 120;

const WIN_ANSI_EXTRA = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022,
  0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

function helveticaHas(cp: number): boolean {
  return (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || cp === 0x0a || WIN_ANSI_EXTRA.has(cp);
}

/**
 * Text Helvetica can draw. Its WinAnsi encoding covers French and English; U+202F (the narrow no-break space of
 * French number and time formats) would be drawn as "/", so it becomes a no-break space; a letter with an accent
 * it lacks loses the accent (Ș → S); anything else (emoji) becomes "?" rather than stray bytes.
 */
export function pdfText(s: string): string {
  let out = "";
  for (const ch of s.replace(/\u202f/g, "\u00a0").replace(/[\u2010\u2011]/g, "-")) {
    const cp = ch.codePointAt(0)!;
    if (helveticaHas(cp)) out += ch;
    else {
      const base = ch.normalize("NFD").charAt(0);
      out += base !== ch && helveticaHas(base.codePointAt(0)!) ? base : "?";
    }
  }
  return out;
}

const styles = StyleSheet.create({
  page: { paddingTop: MARGIN_TOP, paddingBottom: MARGIN_BOTTOM, paddingHorizontal: 28, fontFamily: "Helvetica", fontSize: 7, color: "#111827" },
  title: { fontSize: 14, fontFamily: "Helvetica-Bold", marginBottom: 4 },
  meta: { fontSize: 8, color: "#374151", marginBottom: 4 },
  criteria: { marginBottom: 6, padding: 5, backgroundColor: "#f3f4f6", fontSize: 8 },
  criteriaTitle: { fontFamily: "Helvetica-Bold", marginBottom: 2 },
  criterion: { marginBottom: 1 },
  bold: { fontFamily: "Helvetica-Bold" },
  note: { marginBottom: 6, padding: 5, borderWidth: 1, borderColor: "#b45309", color: "#78350f", fontSize: 8 },
  summary: { marginBottom: 4, fontFamily: "Helvetica-Bold", fontSize: 9 },
  // A unitless lineHeight multiplies the fontSize of the same style (18 when absent), hence fontSize on the cells.
  headRow: { flexDirection: "row", height: HEAD_HEIGHT, backgroundColor: "#e5e7eb", borderBottomWidth: 1, borderBottomColor: "#9ca3af" },
  row: { flexDirection: "column", borderBottomWidth: 0.5, borderBottomColor: "#e5e7eb" },
  cells: { flexDirection: "row", height: rowHeight(2) },
  detail: { paddingHorizontal: 3, fontSize: 7, lineHeight: 1.25, maxLines: 2, textOverflow: "ellipsis", color: "#374151" },
  rowAlt: { backgroundColor: "#f9fafb" },
  headCell: { paddingVertical: 3, paddingHorizontal: 3, fontFamily: "Helvetica-Bold", fontSize: 7, lineHeight: 1.25 },
  cell: { paddingVertical: 2, paddingHorizontal: 3, fontSize: 7, lineHeight: 1.25, textOverflow: "ellipsis" },
  footer: { position: "absolute", bottom: 14, left: 28, right: 28, flexDirection: "row", justifyContent: "space-between", fontSize: 7, color: "#4b5563" },
});

/** The first page's heading block gets this height, generous so that its text always fits. */
function headingHeight(data: RequestsReportData): number {
  const criterionLines = data.criteria.reduce((n, c) => n + Math.ceil((c.label.length + c.value.length + 2) / CRITERION_CHARS_PER_LINE), 0);
  return 26 + 16 + 28 + criterionLines * CRITERION_LINE + (data.cappedNote ? 40 : 0) + 22;
}

/** Rows cut into pages: fewer on the first page, under the heading block. */
function paginate<T>(rows: readonly T[], firstPageRows: number, perPage: number): T[][] {
  const pages: T[][] = [rows.slice(0, firstPageRows)];
  for (let i = firstPageRows; i < rows.length; i += perPage) pages.push(rows.slice(i, i + perPage));
  return pages;
}

function RequestsReport({ data, pages, heading }: { data: RequestsReportData; pages: string[][][]; heading: number }) {
  // Where each page's rows start in data.rows (for the details line of a row).
  const offsets = pages.reduce<number[]>((acc, page, i) => [...acc, i === 0 ? 0 : acc[i - 1]! + pages[i - 1]!.length], []);
  const total = data.columns.reduce((n, c) => n + c.weight, 0);
  const lines = data.details ? 4 : 2;
  const rowStyle = { height: rowHeight(lines) };
  const cellLines = { maxLines: 2 };
  const cellStyle = data.columns.map((c) => ({ width: `${((c.weight / total) * 100).toFixed(3)}%`, textAlign: c.align ?? "left" }) as const);
  const title = pdfText(data.title);
  return (
    <Document title={title} language={data.lang === "fr" ? "fr-CA" : "en-CA"} creator="TRMS" producer="TRMS">
      {pages.map((rows, p) => (
        <Page key={p} size="LETTER" orientation="landscape" style={styles.page}>
          {p === 0 && (
            <View style={{ height: heading }}>
              <Text style={styles.title}>{title}</Text>
              <Text style={styles.meta}>{pdfText(data.generatedAt)}</Text>
              <View style={styles.criteria}>
                <Text style={styles.criteriaTitle}>{pdfText(data.criteriaTitle)}</Text>
                {data.criteria.map((c) => (
                  <Text key={c.label} style={styles.criterion}>
                    <Text style={styles.bold}>{pdfText(c.label)}: </Text>
                    {pdfText(c.value)}
                  </Text>
                ))}
              </View>
              {data.cappedNote && <Text style={styles.note}>{pdfText(data.cappedNote)}</Text>}
              <Text style={styles.summary}>{pdfText(data.summary)}</Text>
              {data.rows.length === 0 && <Text>{pdfText(data.emptyNote)}</Text>}
            </View>
          )}
          {rows.length > 0 && (
            <View style={styles.headRow}>
              {data.columns.map((c, j) => (
                <Text key={j} style={[styles.headCell, cellStyle[j]!]}>
                  {pdfText(c.label)}
                </Text>
              ))}
            </View>
          )}
          {rows.map((cells, i) => {
            const detail = data.details?.[offsets[p]! + i];
            return (
              <View key={i} style={i % 2 === 1 ? [styles.row, rowStyle, styles.rowAlt] : [styles.row, rowStyle]}>
                <View style={styles.cells}>
                  {cells.map((cell, j) => (
                    <Text key={j} style={[styles.cell, cellLines, cellStyle[j]!]}>
                      {pdfText(cell)}
                    </Text>
                  ))}
                </View>
                {detail !== undefined && <Text style={styles.detail}>{pdfText(detail)}</Text>}
              </View>
            );
          })}
          <View style={styles.footer} fixed>
            <Text>{title}</Text>
            <Text>{pdfText(data.pageLabel(p + 1, pages.length))}</Text>
          </View>
        </Page>
      ))}
    </Document>
  );
}

/** The report as PDF bytes (they start with "%PDF-") and the number of pages it was laid out on. */
export async function renderRequestsReport(data: RequestsReportData): Promise<{ pdf: Buffer; pages: number }> {
  const heading = headingHeight(data);
  const lines = data.details ? 4 : 2;
  const pages = paginate(data.rows, Math.max(0, Math.floor((BODY - 8 - heading) / rowHeight(lines))), rowsPerPage(lines));
  return { pdf: await renderPdf(<RequestsReport data={data} pages={pages} heading={heading} />), pages: pages.length };
}
