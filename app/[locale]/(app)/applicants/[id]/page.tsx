import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { requireActor } from "@/lib/auth/guard";
import { Link } from "@/lib/i18n/navigation";
import { getApplicantDetails } from "@/lib/server/applicants/get-applicant-details";
import { ApplicantRequests } from "@/components/applicants/applicant-requests";
import { FieldList } from "@/components/request-details/field-list";
import { calendarDate } from "@/components/request-details/formatting";
import { Panel } from "@/components/request-details/panel";
import { decodeRouteParam } from "@/lib/domain/route-param";

type Props = { params: Promise<{ locale: string; id: string }> };

const GENDERS = ["MALE", "FEMALE", "X"] as const;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale === "fr" ? "fr" : "en", namespace: "pages" });
  return { title: t("applicantDetails") };
}

export default async function ApplicantDetailsPage({ params }: Props) {
  const { locale: raw, id: rawId } = await params;
  const locale = raw === "fr" ? "fr" : "en";
  setRequestLocale(locale);
  const id = decodeRouteParam(rawId);
  const actor = await requireActor(`/${locale}/applicants/${encodeURIComponent(id)}`);
  // An applicant with no request in the actor's scope does not exist for the actor.
  const applicant = await getApplicantDetails({ actor, applicantId: id });
  if (!applicant) notFound();

  const t = await getTranslations();
  const format = await getFormatter();
  const fullName = [applicant.firstName, applicant.middleName, applicant.lastName].filter(Boolean).join(" ");
  const gender = (GENDERS as readonly string[]).includes(applicant.gender)
    ? t(`applicant.genders.${applicant.gender as (typeof GENDERS)[number]}`)
    : applicant.gender;

  return (
    <div className="flex flex-col gap-4">
      <nav aria-label={t("details.breadcrumb")} className="no-print text-sm">
        <Link href="/requests">{t("nav.requests")}</Link>
      </nav>
      <div>
        <h1 className="text-2xl font-semibold">{t("pages.applicantDetails")}</h1>
        <p className="mt-1 text-gray-700">{t("applicant.subtitle", { name: fullName, account: applicant.accountNumber })}</p>
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <Panel headingId="identity-heading" title={t("applicant.identity")}>
          <FieldList
            empty={t("common.none")}
            fields={[
              { label: t("applicant.firstName"), value: applicant.firstName },
              { label: t("applicant.middleName"), value: applicant.middleName },
              { label: t("applicant.lastName"), value: applicant.lastName },
              { label: t("applicant.formerLastName"), value: applicant.formerLastName },
              { label: t("applicant.dateOfBirth"), value: calendarDate(format, applicant.dateOfBirth) },
              { label: t("applicant.gender"), value: gender },
              { label: t("search.oen"), value: applicant.oen },
              { label: t("applicant.studentNumber"), value: applicant.studentNumber },
              { label: t("search.accountNumber"), value: applicant.accountNumber },
            ]}
          />
        </Panel>
        <Panel headingId="contact-heading" title={t("applicant.contact")}>
          <FieldList
            empty={t("common.none")}
            fields={[
              {
                label: t("applicant.email"),
                value: (
                  <a href={`mailto:${applicant.email}`} className="break-all">
                    {applicant.email}
                  </a>
                ),
              },
              { label: t("applicant.phone"), value: applicant.phone },
              {
                label: t("applicant.preferredLanguage"),
                value: applicant.preferredLanguage === "fr" ? t("applicant.languages.fr") : t("applicant.languages.en"),
              },
            ]}
          />
        </Panel>
      </div>

      <Panel headingId="requests-heading" title={`${t("applicant.requests")} (${t("applicant.requestsCount", { count: applicant.requests.length })})`}>
        <p className="mb-2 text-sm text-gray-700">{t("applicant.scopeNote")}</p>
        <ApplicantRequests requests={applicant.requests} />
      </Panel>
    </div>
  );
}
