import clsx from "clsx";
import { Download } from "lucide-react";
import type { ReadableTranscript } from "@/lib/domain/pesc/readable";
import { Table, TableBody, TableHead, Td, Th } from "@/components/ui/table";

export type TranscriptPreviewText = {
  title: string;
  intro: string;
  /** The disclosure's label, with the number of courses. */
  show: string;
  downloadPdf: string;
  noCourses: string;
  /** Shown in an empty cell. */
  none: string;
};

type Props = {
  model: ReadableTranscript;
  text: TranscriptPreviewText;
  pdfHref: string;
  /** Level of the preview's own heading: 2 as a section of the details page, 3 inside the validation section. */
  headingLevel: 2 | 3;
  /** Prefix of the element ids, unique on the page. */
  idPrefix: string;
};

/**
 * The readable transcript: the PDF link, then a native <details> disclosure (closed, as the app's other panels) with
 * the sections as term/description lists and the courses as a table. Every value is rendered as text.
 */
export function TranscriptPreviewView({ model, text, pdfHref, headingLevel, idPrefix }: Props) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const SubHeading = headingLevel === 2 ? "h3" : "h4";
  const headingId = `${idPrefix}-heading`;
  return (
    <section
      aria-labelledby={headingId}
      className={clsx(
        "flex flex-col gap-2",
        headingLevel === 2 ? "rounded-lg border border-gray-200 bg-white p-4 print:border-gray-400" : "border-t border-gray-200 pt-3",
      )}
    >
      <Heading id={headingId} className={headingLevel === 2 ? "text-lg font-semibold" : "text-base font-semibold"}>
        {text.title}
      </Heading>
      <p className="text-sm text-gray-700">{text.intro}</p>
      <p className="no-print text-sm">
        <a href={pdfHref} download className="inline-flex items-center gap-1 font-medium">
          <Download aria-hidden className="h-4 w-4 shrink-0" />
          {text.downloadPdf}
        </a>
      </p>
      <details className="rounded-md border border-gray-200">
        {/* The +/− comes from CSS, so that the summary's text is exactly its label. */}
        <summary className="disclosure px-3 py-2 text-sm">{text.show}</summary>
        <div className="flex flex-col gap-4 border-t border-gray-200 px-3 py-3">
          <div className="grid gap-4 md:grid-cols-2">
            {model.sections.map((section) => (
              <section key={section.id} aria-labelledby={`${idPrefix}-${section.id}`}>
                <SubHeading id={`${idPrefix}-${section.id}`} className="mb-1 text-sm font-semibold">
                  {section.heading}
                </SubHeading>
                <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[minmax(9rem,max-content)_1fr]">
                  {section.fields.map((f) => (
                    <div key={f.id} className="contents">
                      <dt className="font-medium text-gray-700">{f.label}</dt>
                      <dd className="mb-1 break-words sm:mb-0">{f.value}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            ))}
          </div>
          {model.courses.rows.length === 0 ? (
            <p className="text-sm text-gray-700">{text.noCourses}</p>
          ) : (
            // Focusable when it scrolls sideways (narrow windows), so that the keyboard can scroll it too.
            <div className="overflow-x-auto" role="region" aria-labelledby={`${idPrefix}-courses`} tabIndex={0}>
              <Table caption={model.courses.heading} showCaption captionId={`${idPrefix}-courses`}>
                <TableHead>
                  {model.courses.columns.map((column) => (
                    <Th key={column.id} scope="col" numeric={column.numeric}>
                      {column.label}
                    </Th>
                  ))}
                </TableHead>
                <TableBody>
                  {model.courses.rows.map((row, i) => (
                    <tr key={i} className="even:bg-gray-50">
                      {model.courses.columns.map((column, j) => {
                        const value = row[column.id] ?? text.none;
                        const className = column.id === "number" ? "font-mono whitespace-nowrap" : undefined;
                        return j === 0 ? (
                          <Th key={column.id} scope="row" numeric={column.numeric} className={className}>
                            {value}
                          </Th>
                        ) : (
                          <Td key={column.id} numeric={column.numeric} className={className}>
                            {value}
                          </Td>
                        );
                      })}
                    </tr>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
          <p className="text-center text-xs text-gray-600">{model.end}</p>
        </div>
      </details>
    </section>
  );
}
