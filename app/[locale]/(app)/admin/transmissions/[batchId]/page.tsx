import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { BatchStateBadge, isBatchState } from "@/components/admin/transmissions/batch-state-badge";
import { formatNight, formatSize } from "@/components/admin/transmissions/batches-table";
import { FieldList } from "@/components/request-details/field-list";
import { Panel } from "@/components/request-details/panel";
import { Table, TableBody, TableHead, Td, Th } from "@/components/ui/table";
import { requireRole } from "@/lib/auth/guard";
import { decodeRouteParam } from "@/lib/domain/route-param";
import { Link } from "@/lib/i18n/navigation";
import { getTransmissionBatch } from "@/lib/server/transmission/get-batch";

type Props = { params: Promise<{ locale: string; batchId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale === "fr" ? "fr" : "en", namespace: "transmissions.batch" });
  return { title: t("metaTitle") };
}

/**
 * One batch of the Transmission Log (contracts §4): every delivery attempt, every receipt, the manifest, and the
 * batch file to download. OCAS administrators only; anyone else, and any unknown batch, gets the 404 page.
 */
export default async function TransmissionBatchPage({ params }: Props) {
  const { locale: raw, batchId: rawBatchId } = await params;
  const locale = raw === "fr" ? "fr" : "en";
  setRequestLocale(locale);
  const batchId = decodeRouteParam(rawBatchId);
  const actor = await requireRole(["OCAS_ADMIN"], `/${locale}/admin/transmissions/${encodeURIComponent(batchId)}`);
  const batch = await getTransmissionBatch({ actor, batchId });
  if (!batch) notFound();
  const [t, tAll, tAdmin, format] = await Promise.all([getTranslations("transmissions"), getTranslations(), getTranslations("admin"), getFormatter()]);
  const when = (d: Date) => <time dateTime={d.toISOString()}>{format.dateTime(d, { dateStyle: "medium", timeStyle: "medium" })}</time>;
  const college = locale === "fr" ? batch.college.nameFr : batch.college.nameEn;
  const size = formatSize(format, batch.byteSize);

  return (
    <div className="flex flex-col gap-4">
      <nav aria-label={t("breadcrumb")} className="text-sm">
        <ol className="flex flex-wrap gap-2">
          <li>
            <Link href="/admin">{tAdmin("title")}</Link>
            <span aria-hidden> ›</span>
          </li>
          <li>
            <Link href="/admin/transmissions">{t("title")}</Link>
          </li>
        </ol>
      </nav>
      <h1 className="font-mono text-2xl font-semibold">{t("batch.title", { batchId: batch.batchId })}</h1>

      <Panel headingId="batch-summary-heading" title={t("batch.summaryTitle")}>
        <FieldList
          empty="—"
          fields={[
            {
              label: t("batch.college"),
              value: (
                <Link href={`/admin/colleges/${encodeURIComponent(batch.college.code)}`}>{t("collegeOption", { code: batch.college.code, college })}</Link>
              ),
            },
            { label: t("batch.night"), value: <time dateTime={batch.night}>{formatNight(format, batch.night)}</time> },
            {
              label: t("batch.state"),
              value: <BatchStateBadge state={batch.status} label={isBatchState(batch.status) ? t(`states.${batch.status}`) : batch.status} />,
            },
            { label: t("batch.items"), value: format.number(batch.itemCount) },
            { label: t("batch.size"), value: size },
            { label: t("batch.sha256"), value: batch.sha256 ? <span className="font-mono text-xs break-all">{batch.sha256}</span> : null },
            { label: t("batch.builtAt"), value: batch.builtAt ? when(batch.builtAt) : null },
            { label: t("batch.deliveredAt"), value: batch.deliveredAt ? when(batch.deliveredAt) : null },
            { label: t("batch.downloadedAt"), value: batch.downloadedAt ? when(batch.downloadedAt) : null },
            { label: t("batch.lastError"), value: batch.lastError },
          ]}
        />
        <div className="mt-4 flex flex-col gap-1">
          {batch.hasFile ? (
            <>
              <p>
                <a
                  href={`/api/admin/transmission-batches/${encodeURIComponent(batch.batchId)}`}
                  download={`${batch.batchId}.xml`}
                  aria-describedby="batch-download-hint"
                  className="inline-flex items-center rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 hover:no-underline"
                >
                  {t("batch.download")}
                </a>
              </p>
              <p id="batch-download-hint" className="text-xs text-gray-600">
                {t("batch.downloadHint", { size })}
              </p>
            </>
          ) : (
            <p className="text-sm text-gray-700">{t("batch.noFile")}</p>
          )}
        </div>
      </Panel>

      <Panel headingId="batch-attempts-heading" title={t("batch.attemptsTitle")}>
        {batch.attemptLog.length === 0 ? (
          <p className="text-sm text-gray-700">{t("batch.attemptsEmpty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <Table caption={t("batch.attemptsCaption")}>
              <TableHead>
                {(["time", "httpStatus", "error", "duration"] as const).map((c) => (
                  <Th key={c} scope="col" numeric={c === "httpStatus" || c === "duration"}>
                    {t(`batch.attemptColumns.${c}`)}
                  </Th>
                ))}
              </TableHead>
              <TableBody>
                {batch.attemptLog.map((a) => (
                  <tr key={a.id}>
                    <Th scope="row" className="whitespace-nowrap">
                      {when(a.attemptedAt)}
                    </Th>
                    <Td numeric>{a.httpStatus ?? t("batch.noAnswer")}</Td>
                    <Td className="max-w-md break-words">{a.error || "—"}</Td>
                    <Td numeric>{t("batch.durationMs", { ms: a.durationMs })}</Td>
                  </tr>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </Panel>

      <Panel headingId="batch-receipts-heading" title={t("batch.receiptsTitle")}>
        {batch.receipts.length === 0 ? (
          <p className="text-sm text-gray-700">{t("batch.receiptsEmpty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <Table caption={t("batch.receiptsCaption")}>
              <TableHead>
                {(["reference", "status", "reason", "time", "via"] as const).map((c) => (
                  <Th key={c} scope="col">
                    {t(`batch.receiptColumns.${c}`)}
                  </Th>
                ))}
              </TableHead>
              <TableBody>
                {batch.receipts.map((r) => (
                  <tr key={r.id}>
                    <Th scope="row" className="font-mono">
                      <Link href={`/requests/${encodeURIComponent(r.referenceNumber)}`}>{r.referenceNumber}</Link>
                    </Th>
                    <Td>{r.status === "CONFIRMED" || r.status === "RESUBMIT" ? t(`batch.receiptStatus.${r.status}`) : r.status}</Td>
                    <Td className="max-w-md break-words">{r.reason ?? "—"}</Td>
                    <Td className="whitespace-nowrap">{when(r.receivedAt)}</Td>
                    <Td>{r.via === "response" || r.via === "api" ? t(`batch.via.${r.via}`) : r.via}</Td>
                  </tr>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </Panel>

      <Panel headingId="batch-entries-heading" title={t("batch.entriesTitle")}>
        <div className="overflow-x-auto">
          <Table caption={t("batch.entriesCaption")}>
            <TableHead>
              {(["sequence", "reference", "type", "format"] as const).map((c) => (
                <Th key={c} scope="col" numeric={c === "sequence"}>
                  {t(`batch.entryColumns.${c}`)}
                </Th>
              ))}
            </TableHead>
            <TableBody>
              {batch.entries.map((e) => (
                <tr key={e.sequence}>
                  <Td numeric>{e.sequence}</Td>
                  <Th scope="row" className="font-mono">
                    <Link href={`/requests/${encodeURIComponent(e.referenceNumber)}`}>{e.referenceNumber}</Link>
                  </Th>
                  <Td>{e.transmissionType === "Reissue" ? tAll("requestTypes.REISSUE") : tAll("requestTypes.ORIGINAL")}</Td>
                  <Td>{e.format}</Td>
                </tr>
              ))}
            </TableBody>
          </Table>
        </div>
      </Panel>
    </div>
  );
}
