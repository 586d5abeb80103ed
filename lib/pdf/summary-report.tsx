import "server-only";
import { renderPdf } from "@/lib/pdf/render-pdf";
import { Document, Font, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import type { ChartModel } from "@/lib/domain/reports/chart";
import { PdfChart } from "./report-charts";
import { pdfText } from "./requests-report";

// The Summary report as a PDF: its parameters, its charts (react-pdf's Svg) and its tables, page numbers in every
// footer. A summary has a row per school, so react-pdf paginates it itself; table headings wrap on as many lines
// as they need and words are never hyphenated, so that no French heading is cut.

export type SummaryTable = { title: string; columns: string[]; rows: string[][]; /** Rows printed in bold (the total). */ boldLast: boolean };

export type SummaryReportData = {
  lang: "en" | "fr";
  title: string;
  generatedAt: string;
  parametersTitle: string;
  parameters: { label: string; value: string }[];
  note: string;
  charts: ChartModel[];
  tables: SummaryTable[];
  pageLabel: (page: number, pages: number) => string;
};

// Whole words only: a heading wraps between words, never inside one.
Font.registerHyphenationCallback((word) => [word]);

const styles = StyleSheet.create({
  page: { paddingTop: 24, paddingBottom: 36, paddingHorizontal: 28, fontFamily: "Helvetica", fontSize: 7, color: "#111827" },
  title: { fontSize: 14, fontFamily: "Helvetica-Bold", marginBottom: 4 },
  meta: { fontSize: 8, color: "#374151", marginBottom: 4 },
  box: { marginBottom: 6, padding: 5, backgroundColor: "#f3f4f6", fontSize: 8 },
  bold: { fontFamily: "Helvetica-Bold" },
  tableTitle: { fontFamily: "Helvetica-Bold", fontSize: 9, marginTop: 6, marginBottom: 3 },
  headRow: { flexDirection: "row", backgroundColor: "#e5e7eb", borderBottomWidth: 1, borderBottomColor: "#9ca3af" },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: "#e5e7eb" },
  headCell: { padding: 3, fontFamily: "Helvetica-Bold", fontSize: 6.5, lineHeight: 1.2 },
  cell: { padding: 3, fontSize: 7, lineHeight: 1.2 },
  footer: { position: "absolute", bottom: 14, left: 28, right: 28, flexDirection: "row", justifyContent: "space-between", fontSize: 7, color: "#4b5563" },
});

function PdfTable({ table }: { table: SummaryTable }) {
  // The school column wider than the figures.
  const first = 22;
  const other = (100 - first) / Math.max(1, table.columns.length - 1);
  const width = (j: number) => ({ width: `${(j === 0 ? first : other).toFixed(3)}%`, textAlign: j === 0 ? ("left" as const) : ("right" as const) });
  return (
    <View>
      <Text style={styles.tableTitle}>{pdfText(table.title)}</Text>
      <View style={styles.headRow} fixed>
        {table.columns.map((c, j) => (
          <Text key={j} style={[styles.headCell, width(j)]}>
            {pdfText(c)}
          </Text>
        ))}
      </View>
      {table.rows.map((cells, i) => (
        <View key={i} style={styles.row} wrap={false}>
          {cells.map((cell, j) => (
            <Text key={j} style={[styles.cell, width(j), table.boldLast && i === table.rows.length - 1 ? styles.bold : {}]}>
              {pdfText(cell)}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

export async function renderSummaryReport(data: SummaryReportData): Promise<Buffer> {
  const title = pdfText(data.title);
  return renderPdf(
    <Document title={title} language={data.lang === "fr" ? "fr-CA" : "en-CA"} creator="TRMS" producer="TRMS">
      <Page size="LETTER" orientation="landscape" style={styles.page}>
        <Text style={styles.title}>{title}</Text>
        <Text style={styles.meta}>{pdfText(data.generatedAt)}</Text>
        <View style={styles.box}>
          <Text style={[styles.bold, { marginBottom: 2 }]}>{pdfText(data.parametersTitle)}</Text>
          {data.parameters.map((p) => (
            <Text key={p.label}>
              <Text style={styles.bold}>{pdfText(p.label)}: </Text>
              {pdfText(p.value)}
            </Text>
          ))}
          <Text style={{ marginTop: 2 }}>{pdfText(data.note)}</Text>
        </View>
        {data.charts.map((c) => (
          <PdfChart key={c.title} model={c} />
        ))}
        {data.tables.map((table) => (
          <PdfTable key={table.title} table={table} />
        ))}
        <View style={styles.footer} fixed>
          <Text>{title}</Text>
          <Text render={({ pageNumber, totalPages }) => pdfText(data.pageLabel(pageNumber, totalPages))} />
        </View>
      </Page>
    </Document>,
  );
}
