import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { Link } from "@/lib/i18n/navigation";
import { businessDaysBetween, slaState } from "@/lib/domain/business-days";
import { defaultDir, searchToParams, type RequestSearch, type SortKey } from "@/lib/domain/request-search";
import type { RequestsPage } from "@/lib/server/requests/find-requests";
import { Table, TableBody, TableHead, Td, Th } from "@/components/ui/table";
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
      <Table>
        <TableHead>
          {columns.map((c) => {
            const active = search.sort === c.key;
            const nextDir = active ? (search.dir === "asc" ? "desc" : "asc") : defaultDir(c.key);
            const params = searchToParams(search, { sort: c.key, dir: nextDir, page: 1 });
            const Icon = active ? (search.dir === "asc" ? ArrowUp : ArrowDown) : ArrowUpDown;
            return (
              <Th key={c.key} scope="col" numeric={c.numeric} aria-sort={active ? (search.dir === "asc" ? "ascending" : "descending") : undefined}>
                <Link href={`/requests?${params.toString()}`} className="inline-flex items-center gap-1 text-gray-800 hover:text-brand-700">
                  {c.label}
                  <Icon aria-hidden className="h-3.5 w-3.5" />
                  {active && <span className="sr-only">({search.dir === "asc" ? t("dashboard.sortedAsc") : t("dashboard.sortedDesc")})</span>}
                </Link>
              </Th>
            );
          })}
          {showActions && (
            <Th scope="col">
              <span className="sr-only">{t("dashboard.actionsColumn")}</span>
            </Th>
          )}
        </TableHead>
        <TableBody>
          {page.rows.map((row) => {
            const age = businessDaysBetween(row.paidAt, now);
            const state = slaState(age, sla);
            const open = row.tab === "TODO" || row.tab === "INCOMPLETE";
            return (
              <tr key={row.id} className="odd:bg-white even:bg-gray-50 hover:bg-brand-50">
                <Td className="whitespace-nowrap">
                  <time dateTime={row.paidAt.toISOString()}>{format.dateTime(row.paidAt, { dateStyle: "medium" })}</time>
                </Td>
                <Td numeric>
                  <SlaBadge age={age} state={state} label={t(`sla.${state}`)} />
                </Td>
                <Td className="whitespace-nowrap font-mono">
                  <Link href={`/requests/${row.referenceNumber}`}>{row.referenceNumber}</Link>
                </Td>
                <Td>
                  <Link href={`/applicants/${row.applicantId}`}>
                    {row.firstName} {row.lastName}
                  </Link>
                </Td>
                <Td>{t(`requestTypes.${row.requestType}`)}</Td>
                <Td className="whitespace-nowrap">{yearMonth(row.lastAttended)}</Td>
                <Td>
                  {t(`sendOptions.${row.sendOption}`)}
                  {row.sendOption === "END_OF_SEMESTER" && row.sendAfter && (
                    <div className="text-xs text-gray-600">{t("dashboard.dueOn", { date: format.dateTime(row.sendAfter, { dateStyle: "medium" }) })}</div>
                  )}
                </Td>
                <Td>
                  <StatusBadge status={row.status} label={t(`statuses.${row.status}`)} />
                </Td>
                {showSchool && <Td>{locale === "fr" ? row.school.nameFr : row.school.nameEn}</Td>}
                {showActions && (
                  <Td>
                    {open && <RowAction reference={row.referenceNumber} mode="open" status={row.status} version={row.version} />}
                    {row.tab === "COMPLETE" && row.status !== "REQUEST_CANCELLED" && <RowAction reference={row.referenceNumber} mode="complete" />}
                  </Td>
                )}
              </tr>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
