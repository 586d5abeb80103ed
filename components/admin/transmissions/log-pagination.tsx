import { getTranslations } from "next-intl/server";
import { AdminPagination } from "@/components/admin/admin-pagination";
import { transmissionLogParams, type TransmissionLogFilters } from "@/lib/domain/transmission/log-filters";

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
  const t = await getTranslations("transmissions");
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(page * pageSize, total);
  return (
    <AdminPagination
      path="/admin/transmissions"
      query={Object.fromEntries(transmissionLogParams(filters, { page: 1 }))}
      page={page}
      pageCount={pageCount}
      pageSize={pageSize}
      total={total}
      labels={{ showing: t("showing", { from, to, total }), pagination: t("pagination"), previousPage: t("previousPage"), nextPage: t("nextPage") }}
    />
  );
}
