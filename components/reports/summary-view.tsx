import { getTranslations } from "next-intl/server";
import { BarChart } from "@/components/reports/bar-chart";
import { Table, TableBody, TableHead, Td, Th } from "@/components/ui/table";
import { statusHeadings, type SummaryCharts } from "@/lib/domain/reports/summary-charts";
import type { SummaryFigures } from "@/lib/domain/reports/summary";
import { DB_TABS, REQUEST_STATUSES, tabKeyOf } from "@/lib/domain/statuses";

type Row = { name: string; figures: SummaryFigures };
type Props = { locale: "en" | "fr"; rows: Row[]; total: SummaryFigures; charts: SummaryCharts };

/** The Summary report on screen: the status chart, the two tables (per school and the total), the board analytics. */
export async function SummaryView({ locale, rows, total, charts }: Props) {
  const t = await getTranslations();
  const tag = locale === "fr" ? "fr-CA" : "en-CA";
  const n = new Intl.NumberFormat(tag);
  const d = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
  const p = new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 1 });
  const all = [...rows.map((r) => ({ ...r, isTotal: false })), { name: t("reports.total"), figures: total, isTotal: true }];
  const tabLabels = DB_TABS.map((tab) => t(`tabs.${tabKeyOf(tab)}`));
  return (
    <div className="flex flex-col gap-6">
      <BarChart
        id="chart-status"
        model={charts.status}
        tableCaption={t("reports.charts.dataTable", { title: charts.status.title })}
        rowHeader={t("reports.columns.school")}
      />
      <section aria-labelledby="summary-by-status" className="flex flex-col gap-2">
        <h2 id="summary-by-status" className="text-lg font-semibold">
          {t("reports.byStatus")}
        </h2>
        {/* Focusable, so that a keyboard can scroll a table wider than the screen. */}
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-labelledby="summary-by-status">
          <Table caption={t("reports.byStatus")}>
            <TableHead>
              <Th scope="col">{t("reports.columns.school")}</Th>
              {statusHeadings(t as unknown as (key: string) => string).map((label, i) => (
                <Th key={REQUEST_STATUSES[i]} scope="col" numeric className="whitespace-normal">
                  {label}
                </Th>
              ))}
              <Th scope="col" numeric>
                {t("reports.columns.total")}
              </Th>
            </TableHead>
            <TableBody>
              {all.map((r) => (
                <tr key={r.name} className={r.isTotal ? "bg-gray-50 font-semibold" : undefined}>
                  <Th scope="row">{r.name}</Th>
                  {REQUEST_STATUSES.map((s) => (
                    <Td key={s} numeric>
                      {n.format(r.figures.statuses[s])}
                    </Td>
                  ))}
                  <Td numeric>{n.format(r.figures.total)}</Td>
                </tr>
              ))}
            </TableBody>
          </Table>
        </div>
      </section>
      <section aria-labelledby="summary-by-tab" className="flex flex-col gap-2">
        <h2 id="summary-by-tab" className="text-lg font-semibold">
          {t("reports.byTab")}
        </h2>
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-labelledby="summary-by-tab">
          <Table caption={t("reports.byTab")}>
            <TableHead>
              <Th scope="col">{t("reports.columns.school")}</Th>
              {tabLabels.map((l) => (
                <Th key={l} scope="col" numeric>
                  {l}
                </Th>
              ))}
              <Th scope="col" numeric>
                {t("reports.columns.total")}
              </Th>
              <Th scope="col" numeric className="whitespace-normal">
                {t("reports.columns.withinSla")}
              </Th>
              <Th scope="col" numeric className="whitespace-normal">
                {t("reports.columns.withinSlaShare")}
              </Th>
              <Th scope="col" numeric className="whitespace-normal">
                {t("reports.columns.medianAge")}
              </Th>
              <Th scope="col" numeric className="whitespace-normal">
                {t("reports.columns.p90Age")}
              </Th>
              <Th scope="col" numeric className="whitespace-normal">
                {t("reports.columns.openPastSla")}
              </Th>
            </TableHead>
            <TableBody>
              {all.map((r) => (
                <tr key={r.name} className={r.isTotal ? "bg-gray-50 font-semibold" : undefined}>
                  <Th scope="row">{r.name}</Th>
                  {DB_TABS.map((tab) => (
                    <Td key={tab} numeric>
                      {n.format(r.figures.tabs[tab])}
                    </Td>
                  ))}
                  <Td numeric>{n.format(r.figures.total)}</Td>
                  <Td numeric>{n.format(r.figures.withinSla)}</Td>
                  <Td numeric>{r.figures.withinSlaShare === null ? "—" : p.format(r.figures.withinSlaShare)}</Td>
                  <Td numeric>{r.figures.medianAge === null ? "—" : d.format(r.figures.medianAge)}</Td>
                  <Td numeric>{r.figures.p90Age === null ? "—" : d.format(r.figures.p90Age)}</Td>
                  <Td numeric>{n.format(r.figures.openPastSla)}</Td>
                </tr>
              ))}
            </TableBody>
          </Table>
        </div>
      </section>
      {charts.weekly && charts.turnaround && charts.ageing && (
        <section aria-labelledby="board-analytics" className="flex flex-col gap-6">
          <h2 id="board-analytics" className="text-lg font-semibold">
            {t("reports.analytics.title")}
          </h2>
          <BarChart
            id="chart-weekly"
            model={charts.weekly}
            tableCaption={t("reports.charts.dataTable", { title: charts.weekly.title })}
            rowHeader={t("reports.columns.week")}
          />
          <BarChart
            id="chart-turnaround"
            model={charts.turnaround}
            tableCaption={t("reports.charts.dataTable", { title: charts.turnaround.title })}
            rowHeader={t("reports.columns.school")}
          />
          <BarChart
            id="chart-ageing"
            model={charts.ageing}
            tableCaption={t("reports.charts.dataTable", { title: charts.ageing.title })}
            rowHeader={t("reports.columns.band")}
          />
        </section>
      )}
    </div>
  );
}
