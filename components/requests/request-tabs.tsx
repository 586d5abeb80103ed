import { getLocale, getTranslations } from "next-intl/server";
import { DB_TABS, tabKeyOf, tabParamOf, type DbTab } from "@/lib/domain/statuses";
import { searchToParams, type RequestSearch } from "@/lib/domain/request-search";
import { BulkUploadLink } from "./bulk-upload-link";

/** The four tabs with their counts. Choosing a tab keeps the search but leaves a status filter. */
export async function RequestTabs({ search, counts }: { search: RequestSearch; counts: Record<DbTab, number> }) {
  const t = await getTranslations();
  const locale = await getLocale();
  const selected = search.statuses === null ? search.tab : null;
  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-2 border-b border-gray-300">
        <div role="tablist" aria-label={t("dashboard.title")} className="flex flex-wrap gap-1">
          {DB_TABS.map((tab) => {
            const params = searchToParams(search, { tab, statuses: null, page: 1 });
            const isSelected = tab === selected;
            return (
              // Plain links, navigated in place by SoftNavigation (app/[locale]/(app)/layout.tsx).
              <a
                key={tab}
                data-soft
                role="tab"
                id={`tab-${tabParamOf(tab)}`}
                aria-selected={isSelected}
                aria-controls={isSelected ? "requests-panel" : undefined}
                aria-describedby={`tab-${tabParamOf(tab)}-count`}
                href={`/${locale}/requests?${params.toString()}`}
                className="tab"
              >
                {t(`tabs.${tabKeyOf(tab)}`)}
                {/* The count is the tab's description, so that the tab's name is exactly the glossary label. */}
                <span aria-hidden>{counts[tab]}</span>
              </a>
            );
          })}
        </div>
        <BulkUploadLink />
      </div>
      <div className="sr-only">
        {DB_TABS.map((tab) => (
          <span key={tab} id={`tab-${tabParamOf(tab)}-count`}>
            {t("dashboard.results", { count: counts[tab] })}
          </span>
        ))}
      </div>
    </>
  );
}
