import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { requireRole } from "@/lib/auth/guard";
import { businessDaysBetween } from "@/lib/domain/business-days";
import { REFERENCE_NUMBER_PATTERN } from "@/lib/domain/reference-number";
import { Link } from "@/lib/i18n/navigation";
import { listPdfQueue } from "@/lib/server/uploads/list-pdf-queue";
import { Notice } from "@/components/ui/notice";
import { Table, TableBody, TableHead, Td, Th } from "@/components/ui/table";
import { CompletePdfButton } from "@/components/upload/complete-pdf-button";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale === "fr" ? "fr" : "en", namespace: "upload.pdfQueue" });
  return { title: t("title") };
}

/** The PDF queue (product §4): PDF transcripts waiting for OCAS, oldest first, with their age in business days. */
export default async function PdfQueuePage({ params, searchParams }: Props) {
  const { locale: raw } = await params;
  const completed = (await searchParams).completed;
  const locale = raw === "fr" ? "fr" : "en";
  setRequestLocale(locale);
  const actor = await requireRole(["OCAS_ADMIN"], `/${locale}/admin/pdf-queue`);
  const [t, tAdmin, tSla, format] = await Promise.all([getTranslations("upload.pdfQueue"), getTranslations("admin"), getTranslations("sla"), getFormatter()]);
  const rows = (await listPdfQueue({ actor })) ?? [];
  const now = new Date();

  return (
    <>
      <nav aria-label={tAdmin("title")} className="mb-2 text-sm">
        <Link href="/admin">{tAdmin("title")}</Link>
      </nav>
      <h1 className="mb-1 text-2xl font-semibold">{t("title")}</h1>
      <p className="mb-3 text-sm text-gray-700">{t("intro")}</p>
      {typeof completed === "string" && REFERENCE_NUMBER_PATTERN.test(completed) && (
        <div className="mb-3">
          <Notice tone="success">{t("done", { reference: completed })}</Notice>
        </div>
      )}
      {rows.length === 0 ? (
        <p className="text-sm text-gray-700">{t("empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
          <Table caption={t("caption")}>
            <TableHead>
              <Th scope="col">{t("columns.reference")}</Th>
              <Th scope="col">{t("columns.name")}</Th>
              <Th scope="col">{t("columns.school")}</Th>
              <Th scope="col">{t("columns.uploadedAt")}</Th>
              <Th scope="col">{t("columns.age")}</Th>
              <Th scope="col">{t("columns.file")}</Th>
              <Th scope="col">{t("columns.action")}</Th>
            </TableHead>
            <TableBody>
              {rows.map((row) => (
                <tr key={row.requestId}>
                  <Th scope="row" className="font-mono">
                    <Link href={`/requests/${row.referenceNumber}`}>{row.referenceNumber}</Link>
                  </Th>
                  <Td>{`${row.firstName} ${row.lastName}`}</Td>
                  <Td>{locale === "fr" ? row.school.nameFr : row.school.nameEn}</Td>
                  <Td>
                    <time dateTime={row.file.uploadedAt.toISOString()}>
                      {format.dateTime(row.file.uploadedAt, { dateStyle: "medium", timeStyle: "short" })}
                    </time>
                  </Td>
                  <Td>{tSla("businessDays", { count: businessDaysBetween(row.file.uploadedAt, now) })}</Td>
                  <Td>
                    <a
                      href={`/api/files/${encodeURIComponent(row.file.id)}`}
                      target="_blank"
                      rel="noopener"
                      aria-label={t("open", { name: row.file.originalName })}
                    >
                      {row.file.originalName}
                    </a>
                  </Td>
                  <Td>
                    <CompletePdfButton reference={row.referenceNumber} fileId={row.file.id} version={row.version} />
                  </Td>
                </tr>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </>
  );
}
