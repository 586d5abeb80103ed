import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { AdminBreadcrumb } from "@/components/admin/admin-breadcrumb";
import { AdminForm } from "@/components/admin/admin-form";
import { boardFields } from "@/components/admin/boards/board-fields";
import { createBoardAction } from "@/lib/actions/boards";
import { requireRole } from "@/lib/auth/guard";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale === "fr" ? "fr" : "en", namespace: "admin.boards" });
  return { title: t("newTitle") };
}

/** A new board (contracts §10), OCAS administrators only. */
export default async function NewBoardPage({ params }: Props) {
  const { locale: raw } = await params;
  const locale = raw === "fr" ? "fr" : "en";
  setRequestLocale(locale);
  await requireRole(["OCAS_ADMIN"], `/${locale}/admin/boards/new`);
  const t = await getTranslations("admin");
  const tr = t as unknown as (key: string) => string;
  return (
    <>
      <AdminBreadcrumb section={{ href: "/admin/boards", label: t("boards.title") }} />
      <h1 className="mb-1 text-2xl font-semibold">{t("boards.newTitle")}</h1>
      <p className="mb-4 max-w-3xl text-sm text-gray-700">{t("boards.newIntro")}</p>
      <section className="rounded-lg border border-gray-200 bg-white p-4">
        <AdminForm action={createBoardAction} fields={boardFields(tr, null)} submitLabel={t("boards.create")} pendingLabel={t("form.saving")} />
      </section>
    </>
  );
}
