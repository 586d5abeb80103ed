import { G, Line, Rect, Svg, Text, View } from "@react-pdf/renderer";
import { CHART_FONT, layoutChart, type ChartModel } from "@/lib/domain/reports/chart";
import { pdfText } from "./requests-report";

// A report chart in the PDF, from the same layout as the page's SVG (lib/domain/reports/chart.ts) drawn with
// react-pdf's own Svg primitives. react-pdf has no SVG patterns: every series is named in the legend and every bar
// carries its value, so colour is never the only cue; the chart's sentence is printed above it.

const WIDTH = 720;

const SCALE = 0.75;
// The most chart a landscape page holds under its title, in layout units: a longer chart continues on the next page.
const MAX_HEIGHT = 600;

/** A chart, cut into parts of as many rows as a page holds (two years of weeks are 105 rows). */
export function PdfChart({ model }: { model: ChartModel }) {
  const one = layoutChart({ ...model, rows: model.rows.slice(0, 1) }, WIDTH);
  const perRow = model.rows.length > 1 ? layoutChart({ ...model, rows: model.rows.slice(0, 2) }, WIDTH).height - one.height : one.height;
  const rowsPerPart = Math.max(1, Math.floor((MAX_HEIGHT - one.height) / perRow) + 1);
  const parts: ChartModel[] = [];
  for (let i = 0; i < Math.max(1, model.rows.length); i += rowsPerPart) parts.push({ ...model, rows: model.rows.slice(i, i + rowsPerPart) });
  return (
    <>
      {parts.map((part, i) => (
        <PdfChartPart key={i} model={part} first={i === 0} />
      ))}
    </>
  );
}

function PdfChartPart({ model, first }: { model: ChartModel; first: boolean }) {
  const layout = layoutChart(model, WIDTH);
  const scale = SCALE;
  return (
    <View wrap={false} style={{ marginBottom: 10 }}>
      <Text style={{ fontFamily: "Helvetica-Bold", fontSize: 9, marginBottom: 2 }}>{pdfText(model.title)}</Text>
      {first && <Text style={{ fontSize: 8, marginBottom: 4, color: "#374151" }}>{pdfText(model.summary)}</Text>}
      <Svg width={layout.width * scale} height={layout.height * scale} viewBox={`0 0 ${layout.width} ${layout.height}`}>
        {layout.legend.map((l) => (
          <G key={`l${l.series}`}>
            <Rect x={l.x} y={l.y} width={16} height={12} fill={model.series[l.series]!.color} />
            <Text x={l.x + 20} y={l.y + 10} style={{ fontSize: CHART_FONT }} fill="#111827">
              {pdfText(model.series[l.series]!.label)}
            </Text>
          </G>
        ))}
        <Line x1={layout.plotX} x2={layout.plotX} y1={18} y2={layout.height} stroke="#6b7280" strokeWidth={1} />
        {layout.rows.map((r, i) => (
          <Text key={`r${i}`} x={layout.plotX - 6} y={r.y + 10} textAnchor="end" style={{ fontSize: CHART_FONT }} fill="#111827">
            {pdfText(r.label)}
          </Text>
        ))}
        {layout.bars.map((b, i) =>
          b.series < 0 ? (
            <Text key={`b${i}`} x={b.labelX} y={b.y + 10} style={{ fontSize: CHART_FONT, fontFamily: "Helvetica-Bold" }} fill="#111827">
              {pdfText(b.label)}
            </Text>
          ) : (
            <G key={`b${i}`}>
              <Rect x={b.x} y={b.y} width={Math.max(b.width, 0.5)} height={b.height} fill={model.series[b.series]!.color} />
              {(b.labelInside || !model.stacked) && (
                <Text
                  x={b.labelX}
                  y={b.y + 10}
                  textAnchor={b.labelInside ? "middle" : "start"}
                  style={{ fontSize: CHART_FONT }}
                  fill={b.labelInside ? "#ffffff" : "#111827"}
                >
                  {pdfText(b.label)}
                </Text>
              )}
            </G>
          ),
        )}
      </Svg>
    </View>
  );
}
