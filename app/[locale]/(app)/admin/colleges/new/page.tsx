import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { AdminBreadcrumb } from "@/components/admin/admin-breadcrumb";
import { AdminForm } from "@/components/admin/admin-form";
import { createCollegeAction } from "@/lib/actions/colleges";
import { requireRole } from "@/lib/auth/guard";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale === "fr" ? "fr" : "en", namespace: "colleges" });
  return { title: t("newTitle") };
}

/** A new college (contracts §10): code, names, Active; OCAS administrators only. */
export default async function NewCollegePage({ params }: Props) {
  const { locale: raw } = await params;
  const locale = raw === "fr" ? "fr" : "en";
  setRequestLocale(locale);
  await requireRole(["OCAS_ADMIN"], `/${locale}/admin/colleges/new`);
  const [t, tAdmin] = await Promise.all([getTranslations("colleges"), getTranslations("admin")]);
  return (
    <>
      <AdminBreadcrumb section={{ href: "/admin/colleges", label: t("title") }} />
      <h1 className="mb-1 text-2xl font-semibold">{t("newTitle")}</h1>
      <p className="mb-4 max-w-3xl text-sm text-gray-700">{t("newIntro")}</p>
      <section className="rounded-lg border border-gray-200 bg-white p-4">
        <AdminForm
          action={createCollegeAction}
          fields={[
            { kind: "text", name: "code", label: t("code"), hint: t("codeHint"), maxLength: 4, required: true, className: "max-w-xs" },
            { kind: "text", name: "nameEn", label: t("nameEn"), maxLength: 200, required: true },
            { kind: "text", name: "nameFr", label: t("nameFr"), maxLength: 200, required: true },
            { kind: "checkbox", name: "active", label: t("form.active"), hint: t("form.activeHint"), defaultChecked: true },
          ]}
          submitLabel={t("create")}
          pendingLabel={tAdmin("form.saving")}
        />
      </section>
    </>
  );
}
