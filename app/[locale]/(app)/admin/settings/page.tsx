import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { AdminBreadcrumb } from "@/components/admin/admin-breadcrumb";
import { AdminForm } from "@/components/admin/admin-form";
import { saveServiceSettingsAction } from "@/lib/actions/settings";
import { requireRole } from "@/lib/auth/guard";
import { getServiceSettings } from "@/lib/server/settings/get-service-settings";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale === "fr" ? "fr" : "en", namespace: "admin.settings" });
  return { title: t("title") };
}

const HOURS = Array.from({ length: 25 }, (_, h) => h);

/** Service Settings (contracts §10): the SLA and the business hours of the pending alerts. OCAS administrators only. */
export default async function ServiceSettingsPage({ params }: Props) {
  const { locale: raw } = await params;
  const locale = raw === "fr" ? "fr" : "en";
  setRequestLocale(locale);
  await requireRole(["OCAS_ADMIN"], `/${locale}/admin/settings`);
  const [settings, t, format] = await Promise.all([getServiceSettings(), getTranslations("admin"), getFormatter()]);
  const hour = (h: number) => ({ value: String(h), label: t("settings.hour", { hour: String(h).padStart(2, "0") }) });
  return (
    <>
      <AdminBreadcrumb />
      <h1 className="mb-1 text-2xl font-semibold">{t("settings.title")}</h1>
      <p className="mb-4 max-w-3xl text-sm text-gray-700">{t("settings.intro")}</p>
      <section className="rounded-lg border border-gray-200 bg-white p-4">
        {settings.updatedAt && (
          <p className="mb-4 text-xs text-gray-600">
            {t("form.lastChanged", { date: format.dateTime(settings.updatedAt, { dateStyle: "medium", timeStyle: "short" }) })}
          </p>
        )}
        <AdminForm
          action={saveServiceSettingsAction}
          hidden={{ version: settings.updatedAt?.toISOString() ?? "" }}
          fields={[
            {
              kind: "text",
              name: "slaBusinessDays",
              label: t("settings.slaBusinessDays"),
              hint: t("settings.slaHint"),
              inputMode: "numeric",
              maxLength: 2,
              required: true,
              defaultValue: String(settings.slaBusinessDays),
              className: "max-w-xs",
            },
            {
              kind: "select",
              name: "businessHoursStart",
              label: t("settings.businessHoursStart"),
              hint: t("settings.businessHoursHint"),
              defaultValue: String(settings.businessHoursStart),
              options: HOURS.slice(0, 24).map(hour),
            },
            {
              kind: "select",
              name: "businessHoursEnd",
              label: t("settings.businessHoursEnd"),
              defaultValue: String(settings.businessHoursEnd),
              options: HOURS.slice(1).map(hour),
            },
          ]}
          submitLabel={t("form.save")}
          pendingLabel={t("form.saving")}
        />
      </section>
    </>
  );
}
