import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { CollegeForm } from "@/components/admin/colleges/college-form";
import { EndpointBadge } from "@/components/admin/colleges/endpoint-badge";
import { SecretForm } from "@/components/admin/colleges/secret-form";
import { FieldList } from "@/components/request-details/field-list";
import { Panel } from "@/components/request-details/panel";
import { Notice } from "@/components/ui/notice";
import { requireRole } from "@/lib/auth/guard";
import { decodeRouteParam } from "@/lib/domain/route-param";
import { env } from "@/lib/env";
import { Link } from "@/lib/i18n/navigation";
import { getCollege } from "@/lib/server/colleges/get-colleges";

type Props = { params: Promise<{ locale: string; code: string }>; searchParams: Promise<{ created?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale === "fr" ? "fr" : "en", namespace: "colleges.detail" });
  return { title: t("metaTitle") };
}

/**
 * One college's delivery settings (contracts §4, §10): the Delivery URL and Active, and its signing secret (generated
 * here, shown once). OCAS administrators only; anyone else, and any unknown code, gets the 404 page.
 */
export default async function AdminCollegePage({ params, searchParams }: Props) {
  const { locale: raw, code: rawCode } = await params;
  const locale = raw === "fr" ? "fr" : "en";
  setRequestLocale(locale);
  const code = decodeRouteParam(rawCode);
  const actor = await requireRole(["OCAS_ADMIN"], `/${locale}/admin/colleges/${encodeURIComponent(code)}`);
  const college = await getCollege({ actor, code });
  if (!college) notFound();
  const [t, tAdmin, format, query] = await Promise.all([getTranslations("colleges"), getTranslations("admin"), getFormatter(), searchParams]);
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const name = locale === "fr" ? college.nameFr : college.nameEn;
  const disabledOn = college.deliveryDisabledAt ? when(college.deliveryDisabledAt) : null;

  return (
    <div className="flex flex-col gap-4">
      <nav aria-label={t("breadcrumb")} className="text-sm">
        <ol className="flex flex-wrap gap-2">
          <li>
            <Link href="/admin">{tAdmin("title")}</Link>
            <span aria-hidden> ›</span>
          </li>
          <li>
            <Link href="/admin/colleges">{t("title")}</Link>
          </li>
        </ol>
      </nav>
      <h1 className="text-2xl font-semibold">{t("detail.title", { college: name, code: college.code })}</h1>
      {query.created === "1" && <Notice tone="success">{t("created", { code: college.code })}</Notice>}

      <Panel headingId="college-summary-heading" title={t("detail.summaryTitle")}>
        <FieldList
          empty="—"
          fields={[
            { label: t("detail.code"), value: <span className="font-mono">{college.code}</span> },
            { label: t("detail.nameEn"), value: college.nameEn },
            { label: t("detail.nameFr"), value: college.nameFr },
            {
              label: t("detail.endpoint"),
              value: (
                <EndpointBadge
                  state={college.endpoint}
                  label={college.endpoint === "disabled" ? t("endpoint.disabled", { date: disabledOn! }) : t(`endpoint.${college.endpoint}`)}
                />
              ),
            },
          ]}
        />
        <p className="mt-3 text-sm">
          <Link href={{ pathname: "/admin/transmissions", query: { college: college.code } }}>{t("detail.log")}</Link>
        </p>
      </Panel>

      <Panel headingId="college-delivery-heading" title={t("form.title")}>
        <p className="mb-4 text-xs text-gray-600">{t("form.lastChanged", { date: when(college.updatedAt) })}</p>
        <CollegeForm
          key={college.code}
          code={college.code}
          nameEn={college.nameEn}
          nameFr={college.nameFr}
          deliveryUrl={college.deliveryUrl}
          active={college.active}
          disabledOn={disabledOn}
          allowLocalHttp={env().NODE_ENV !== "production"}
          version={college.updatedAt.toISOString()}
        />
      </Panel>

      <Panel headingId="college-secret-heading" title={t("secret.panelTitle")}>
        <SecretForm key={college.code} code={college.code} hasSecret={college.hasSecret} setOn={college.secretSetAt ? when(college.secretSetAt) : null} />
      </Panel>
    </div>
  );
}
