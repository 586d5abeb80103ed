import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { requireActor } from "@/lib/auth/guard";
import { Link } from "@/lib/i18n/navigation";
import { compareUpload } from "@/lib/server/uploads/compare-upload";
import { findPendingUpload } from "@/lib/server/uploads/find-pending-upload";
import { readPendingData } from "@/lib/server/uploads/pending-upload";
import { TranscriptPreview } from "@/components/transcript-preview/transcript-preview";
import { Notice } from "@/components/ui/notice";
import { ComparisonTable } from "@/components/upload/comparison-table";
import { ValidationButtons } from "@/components/upload/validation-buttons";
import { decodeRouteParam } from "@/lib/domain/route-param";

type Props = {
  params: Promise<{ locale: string; reference: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale === "fr" ? "fr" : "en", namespace: "pages" });
  return { title: t("requestDetails") };
}

/** The validation screen between Upload Transcript and saving: the user's own pending upload only, never expired. */
export default async function ValidateUploadPage({ params, searchParams }: Props) {
  const { locale: raw, reference: rawReference } = await params;
  const locale = raw === "fr" ? "fr" : "en";
  setRequestLocale(locale);
  const reference = decodeRouteParam(rawReference);
  const pendingParam = (await searchParams).pending;
  const pendingId = typeof pendingParam === "string" ? pendingParam : "";
  const actor = await requireActor(`/${locale}/requests/${encodeURIComponent(reference)}/validate?pending=${encodeURIComponent(pendingId)}`);
  const t = await getTranslations();

  const pending = await findPendingUpload({ actor, pendingId, now: new Date() });
  const data = pending && pending.request.referenceNumber === reference ? readPendingData(pending.parsed) : null;
  const back = `/requests/${encodeURIComponent(reference)}`;

  if (!pending || !data || (pending.kind === "XML" && !data.transcript)) {
    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-2xl font-semibold">{t("pages.requestDetails")}</h1>
        <Notice tone="error">{t("upload.errors.expired")}</Notice>
        <p className="text-sm">
          <Link href="/requests">{t("nav.requests")}</Link>
          {reference && (
            <>
              {" / "}
              <Link href={`${back}#upload`}>{reference}</Link>
            </>
          )}
        </p>
      </div>
    );
  }

  const comparisons = data.transcript ? compareUpload(pending, data.transcript) : null;
  const differences = comparisons?.filter((c) => c.outcome === "different" || c.outcome === "missing").length ?? 0;
  const { request } = pending;

  return (
    <div className="flex flex-col gap-4">
      <nav aria-label={t("details.breadcrumb")} className="text-sm">
        <Link href="/requests">{t("nav.requests")}</Link> / <Link href={back}>{request.referenceNumber}</Link>
      </nav>
      <div>
        <h1 className="text-2xl font-semibold">{t("pages.requestDetails")}</h1>
        <p className="mt-1 text-gray-700">{t("details.subtitle", { reference: request.referenceNumber, name: `${request.firstName} ${request.lastName}` })}</p>
      </div>
      <section aria-labelledby="validation-heading" className="flex flex-col gap-3 rounded-lg border border-gray-200 bg-white p-4">
        <h2 id="validation-heading" className="text-lg font-semibold">
          {t("upload.validationIntro", { reference: request.referenceNumber })}
        </h2>
        <p className="text-sm">{t("upload.fileInfo", { name: pending.originalName, sizeKb: Math.max(1, Math.round(pending.size / 1024)) })}</p>
        {comparisons ? (
          <>
            {differences === 0 ? (
              <Notice tone="success">{t("upload.allSame")}</Notice>
            ) : (
              <Notice tone="error">{t("upload.differences", { count: differences })}</Notice>
            )}
            <ComparisonTable comparisons={comparisons} />
          </>
        ) : (
          <Notice tone="info">{t("upload.pdfIntro")}</Notice>
        )}
        {data.transcript && (
          <TranscriptPreview transcript={data.transcript} locale={locale} reference={request.referenceNumber} pendingId={pending.id} headingLevel={3} />
        )}
        <p className="text-sm text-gray-700">{t("upload.expires")}</p>
        <ValidationButtons pendingId={pending.id} reference={request.referenceNumber} differs={differences > 0} />
      </section>
    </div>
  );
}
