import { CHART_FONT, layoutChart, type ChartModel, type ChartPattern } from "@/lib/domain/reports/chart";
import { Table, TableBody, TableHead, Td, Th } from "@/components/ui/table";

type Props = {
  /** Unique on the page: the chart's patterns and its table are named after it. */
  id: string;
  model: ChartModel;
  /** The data table's caption ("Data table: …"). */
  tableCaption: string;
  /** The row header of the data table. */
  rowHeader: string;
  /** Column headers: one per series (by default the series' labels). */
  columns?: string[];
};

function PatternDef({ id, pattern, color }: { id: string; pattern: ChartPattern; color: string }) {
  return (
    <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse">
      <rect width="6" height="6" fill={color} />
      {pattern === "hatch" && <path d="M0 6 L6 0" stroke="#fff" strokeWidth="1.2" />}
      {pattern === "dots" && <circle cx="3" cy="3" r="1.1" fill="#fff" />}
      {pattern === "cross" && <path d="M0 3 H6 M3 0 V6" stroke="#fff" strokeWidth="0.9" />}
    </pattern>
  );
}

/**
 * A bar chart drawn on the server as plain SVG (no JavaScript): an image whose accessible name is its one-sentence
 * summary, a legend with each series' colour and pattern, every bar labelled, and the data table as its text
 * alternative right after it.
 */
export function BarChart({ id, model, tableCaption, rowHeader, columns }: Props) {
  const layout = layoutChart(model);
  const fill = (s: number) => `url(#${id}-p${s})`;
  return (
    <figure className="flex flex-col gap-2" aria-labelledby={`${id}-title`}>
      <figcaption>
        <span id={`${id}-title`} className="font-semibold">
          {model.title}
        </span>
        <span className="block text-sm text-gray-700">{model.summary}</span>
      </figcaption>
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-labelledby={`${id}-title`}>
        <svg
          role="img"
          aria-label={`${model.title}. ${model.summary}`}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          width={layout.width}
          height={layout.height}
          className="max-w-full"
          fontFamily="system-ui, sans-serif"
          fontSize={CHART_FONT}
        >
          <defs>
            {model.series.map((s, i) => (
              <PatternDef key={i} id={`${id}-p${i}`} pattern={s.pattern} color={s.color} />
            ))}
          </defs>
          {layout.legend.map((l) => (
            <g key={l.series}>
              <rect x={l.x} y={l.y} width={16} height={12} fill={fill(l.series)} stroke="#111827" strokeWidth={0.5} />
              <text x={l.x + 20} y={l.y + 10} fill="#111827">
                {model.series[l.series]!.label}
              </text>
            </g>
          ))}
          <line x1={layout.plotX} x2={layout.plotX} y1={18} y2={layout.height} stroke="#6b7280" />
          {layout.rows.map((r, i) => (
            <text key={i} x={layout.plotX - 6} y={r.y + 10} textAnchor="end" fill="#111827">
              {r.label}
            </text>
          ))}
          {layout.bars.map((b, i) =>
            b.series < 0 ? (
              <text key={i} x={b.labelX} y={b.y + 10} fill="#111827" fontWeight="600">
                {b.label}
              </text>
            ) : (
              <g key={i}>
                <rect x={b.x} y={b.y} width={Math.max(b.width, 0.5)} height={b.height} fill={fill(b.series)} />
                {(b.labelInside || !model.stacked) && (
                  <text
                    x={b.labelX}
                    y={b.y + 10}
                    textAnchor={b.labelInside ? "middle" : "start"}
                    fill={b.labelInside ? "#fff" : "#111827"}
                    stroke={b.labelInside ? model.series[b.series]!.color : undefined}
                    strokeWidth={b.labelInside ? 3 : undefined}
                    paintOrder="stroke"
                  >
                    {b.label}
                  </text>
                )}
              </g>
            ),
          )}
        </svg>
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer text-brand-800">{tableCaption}</summary>
        <div className="mt-2 overflow-x-auto" tabIndex={0} role="region" aria-label={tableCaption}>
          <Table caption={tableCaption} id={`${id}-table`}>
            <TableHead>
              <Th scope="col">{rowHeader}</Th>
              {(columns ?? model.series.map((s) => s.label)).map((c) => (
                <Th key={c} scope="col" numeric>
                  {c}
                </Th>
              ))}
            </TableHead>
            <TableBody>
              {model.rows.map((r, i) => (
                <tr key={i}>
                  <Th scope="row">{r.label}</Th>
                  {r.values.map((v, j) => (
                    <Td key={j} numeric>
                      {v === null ? "—" : model.format(v)}
                    </Td>
                  ))}
                </tr>
              ))}
            </TableBody>
          </Table>
        </div>
      </details>
    </figure>
  );
}
