import { getTranslations } from "next-intl/server";
import { Files } from "lucide-react";
import { Link } from "@/lib/i18n/navigation";

/** Beside the tabs: the bulk upload page, for every user (each uploads within their own scope). */
export async function BulkUploadLink() {
  const t = await getTranslations("bulkUpload");
  return (
    <Link
      href="/requests/bulk-upload"
      className="no-print mb-1 inline-flex items-center gap-1 rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-gray-50 hover:no-underline"
    >
      <Files aria-hidden className="h-4 w-4" />
      {t("title")}
    </Link>
  );
}
