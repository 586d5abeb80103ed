import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { requireActor } from "@/lib/auth/guard";
import { countRequestsByTab } from "@/lib/server/requests/count-by-tab";
import { DB_TABS, dbTabFromParam, tabKeyOf, tabParamOf } from "@/lib/domain/statuses";
import { Link } from "@/lib/i18n/navigation";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale as "en" | "fr", namespace: "nav" });
  return { title: t("requests") };
}

export default async function RequestsPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale as "en" | "fr");
  const query = await searchParams;
  const actor = await requireActor(`/${locale}/requests`);
  const t = await getTranslations();
  const current = dbTabFromParam(typeof query.tab === "string" ? query.tab : null) ?? "TODO";
  const counts = await countRequestsByTab({ actor });
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">{t("nav.requests")}</h1>
      <div role="tablist" aria-label={t("nav.requests")} className="flex gap-1 border-b border-gray-200">
        {DB_TABS.map((tab) => (
          <Link
            key={tab}
            role="tab"
            aria-selected={tab === current}
            href={{ pathname: "/requests", query: { tab: tabParamOf(tab) } }}
            className={tab === current ? "border-b-2 border-brand-700 px-4 py-2 font-semibold" : "px-4 py-2 text-gray-700"}
          >
            {t(`tabs.${tabKeyOf(tab)}`)} <span className="ml-1 rounded-full bg-gray-100 px-2 text-xs">{counts[tab]}</span>
          </Link>
        ))}
      </div>
    </>
  );
}
