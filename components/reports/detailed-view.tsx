import { getTranslations } from "next-intl/server";
import { Link } from "@/lib/i18n/navigation";
import { Table, TableBody, TableHead, Td, Th } from "@/components/ui/table";
import type { RequestStatus } from "@/lib/domain/statuses";

export type DetailedViewRow = {
  id: string;
  referenceNumber: string;
  applicantId: string;
  name: string;
  school: string;
  requestDate: string;
  status: RequestStatus;
  age: number;
  completedOn: string | null;
  answeredBy: string | null;
};

type Props = {
  locale: "en" | "fr";
  rows: DetailedViewRow[];
  total: number;
  page: number;
  pageCount: number;
  /** The report's URL parameters without the page. */
  query: string;
};

/** The Detailed report on screen: one row per request, 50 a page, paged on the server (links, no JavaScript). */
export async function DetailedView({ locale, rows, total, page, pageCount, query }: Props) {
  const t = await getTranslations();
  const date = new Intl.DateTimeFormat(locale === "fr" ? "fr-CA" : "en-CA", { dateStyle: "medium", timeZone: "UTC" });
  const show = (iso: string) => date.format(new Date(`${iso}T00:00:00Z`));
  const href = (p: number) => `/reports?${query}${p > 1 ? `&page=${p}` : ""}`;
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm font-medium text-gray-700">{t("reports.detailedCount", { count: total })}</p>
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("reports.detailed")}>
        <Table caption={t("reports.detailed")}>
          <TableHead>
            <Th scope="col">{t("reports.columns.referenceNumber")}</Th>
            <Th scope="col">{t("reports.columns.applicant")}</Th>
            <Th scope="col">{t("reports.columns.school")}</Th>
            <Th scope="col">{t("reports.columns.requestDate")}</Th>
            <Th scope="col">{t("reports.columns.status")}</Th>
            <Th scope="col" numeric>
              {t("reports.columns.age")}
            </Th>
            <Th scope="col">{t("reports.columns.completedOn")}</Th>
            <Th scope="col">{t("reports.columns.answeredBy")}</Th>
          </TableHead>
          <TableBody>
            {rows.map((r) => (
              <tr key={r.id}>
                <Th scope="row">
                  <Link href={`/requests/${r.referenceNumber}`}>{r.referenceNumber}</Link>
                </Th>
                <Td>
                  <Link href={`/applicants/${r.applicantId}`}>{r.name}</Link>
                </Td>
                <Td>{r.school}</Td>
                <Td className="whitespace-nowrap">{show(r.requestDate)}</Td>
                <Td>{t(`statuses.${r.status}`)}</Td>
                <Td numeric>{r.age}</Td>
                <Td className="whitespace-nowrap">{r.completedOn ? show(r.completedOn) : "—"}</Td>
                <Td>{r.answeredBy ?? "—"}</Td>
              </tr>
            ))}
          </TableBody>
        </Table>
      </div>
      {pageCount > 1 && (
        <nav aria-label={t("dashboard.pagination")} className="flex items-center gap-3 text-sm">
          {page > 1 ? <Link href={href(page - 1)}>‹ {t("common.previous")}</Link> : <span className="text-gray-600">‹ {t("common.previous")}</span>}
          <span>{t("common.page", { page, pages: pageCount })}</span>
          {page < pageCount ? <Link href={href(page + 1)}>{t("common.next")} ›</Link> : <span className="text-gray-600">{t("common.next")} ›</span>}
        </nav>
      )}
    </div>
  );
}
