import { getLocale, getTranslations } from "next-intl/server";
import { PAGE_SIZE, searchToParams, type RequestSearch } from "@/lib/domain/request-search";

export async function Pagination({ search, page, pageCount, total }: { search: RequestSearch; page: number; pageCount: number; total: number }) {
  const t = await getTranslations();
  const locale = await getLocale();
  // Plain links, navigated in place by SoftNavigation (app/[locale]/(app)/layout.tsx).
  const href = (p: number) => `/${locale}/requests?${searchToParams(search, { page: p }).toString()}`;
  const from = total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  const to = Math.min(page * PAGE_SIZE, total);
  const pages = windowOf(page, pageCount);
  return (
    <nav aria-label={t("dashboard.pagination")} className="flex flex-wrap items-center justify-between gap-2 text-sm">
      <span className="text-gray-700">{t("dashboard.showing", { from, to, total })}</span>
      <ul className="flex flex-wrap items-center gap-1">
        <li>
          {page > 1 ? (
            <a data-soft href={href(page - 1)} rel="prev" className="rounded px-2 py-1 hover:bg-gray-100">
              <span aria-hidden>‹ </span>
              {t("common.previous")}
            </a>
          ) : (
            <span className="px-2 py-1 text-gray-600">
              <span aria-hidden>‹ </span>
              {t("common.previous")}
            </span>
          )}
        </li>
        {pages.map((p, i) =>
          p === null ? (
            <li key={`gap-${i}`} aria-hidden className="px-1">
              …
            </li>
          ) : (
            <li key={p}>
              <a
                data-soft
                href={href(p)}
                aria-current={p === page ? "page" : undefined}
                className={p === page ? "rounded bg-brand-700 px-2 py-1 font-semibold text-white hover:no-underline" : "rounded px-2 py-1 hover:bg-gray-100"}
              >
                <span className="sr-only">{t("dashboard.pageWord")} </span>
                {p}
              </a>
            </li>
          ),
        )}
        <li>
          {page < pageCount ? (
            <a data-soft href={href(page + 1)} rel="next" className="rounded px-2 py-1 hover:bg-gray-100">
              {t("common.next")}
              <span aria-hidden> ›</span>
            </a>
          ) : (
            <span className="px-2 py-1 text-gray-600">
              {t("common.next")}
              <span aria-hidden> ›</span>
            </span>
          )}
        </li>
      </ul>
    </nav>
  );
}

/** 1 … 4 5 [6] 7 8 … 20 */
function windowOf(page: number, count: number): (number | null)[] {
  const set = new Set([1, count, page - 2, page - 1, page, page + 1, page + 2].filter((p) => p >= 1 && p <= count));
  const sorted = [...set].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  sorted.forEach((p, i) => {
    if (i > 0 && p - sorted[i - 1]! > 1) out.push(null);
    out.push(p);
  });
  return out;
}
