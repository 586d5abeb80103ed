import "server-only";
import { renderPdf } from "@/lib/pdf/render-pdf";
import { Document, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import type { CourseColumn, ReadableTranscript } from "@/lib/domain/pesc/readable";
import { pdfText } from "@/lib/pdf/requests-report";

// The readable transcript as a PDF: portrait Letter, the built-in Helvetica as in the requests report (pdfText keeps
// what it can draw: French and English, and "?" for the rest, such as emoji), the sections as label/value lines in
// two columns, then the course table whose heading row repeats on each page (`fixed` inside the table). A
// transcript has tens of courses, so @react-pdf's own pagination is fast enough here.

export type TranscriptDocumentData = {
  lang: "en" | "fr";
  /** The title in both languages, the requested one first. */
  title: string;
  /** Lines under the title: the request, when it was generated. */
  meta: string[];
  /** Where the transcript comes from (a pending upload is marked as not saved yet). */
  source: string;
  /** Whether `source` warns that the file is not saved yet. */
  pending: boolean;
  model: ReadableTranscript;
  noCourses: string;
  /** Shown in an empty cell. */
  none: string;
  pageLabel: (page: number, pages: number) => string;
};

// Relative widths of the course columns; the columns a transcript lacks are left out and the rest share the width.
const WEIGHT: Readonly<Record<CourseColumn, number>> = {
  number: 8,
  title: 23,
  level: 8,
  endDate: 10,
  grade: 6,
  credits: 6,
  status: 7,
  language: 7,
  type: 4,
  compulsory: 7,
  note: 7,
};

const styles = StyleSheet.create({
  page: { paddingTop: 32, paddingBottom: 40, paddingHorizontal: 32, fontFamily: "Helvetica", fontSize: 8, color: "#111827" },
  title: { fontSize: 15, fontFamily: "Helvetica-Bold", marginBottom: 2 },
  subtitle: { fontSize: 11, fontFamily: "Helvetica-Bold", marginBottom: 4 },
  meta: { fontSize: 8, color: "#374151", marginBottom: 1 },
  source: { marginTop: 4, marginBottom: 6, fontSize: 8, color: "#374151" },
  warning: { marginTop: 4, marginBottom: 6, padding: 5, borderWidth: 1, borderColor: "#b45309", color: "#78350f", fontSize: 8 },
  sections: { flexDirection: "row", flexWrap: "wrap", marginBottom: 6 },
  section: { width: "50%", paddingRight: 10, marginBottom: 8 },
  sectionHeading: { fontFamily: "Helvetica-Bold", fontSize: 9, marginBottom: 3, paddingBottom: 2, borderBottomWidth: 0.5, borderBottomColor: "#9ca3af" },
  fieldRow: { flexDirection: "row", marginBottom: 1.5 },
  fieldLabel: { width: "42%", fontFamily: "Helvetica-Bold", color: "#374151", paddingRight: 4 },
  fieldValue: { width: "58%" },
  tableHeading: { fontFamily: "Helvetica-Bold", fontSize: 10, marginBottom: 3 },
  headRow: { flexDirection: "row", backgroundColor: "#e5e7eb", borderBottomWidth: 1, borderBottomColor: "#9ca3af" },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: "#e5e7eb" },
  rowAlt: { backgroundColor: "#f9fafb" },
  headCell: { paddingVertical: 3, paddingHorizontal: 2, fontFamily: "Helvetica-Bold", fontSize: 7 },
  cell: { paddingVertical: 2, paddingHorizontal: 2, fontSize: 7 },
  end: { marginTop: 10, textAlign: "center", fontSize: 8, color: "#4b5563" },
  footer: { position: "absolute", bottom: 16, left: 32, right: 32, flexDirection: "row", justifyContent: "space-between", fontSize: 7, color: "#4b5563" },
});

function TranscriptDocument({ data }: { data: TranscriptDocumentData }) {
  const { model } = data;
  const total = model.courses.columns.reduce((n, c) => n + WEIGHT[c.id], 0);
  // Numbers are right-aligned, with room before the next (left-aligned) column.
  const cellStyle = model.courses.columns.map((c) => ({
    width: `${((WEIGHT[c.id] / total) * 100).toFixed(3)}%`,
    ...(c.numeric ? ({ textAlign: "right", paddingRight: 8 } as const) : ({ textAlign: "left" } as const)),
  }));
  const title = pdfText(data.title);
  return (
    <Document title={`${title} - ${pdfText(model.studentName)}`} language={data.lang === "fr" ? "fr-CA" : "en-CA"} creator="TRMS" producer="TRMS">
      <Page size="LETTER" style={styles.page}>
        <Text style={styles.title}>{title}</Text>
        <Text style={styles.subtitle}>{pdfText(model.studentName)}</Text>
        {data.meta.map((line) => (
          <Text key={line} style={styles.meta}>
            {pdfText(line)}
          </Text>
        ))}
        <Text style={data.pending ? styles.warning : styles.source}>{pdfText(data.source)}</Text>

        <View style={styles.sections}>
          {model.sections.map((section) => (
            <View key={section.id} style={styles.section} wrap={false}>
              <Text style={styles.sectionHeading}>{pdfText(section.heading)}</Text>
              {section.fields.map((f) => (
                <View key={f.id} style={styles.fieldRow}>
                  <Text style={styles.fieldLabel}>{pdfText(f.label)}</Text>
                  <Text style={styles.fieldValue}>{pdfText(f.value)}</Text>
                </View>
              ))}
            </View>
          ))}
        </View>

        <Text style={styles.tableHeading} minPresenceAhead={40}>
          {pdfText(model.courses.heading)}
        </Text>
        {model.courses.rows.length === 0 ? (
          <Text>{pdfText(data.noCourses)}</Text>
        ) : (
          <View>
            <View style={styles.headRow} fixed>
              {model.courses.columns.map((c, j) => (
                <Text key={c.id} style={[styles.headCell, cellStyle[j]!]}>
                  {pdfText(c.label)}
                </Text>
              ))}
            </View>
            {model.courses.rows.map((row, i) => (
              <View key={i} style={i % 2 === 1 ? [styles.row, styles.rowAlt] : styles.row} wrap={false}>
                {model.courses.columns.map((c, j) => (
                  <Text key={c.id} style={[styles.cell, cellStyle[j]!]}>
                    {pdfText(row[c.id] ?? data.none)}
                  </Text>
                ))}
              </View>
            ))}
          </View>
        )}
        <Text style={styles.end}>{pdfText(model.end)}</Text>

        <View style={styles.footer} fixed>
          <Text>{`${title} - ${pdfText(model.studentName)}`}</Text>
          <Text render={({ pageNumber, totalPages }) => pdfText(data.pageLabel(pageNumber, totalPages))} />
        </View>
      </Page>
    </Document>
  );
}

/** The transcript as PDF bytes (they start with "%PDF-"). */
export async function renderTranscriptDocument(data: TranscriptDocumentData): Promise<Buffer> {
  return renderPdf(<TranscriptDocument data={data} />);
}
