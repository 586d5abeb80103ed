import { getTranslations } from "next-intl/server";
import { transmissionLogParams, type TransmissionLogFilters } from "@/lib/domain/transmission/log-filters";
import { Link } from "@/lib/i18n/navigation";

/** "Batches 51–100 of 230", previous and next: links that keep the filters. */
export async function LogPagination({
  filters,
  page,
  pageCount,
  pageSize,
  total,
}: {
  filters: TransmissionLogFilters;
  page: number;
  pageCount: number;
  pageSize: number;
  total: number;
}) {
  const [t, tCommon] = await Promise.all([getTranslations("transmissions"), getTranslations("common")]);
  const href = (p: number) => {
    const query = transmissionLogParams(filters, { page: p }).toString();
    return query ? `/admin/transmissions?${query}` : "/admin/transmissions";
  };
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(page * pageSize, total);
  return (
    <nav aria-label={t("pagination")} className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm">
      <span className="text-gray-700">{t("showing", { from, to, total })}</span>
      {pageCount > 1 && (
        <ul className="flex flex-wrap items-center gap-3">
          <li>
            {page > 1 ? (
              <Link href={href(page - 1)} aria-label={t("previousPage")}>
                ‹ {tCommon("previous")}
              </Link>
            ) : (
              <span className="text-gray-600">‹ {tCommon("previous")}</span>
            )}
          </li>
          <li aria-current="page">{tCommon("page", { page, pages: pageCount })}</li>
          <li>
            {page < pageCount ? (
              <Link href={href(page + 1)} aria-label={t("nextPage")}>
                {tCommon("next")} ›
              </Link>
            ) : (
              <span className="text-gray-600">{tCommon("next")} ›</span>
            )}
          </li>
        </ul>
      )}
    </nav>
  );
}
