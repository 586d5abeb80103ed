import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { AdminBreadcrumb } from "@/components/admin/admin-breadcrumb";
import { AdminForm } from "@/components/admin/admin-form";
import { schoolFields } from "@/components/admin/schools/school-fields";
import { FieldList } from "@/components/request-details/field-list";
import { Panel } from "@/components/request-details/panel";
import { updateSchoolAction } from "@/lib/actions/schools";
import { requireRole } from "@/lib/auth/guard";
import { decodeRouteParam } from "@/lib/domain/route-param";
import { Link } from "@/lib/i18n/navigation";
import { listBoards } from "@/lib/server/boards/get-boards";
import { getSchool } from "@/lib/server/schools/get-schools";

type Props = { params: Promise<{ locale: string; mident: string }>; searchParams: Promise<{ created?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale === "fr" ? "fr" : "en", namespace: "admin.schools" });
  return { title: t("detailMeta") };
}

/** One school (contracts §10): names, city, board and Active. OCAS administrators only; 404 otherwise. */
export default async function AdminSchoolPage({ params, searchParams }: Props) {
  const { locale: raw, mident: rawMident } = await params;
  const locale = raw === "fr" ? "fr" : "en";
  setRequestLocale(locale);
  const mident = decodeRouteParam(rawMident);
  const actor = await requireRole(["OCAS_ADMIN"], `/${locale}/admin/schools/${encodeURIComponent(mident)}`);
  const [school, boards] = await Promise.all([getSchool({ actor, mident }), listBoards({ actor })]);
  if (!school || !boards) notFound();
  const [t, format, query] = await Promise.all([getTranslations("admin"), getFormatter(), searchParams]);
  const tr = t as unknown as (key: string, values?: Record<string, string>) => string;
  const name = (o: { nameEn: string; nameFr: string }) => (locale === "fr" ? o.nameFr : o.nameEn);
  return (
    <div className="flex flex-col gap-4">
      <AdminBreadcrumb section={{ href: "/admin/schools", label: t("schools.title") }} />
      <h1 className="text-2xl font-semibold">{t("schools.detailTitle", { school: name(school), mident: school.mident })}</h1>
      <Panel headingId="school-summary-heading" title={t("schools.detailMeta")}>
        <FieldList
          empty="—"
          fields={[
            { label: t("schools.mident"), value: <span className="font-mono">{school.mident}</span> },
            {
              label: t("schools.board"),
              value: (
                <Link href={`/admin/boards/${school.board.number}`}>
                  {t("schools.boardOption", { board: name(school.board), number: school.board.number })}
                </Link>
              ),
            },
          ]}
        />
      </Panel>
      <Panel headingId="school-form-heading" title={t("form.editTitle")}>
        <p className="mb-4 text-xs text-gray-600">
          {t("form.lastChanged", { date: format.dateTime(school.updatedAt, { dateStyle: "medium", timeStyle: "short" }) })}
        </p>
        <AdminForm
          action={updateSchoolAction}
          hidden={{ mident: school.mident, version: school.updatedAt.toISOString() }}
          fields={schoolFields(
            tr,
            locale,
            boards.filter((b) => b.active || b.number === school.board.number),
            school,
          )}
          submitLabel={t("form.save")}
          pendingLabel={t("form.saving")}
          notice={query.created === "1" ? t("schools.created", { mident: school.mident }) : undefined}
        />
      </Panel>
    </div>
  );
}
