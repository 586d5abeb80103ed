import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { slaState } from "@/lib/domain/business-days";
import { torontoDays } from "@/lib/domain/toronto-days";
import { defaultDir, searchToParams, type RequestSearch, type SortKey } from "@/lib/domain/request-search";
import { NO_UPLOAD_ACTIONS, nextStatus, type NoUploadAction } from "@/lib/domain/statuses";
import type { RequestsPage } from "@/lib/server/requests/find-requests";
import { RowActions } from "./row-actions";
import { packRows, type RowData } from "./packed-rows";
import { RequestRows, type RowLabels } from "./request-rows";

type Column = { key: SortKey; label: string; className: string };

/**
 * The dashboard's table: one line per row, page-level scrolling under a sticky header (no scroll box of its own),
 * cards at phone width (app/globals.css, `.rq`). Its cells are plain server-rendered markup styled by the table's
 * class, not by classes on every cell: the HTML and its RSC copy stay small. The row actions are native forms;
 * one client component for the whole table handles them (RowActions).
 */
export async function RequestsTable(props: { page: RequestsPage; search: RequestSearch; showSchool: boolean; sla: number; now: Date }) {
  const { page, search, showSchool, sla, now } = props;
  const t = await getTranslations();
  const format = await getFormatter();
  const locale = await getLocale();
  const columns: Column[] = [
    { key: "requestDate", label: t("columns.requestDate"), className: "c-date" },
    { key: "age", label: t("columns.age"), className: "c-age" },
    { key: "referenceNumber", label: t("columns.referenceNumber"), className: "c-ref" },
    { key: "name", label: t("columns.name"), className: "c-name" },
    { key: "requestType", label: t("columns.requestType"), className: "c-type" },
    { key: "lastAttended", label: t("columns.lastAttended"), className: "c-last" },
    { key: "sendDate", label: t("columns.sendDate"), className: "c-send" },
    { key: "status", label: t("columns.status"), className: "c-status" },
    ...(showSchool ? [{ key: "school" as const, label: t("columns.school"), className: "c-school" }] : []),
  ];
  const showActions = search.statuses !== null || search.tab !== "IN_PROGRESS";
  // Rows share their days, months and labels: each is formatted or translated once a page (dates are shown in
  // Toronto time).
  const days = torontoDays(now);
  const memo = new Map<string, string>();
  const once = (key: string, text: () => string) => {
    let value = memo.get(key);
    if (value === undefined) memo.set(key, (value = text()));
    return value;
  };
  const shortDate = (d: Date) => once(`d${days.date(d)}`, () => format.dateTime(d, { dateStyle: "medium" }));
  const yearMonth = (ym: string) =>
    once(`m${ym}`, () => {
      const [y, mo] = ym.split("-").map(Number);
      return y && mo ? format.dateTime(new Date(Date.UTC(y, mo - 1, 15)), { year: "numeric", month: "short", timeZone: "UTC" }) : ym;
    });
  const labels: RowLabels = {
    locale,
    sla: { within: t("sla.within"), reached: t("sla.reached"), past: t("sla.past") },
    upload: t("actions.upload"),
    noUpload: t("actions.noUpload"),
    reupload: t("actions.reupload"),
    submit: t("actions.submit"),
    rowAction: t.raw("dashboard.rowAction") as string,
    responses: Object.fromEntries(NO_UPLOAD_ACTIONS.map((a) => [a, t(`noUploadActions.${a}`)])) as Record<NoUploadAction, string>,
  };
  const rows: RowData[] = page.rows.map((row) => {
    const age = days.age(row.paidAt);
    const open = row.tab === "TODO" || row.tab === "INCOMPLETE";
    const reupload = row.tab === "COMPLETE" && row.status !== "REQUEST_CANCELLED";
    const deferred = row.sendOption === "END_OF_SEMESTER" && row.sendAfter ? row.sendAfter : null;
    return {
      // The date shown, as a machine-readable date (Toronto's, like the text).
      paidAt: days.date(row.paidAt),
      paidAtText: shortDate(row.paidAt),
      age,
      sla: slaState(age, sla),
      reference: row.referenceNumber,
      applicantId: row.applicantId,
      name: `${row.firstName} ${row.lastName}`,
      type: once(`t${row.requestType}`, () => t(`requestTypes.${row.requestType}`)),
      lastAttended: yearMonth(row.lastAttended),
      send:
        once(`o${row.sendOption}`, () => t(`sendOptions.${row.sendOption}`)) +
        (deferred ? ` · ${once(`u${days.date(deferred)}`, () => t("dashboard.dueOn", { date: shortDate(deferred) }))}` : ""),
      status: row.status,
      statusText: once(`s${row.status}`, () => t(`statuses.${row.status}`)),
      school: showSchool ? (locale === "fr" ? row.school.nameFr : row.school.nameEn) : null,
      action: open ? "open" : reupload ? "reupload" : null,
      responses: open ? NO_UPLOAD_ACTIONS.filter((a) => nextStatus(row.status, "NO_UPLOAD", a) !== null) : [],
      version: row.version,
      notDue: deferred && deferred > now ? once(`l${days.date(deferred)}`, () => format.dateTime(deferred, { dateStyle: "long" })) : undefined,
    };
  });

  return (
    <RowActions>
      <table
        className={`rq${showSchool ? " rq-school" : ""}${showActions ? " rq-act" : ""}`}
        style={{ "--rq-age": JSON.stringify(`${t("columns.age")} `) } as React.CSSProperties}
      >
        <thead>
          <tr>
            {columns.map((c) => {
              const active = search.sort === c.key;
              const nextDir = active ? (search.dir === "asc" ? "desc" : "asc") : defaultDir(c.key);
              const params = searchToParams(search, { sort: c.key, dir: nextDir, page: 1 });
              return (
                <th key={c.key} scope="col" className={c.className} aria-sort={active ? (search.dir === "asc" ? "ascending" : "descending") : undefined}>
                  <a data-soft href={`/${locale}/requests?${params.toString()}`}>
                    {c.label}
                    <span aria-hidden className="sort">
                      {active ? (search.dir === "asc" ? "▲" : "▼") : "↕"}
                    </span>
                    {active && <span className="sr-only">({search.dir === "asc" ? t("dashboard.sortedAsc") : t("dashboard.sortedDesc")})</span>}
                  </a>
                </th>
              );
            })}
            {showActions && (
              <th scope="col" className="c-act">
                {t("dashboard.actionsColumn")}
              </th>
            )}
          </tr>
        </thead>
        <RequestRows packed={packRows(rows)} labels={labels} showActions={showActions} />
      </table>
    </RowActions>
  );
}
