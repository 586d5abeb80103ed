import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { Link } from "@/lib/i18n/navigation";
import { businessDaysBetween, slaState } from "@/lib/domain/business-days";
import { defaultDir, searchToParams, type RequestSearch, type SortKey } from "@/lib/domain/request-search";
import type { RequestsPage } from "@/lib/server/requests/find-requests";
import { RowAction } from "./row-action";
import { SlaBadge } from "./sla-badge";
import { StatusBadge } from "./status-badge";

type Column = { key: SortKey; label: string; numeric?: boolean };

export async function RequestsTable(props: { page: RequestsPage; search: RequestSearch; showSchool: boolean; sla: number; now: Date }) {
  const { page, search, showSchool, sla, now } = props;
  const t = await getTranslations();
  const format = await getFormatter();
  const locale = await getLocale();
  const columns: Column[] = [
    { key: "requestDate", label: t("columns.requestDate") },
    { key: "age", label: t("columns.age"), numeric: true },
    { key: "referenceNumber", label: t("columns.referenceNumber") },
    { key: "name", label: t("columns.name") },
    { key: "requestType", label: t("columns.requestType") },
    { key: "lastAttended", label: t("columns.lastAttended") },
    { key: "sendDate", label: t("columns.sendDate") },
    { key: "status", label: t("columns.status") },
    ...(showSchool ? [{ key: "school" as const, label: t("columns.school") }] : []),
  ];
  const showActions = search.statuses !== null || search.tab !== "IN_PROGRESS";

  const yearMonth = (ym: string) => {
    const [y, mo] = ym.split("-").map(Number);
    return y && mo ? format.dateTime(new Date(Date.UTC(y, mo - 1, 15)), { year: "numeric", month: "short", timeZone: "UTC" }) : ym;
  };

  return (
    <div className="max-h-[70vh] overflow-auto rounded-md border border-gray-200 bg-white">
      <table className="w-full border-collapse text-sm">
        <thead className="sticky top-0 z-10 bg-gray-100 text-left text-xs uppercase tracking-wide text-gray-700 shadow-[0_1px_0_#d1d5db]">
          <tr>
            {columns.map((c) => {
              const active = search.sort === c.key;
              const nextDir = active ? (search.dir === "asc" ? "desc" : "asc") : defaultDir(c.key);
              const params = searchToParams(search, { sort: c.key, dir: nextDir, page: 1 });
              const Icon = active ? (search.dir === "asc" ? ArrowUp : ArrowDown) : ArrowUpDown;
              return (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={active ? (search.dir === "asc" ? "ascending" : "descending") : undefined}
                  className={c.numeric ? "px-2 py-2 text-right" : "px-2 py-2"}
                >
                  <Link href={`/requests?${params.toString()}`} className="inline-flex items-center gap-1 text-gray-800 hover:text-brand-700">
                    {c.label}
                    <Icon aria-hidden className="h-3.5 w-3.5" />
                    {active && <span className="sr-only">({search.dir === "asc" ? t("dashboard.sortedAsc") : t("dashboard.sortedDesc")})</span>}
                  </Link>
                </th>
              );
            })}
            {showActions && (
              <th scope="col" className="px-2 py-2">
                <span className="sr-only">{t("dashboard.actionsColumn")}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {page.rows.map((row) => {
            const age = businessDaysBetween(row.paidAt, now);
            const state = slaState(age, sla);
            const open = row.tab === "TODO" || row.tab === "INCOMPLETE";
            return (
              <tr key={row.id} className="odd:bg-white even:bg-gray-50 hover:bg-brand-50">
                <td className="whitespace-nowrap px-2 py-1.5">
                  <time dateTime={row.paidAt.toISOString()}>{format.dateTime(row.paidAt, { dateStyle: "medium" })}</time>
                </td>
                <td className="px-2 py-1.5 text-right">
                  <SlaBadge age={age} state={state} label={t(`sla.${state}`)} />
                </td>
                <td className="whitespace-nowrap px-2 py-1.5 font-mono">
                  <Link href={`/requests/${row.referenceNumber}`}>{row.referenceNumber}</Link>
                </td>
                <td className="px-2 py-1.5">
                  <Link href={`/applicants/${row.applicantId}`}>
                    {row.firstName} {row.lastName}
                  </Link>
                </td>
                <td className="px-2 py-1.5">{t(`requestTypes.${row.requestType}`)}</td>
                <td className="whitespace-nowrap px-2 py-1.5">{yearMonth(row.lastAttended)}</td>
                <td className="px-2 py-1.5">
                  {t(`sendOptions.${row.sendOption}`)}
                  {row.sendOption === "END_OF_SEMESTER" && row.sendAfter && (
                    <div className="text-xs text-gray-600">{t("dashboard.dueOn", { date: format.dateTime(row.sendAfter, { dateStyle: "medium" }) })}</div>
                  )}
                </td>
                <td className="px-2 py-1.5">
                  <StatusBadge status={row.status} label={t(`statuses.${row.status}`)} />
                </td>
                {showSchool && <td className="px-2 py-1.5">{locale === "fr" ? row.school.nameFr : row.school.nameEn}</td>}
                {showActions && (
                  <td className="px-2 py-1.5">
                    {open && <RowAction reference={row.referenceNumber} mode="open" status={row.status} version={row.version} />}
                    {row.tab === "COMPLETE" && row.status !== "REQUEST_CANCELLED" && <RowAction reference={row.referenceNumber} mode="complete" />}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
