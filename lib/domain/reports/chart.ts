// The reports' bar charts as geometry (contracts §9): horizontal bars, one row per item, stacked or grouped series,
// every bar labelled with its value. Drawn by two renderers from the same layout — SVG in the page
// (components/reports/bar-chart.tsx) and react-pdf's Svg primitives in the PDF (lib/pdf/report-charts.tsx) — so that
// the chart is there without JavaScript and in print. Each series has a colour and a pattern (and the legend names
// it), so colour is never the only cue.

export type ChartPattern = "solid" | "hatch" | "dots" | "cross";
export type ChartSeries = { label: string; color: string; pattern: ChartPattern };
export type ChartRow = { label: string; values: (number | null)[] };

export type ChartModel = {
  title: string;
  /** The one-sentence text summary (the image's accessible name). */
  summary: string;
  series: ChartSeries[];
  rows: ChartRow[];
  /** Segments of a row one after the other (parts of a whole) or one bar per series (figures side by side). */
  stacked: boolean;
  /** The value at the right edge (a share: 1); by default the largest row. */
  max?: number;
  /** A value as its label says it (locale formatting). */
  format: (value: number) => string;
};

export type ChartBar = { x: number; y: number; width: number; height: number; series: number; label: string; labelX: number; labelInside: boolean };
export type ChartLayout = {
  width: number;
  height: number;
  plotX: number;
  plotWidth: number;
  rows: { label: string; y: number; height: number }[];
  bars: ChartBar[];
  legend: { x: number; y: number; series: number }[];
  legendY: number;
};

export const CHART_FONT = 11;
const LABEL_WIDTH = 190;
const BAR = 14;
const GAP = 8;
const LEGEND = 22;
// A value's label goes inside its bar when the bar is at least this wide (characters × 7 px at 11 px).
const CHAR = 7;

/** Cuts a row label to the room beside the plot (the data table has the full text). */
export function fitLabel(text: string, room = LABEL_WIDTH): string {
  const max = Math.floor((room - 8) / 6.2);
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function layoutChart(model: ChartModel, width = 720): ChartLayout {
  const plotX = LABEL_WIDTH;
  const plotWidth = width - plotX - 56;
  const perRow = model.stacked ? 1 : model.series.length;
  const rowHeight = perRow * BAR + GAP;
  const totals = model.rows.map((r) => (model.stacked ? r.values.reduce<number>((s, v) => s + (v ?? 0), 0) : Math.max(0, ...r.values.map((v) => v ?? 0))));
  const max = model.max ?? Math.max(1, ...totals);
  const scale = (v: number) => (max === 0 ? 0 : (v / max) * plotWidth);
  const bars: ChartBar[] = [];
  const rows = model.rows.map((row, i) => {
    const y = LEGEND + i * rowHeight;
    let x = plotX;
    row.values.forEach((value, s) => {
      if (value === null) return;
      const w = scale(value);
      const barY = model.stacked ? y : y + s * BAR;
      const label = model.format(value);
      const inside = w >= label.length * CHAR + 6;
      if (model.stacked) {
        if (value > 0) bars.push({ x, y: barY, width: w, height: BAR - 2, series: s, label, labelX: x + w / 2, labelInside: inside });
        x += w;
      } else {
        bars.push({ x: plotX, y: barY, width: w, height: BAR - 2, series: s, label, labelX: inside ? plotX + w / 2 : plotX + w + 4, labelInside: inside });
      }
    });
    return { label: fitLabel(row.label), y, height: rowHeight - GAP };
  });
  // A stacked row's total after its bar; its segments too narrow for their label are read from the data table.
  if (model.stacked) {
    model.rows.forEach((_, i) => {
      bars.push({
        x: plotX,
        y: LEGEND + i * rowHeight,
        width: 0,
        height: BAR - 2,
        series: -1,
        label: model.format(totals[i]!),
        labelX: plotX + scale(totals[i]!) + 4,
        labelInside: false,
      });
    });
  }
  let lx = plotX;
  const legend = model.series.map((s, i) => {
    const item = { x: lx, y: 4, series: i };
    lx += 24 + s.label.length * 6.2 + 16;
    return item;
  });
  return { width, height: LEGEND + Math.max(1, model.rows.length) * rowHeight + 4, plotX, plotWidth, rows, bars, legend, legendY: 4 };
}

/** The series colours and patterns the reports use, in order: dark enough for white labels (WCAG AA). */
export const PALETTE: readonly Omit<ChartSeries, "label">[] = [
  { color: "#1d4ed8", pattern: "solid" },
  { color: "#9a3412", pattern: "hatch" },
  { color: "#6d28d9", pattern: "dots" },
  { color: "#166534", pattern: "cross" },
];
