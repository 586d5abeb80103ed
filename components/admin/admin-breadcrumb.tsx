import { getTranslations } from "next-intl/server";
import { Link } from "@/lib/i18n/navigation";

/** Administration › {section}: the way back up from an administration page. */
export async function AdminBreadcrumb({ section }: { section?: { href: string; label: string } }) {
  const t = await getTranslations("admin");
  return (
    <nav aria-label={t("users.breadcrumb")} className="mb-2 text-sm">
      <ol className="flex flex-wrap gap-2">
        <li>
          <Link href="/admin">{t("title")}</Link>
          {section && <span aria-hidden> ›</span>}
        </li>
        {section && (
          <li>
            <Link href={section.href}>{section.label}</Link>
          </li>
        )}
      </ol>
    </nav>
  );
}
