import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { requireActor } from "@/lib/auth/guard";
import { isOcasAdmin } from "@/lib/auth/roles";
import { businessDaysBetween } from "@/lib/domain/business-days";
import { parseStatusReason } from "@/lib/domain/status-reason";
import { NO_UPLOAD_ACTIONS, nextStatus, tabKeyOf } from "@/lib/domain/statuses";
import { Link } from "@/lib/i18n/navigation";
import { offersAutoTrmsRetry } from "@/lib/server/auto-trms/retry-request";
import { getRequestDetails } from "@/lib/server/requests/get-request-details";
import { findCurrentTranscript } from "@/lib/server/transcripts/find-current-transcript";
import { CancelPanel } from "@/components/request-details/cancel-panel";
import { FieldList } from "@/components/request-details/field-list";
import { FilesTable } from "@/components/request-details/files-table";
import { calendarDate, dateTime, longDate, yearMonth } from "@/components/request-details/formatting";
import { Panel } from "@/components/request-details/panel";
import { RespondPanel } from "@/components/request-details/respond-panel";
import { RetryAutoTrmsPanel } from "@/components/request-details/retry-auto-trms-panel";
import { StatusReason } from "@/components/request-details/status-reason";
import { Timeline } from "@/components/request-details/timeline";
import { StatusBadge } from "@/components/requests/status-badge";
import { TranscriptPreview } from "@/components/transcript-preview/transcript-preview";
import { UploadSection } from "@/components/upload/upload-section";
import { decodeRouteParam } from "@/lib/domain/route-param";

type Props = { params: Promise<{ locale: string; reference: string }>; searchParams?: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale === "fr" ? "fr" : "en", namespace: "pages" });
  return { title: t("requestDetails") };
}

export default async function RequestDetailsPage({ params, searchParams }: Props) {
  const { locale: raw, reference: rawReference } = await params;
  const uploaded = (await searchParams)?.uploaded;
  const locale = raw === "fr" ? "fr" : "en";
  setRequestLocale(locale);
  const reference = decodeRouteParam(rawReference);
  const actor = await requireActor(`/${locale}/requests/${encodeURIComponent(reference)}`);
  // Unknown and out-of-scope references look the same: the 404 page. Both reads apply the actor's scope.
  const [request, current] = await Promise.all([
    getRequestDetails({ actor, referenceNumber: reference }),
    findCurrentTranscript({ actor, referenceNumber: reference }),
  ]);
  if (!request) notFound();

  const t = await getTranslations();
  const format = await getFormatter();
  const now = new Date();
  const name = (o: { nameEn: string; nameFr: string }) => (locale === "fr" ? o.nameFr : o.nameEn);
  const reason = parseStatusReason(request.statusReason);
  const actions = NO_UPLOAD_ACTIONS.filter((a) => nextStatus(request.status, "NO_UPLOAD", a) !== null);
  const notDue = request.sendOption === "END_OF_SEMESTER" && request.sendAfter !== null && request.sendAfter > now ? request.sendAfter : null;
  const applicantName = [request.applicant.firstName, request.applicant.middleName, request.applicant.lastName].filter(Boolean).join(" ");
  const age = businessDaysBetween(request.paidAt, now);

  return (
    <div className="flex flex-col gap-4">
      <nav aria-label={t("details.breadcrumb")} className="no-print text-sm">
        <Link href="/requests">{t("nav.requests")}</Link>
      </nav>
      <div>
        <h1 className="text-2xl font-semibold">{t("pages.requestDetails")}</h1>
        <p className="mt-1 text-gray-700">{t("details.subtitle", { reference: request.referenceNumber, name: `${request.firstName} ${request.lastName}` })}</p>
      </div>

      <Panel headingId="status-heading" title={t("details.statusSection")}>
        <FieldList
          empty={t("common.none")}
          fields={[
            { label: t("columns.status"), value: <StatusBadge status={request.status} label={t(`statuses.${request.status}`)} /> },
            { label: t("details.tab"), value: t(`tabs.${tabKeyOf(request.tab)}`) },
            {
              label: t("details.statusChangedAt"),
              value: <time dateTime={request.statusChangedAt.toISOString()}>{dateTime(format, request.statusChangedAt)}</time>,
            },
            ...(request.completedAt
              ? [{ label: t("details.completedAt"), value: <time dateTime={request.completedAt.toISOString()}>{dateTime(format, request.completedAt)}</time> }]
              : []),
          ]}
        />
        {reason && <StatusReason reason={reason} />}
        <RetryAutoTrmsPanel
          key={`retry-${request.referenceNumber}`}
          reference={request.referenceNumber}
          version={request.version}
          offered={offersAutoTrmsRetry(request, request.school.board.autoTrmsEnabled, now)}
        />
      </Panel>

      <UploadSection
        reference={request.referenceNumber}
        status={request.status}
        version={request.version}
        outcome={typeof uploaded === "string" ? uploaded : undefined}
      />

      <RespondPanel
        key={`respond-${request.referenceNumber}`}
        reference={request.referenceNumber}
        version={request.version}
        actions={actions}
        dueHint={notDue && actions.includes("PAPER_SENT") ? t("respond.dueHint", { date: longDate(format, notDue) }) : null}
      />

      <div className="grid gap-4 lg:grid-cols-2">
        <Panel headingId="request-heading" title={t("details.requestSection")}>
          <FieldList
            empty={t("common.none")}
            fields={[
              { label: t("columns.referenceNumber"), value: <span className="font-mono">{request.referenceNumber}</span> },
              { label: t("search.requestNumber"), value: request.requestNumber },
              { label: t("search.accountNumber"), value: request.accountNumber },
              { label: t("columns.requestType"), value: t(`requestTypes.${request.requestType}`) },
              { label: t("columns.requestDate"), value: <time dateTime={request.paidAt.toISOString()}>{dateTime(format, request.paidAt)}</time> },
              { label: t("columns.age"), value: t("sla.businessDays", { count: age }) },
              { label: t("details.receivedAt"), value: <time dateTime={request.createdAt.toISOString()}>{dateTime(format, request.createdAt)}</time> },
              { label: t("columns.lastAttended"), value: yearMonth(format, request.lastAttended) },
              { label: t("columns.sendDate"), value: t(`sendOptions.${request.sendOption}`) },
              ...(request.sendAfter ? [{ label: t("details.sendAfter"), value: longDate(format, request.sendAfter) }] : []),
            ]}
          />
          {notDue && <p className="mt-3 text-sm font-medium">{t("details.notDueYet", { date: longDate(format, notDue) })}</p>}
        </Panel>

        <Panel headingId="applicant-heading" title={t("details.applicantSection")}>
          <FieldList
            empty={t("common.none")}
            fields={[
              { label: t("details.nameOnApplication"), value: `${request.firstName} ${request.lastName}` },
              { label: t("search.oen"), value: request.oen },
              { label: t("details.dateOfBirth"), value: calendarDate(format, request.applicant.dateOfBirth) },
              {
                label: t("details.preferredLanguage"),
                value: request.applicant.preferredLanguage === "fr" ? t("applicant.languages.fr") : t("applicant.languages.en"),
              },
            ]}
          />
          <p className="no-print mt-3 text-sm">
            <Link href={`/applicants/${request.applicant.id}`}>{t("details.applicantLink", { name: applicantName })}</Link>
          </p>
        </Panel>

        <Panel headingId="school-heading" title={t("details.schoolSection")}>
          <FieldList
            empty={t("common.none")}
            fields={[
              { label: t("columns.school"), value: name(request.school) },
              { label: t("details.mident"), value: request.school.mident },
              { label: t("details.board"), value: `${name(request.school.board)} (${request.school.board.number})` },
            ]}
          />
        </Panel>

        <Panel headingId="destinations-heading" title={t("details.destinations")}>
          {request.destinations.length === 0 ? (
            <p className="text-sm text-gray-700">{t("details.noDestinations")}</p>
          ) : (
            <ul className="list-disc pl-5 text-sm">
              {request.destinations.map(({ college }) => (
                <li key={college.code}>
                  {name(college)} <span className="text-gray-600">({college.code})</span>
                </li>
              ))}
            </ul>
          )}
        </Panel>
      </div>

      <FilesTable files={request.files} />
      {current && <TranscriptPreview transcript={current.transcript} locale={locale} reference={request.referenceNumber} headingLevel={2} />}
      <Timeline events={request.events} />

      {isOcasAdmin(actor) && (
        <CancelPanel
          key={`cancel-${request.referenceNumber}`}
          reference={request.referenceNumber}
          version={request.version}
          allowed={nextStatus(request.status, "CANCEL") !== null}
        />
      )}
    </div>
  );
}
