import { getTranslations } from "next-intl/server";
import { Link } from "@/lib/i18n/navigation";

/** "51–100 of 230", previous and next: links to `path` that keep the list's other parameters. */
export async function AdminPagination({
  path,
  query,
  page,
  pageCount,
  pageSize,
  total,
  labels,
}: {
  path: string;
  /** The list's parameters without the page. */
  query: Record<string, string>;
  page: number;
  pageCount: number;
  pageSize: number;
  total: number;
  /** The list's own words (e.g. "Batches {from}–{to} of {total}"), already translated; the generic ones otherwise. */
  labels?: { showing: string; pagination: string; previousPage: string; nextPage: string };
}) {
  const [tForm, tCommon] = await Promise.all([getTranslations("admin.form"), getTranslations("common")]);
  const href = (p: number) => ({ pathname: path, query: { ...query, ...(p > 1 && { page: String(p) }) } });
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(page * pageSize, total);
  const words = labels ?? {
    showing: tForm("showing", { from, to, total }),
    pagination: tForm("pagination"),
    previousPage: tForm("previousPage"),
    nextPage: tForm("nextPage"),
  };
  return (
    <nav aria-label={words.pagination} className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm">
      <span className="text-gray-700">{words.showing}</span>
      {pageCount > 1 && (
        <ul className="flex flex-wrap items-center gap-3">
          <li>
            {page > 1 ? (
              <Link href={href(page - 1)} aria-label={words.previousPage}>
                ‹ {tCommon("previous")}
              </Link>
            ) : (
              <span className="text-gray-600">‹ {tCommon("previous")}</span>
            )}
          </li>
          <li aria-current="page">{tCommon("page", { page, pages: pageCount })}</li>
          <li>
            {page < pageCount ? (
              <Link href={href(page + 1)} aria-label={words.nextPage}>
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
