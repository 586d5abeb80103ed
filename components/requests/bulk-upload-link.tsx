import { getLocale, getTranslations } from "next-intl/server";

/**
 * Beside the tabs: the bulk upload page, for every user (each uploads within their own scope). A plain link, navigated
 * in place by SoftNavigation (app/[locale]/(app)/layout.tsx), with its icon from CSS.
 */
export async function BulkUploadLink() {
  const t = await getTranslations("bulkUpload");
  const locale = await getLocale();
  return (
    <a data-soft href={`/${locale}/requests/bulk-upload`} className="tool no-print mb-1 px-3 py-1.5">
      <span aria-hidden className="ic ic-files" />
      {t("title")}
    </a>
  );
}
