import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { AdminBreadcrumb } from "@/components/admin/admin-breadcrumb";
import { AdminForm } from "@/components/admin/admin-form";
import { schoolFields } from "@/components/admin/schools/school-fields";
import { createSchoolAction } from "@/lib/actions/schools";
import { requireRole } from "@/lib/auth/guard";
import { listBoards } from "@/lib/server/boards/get-boards";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ board?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale === "fr" ? "fr" : "en", namespace: "admin.schools" });
  return { title: t("newTitle") };
}

/** A new school (contracts §10), OCAS administrators only; `?board=` chooses its board in advance. */
export default async function NewSchoolPage({ params, searchParams }: Props) {
  const { locale: raw } = await params;
  const locale = raw === "fr" ? "fr" : "en";
  setRequestLocale(locale);
  const actor = await requireRole(["OCAS_ADMIN"], `/${locale}/admin/schools/new`);
  const [boards, query, t] = await Promise.all([listBoards({ actor }), searchParams, getTranslations("admin")]);
  if (!boards) notFound();
  const tr = t as unknown as (key: string, values?: Record<string, string>) => string;
  const board = typeof query.board === "string" ? query.board : undefined;
  return (
    <>
      <AdminBreadcrumb section={{ href: "/admin/schools", label: t("schools.title") }} />
      <h1 className="mb-1 text-2xl font-semibold">{t("schools.newTitle")}</h1>
      <p className="mb-4 max-w-3xl text-sm text-gray-700">{t("schools.newIntro")}</p>
      <section className="rounded-lg border border-gray-200 bg-white p-4">
        <AdminForm
          action={createSchoolAction}
          fields={schoolFields(
            tr,
            locale,
            boards.filter((b) => b.active || b.number === board),
            null,
            board,
          )}
          submitLabel={t("schools.create")}
          pendingLabel={t("form.saving")}
        />
      </section>
    </>
  );
}
