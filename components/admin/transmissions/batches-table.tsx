import { getFormatter, getTranslations } from "next-intl/server";
import { Table, TableBody, TableHead, Td, Th } from "@/components/ui/table";
import { byteSize } from "@/lib/domain/byte-size";
import { Link } from "@/lib/i18n/navigation";
import type { TransmissionBatchRow } from "@/lib/server/transmission/list-batches";
import { BatchStateBadge, isBatchState } from "./batch-state-badge";

type Formatter = Awaited<ReturnType<typeof getFormatter>>;

/** A file size in the page's language ("12.3 kB", "12,3 ko"). */
export function formatSize(format: Formatter, bytes: number): string {
  const { value, unit, maximumFractionDigits } = byteSize(bytes);
  return format.number(value, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits });
}

/** A night (YYYY-MM-DD, a Toronto date) as the page's language writes a date. */
export function formatNight(format: Formatter, night: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(night);
  return m ? format.dateTime(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))), { dateStyle: "medium", timeZone: "UTC" }) : night;
}

/** The log's batches, newest first: one row each, its BatchID a link to its details. */
export async function BatchesTable({ rows, locale }: { rows: TransmissionBatchRow[]; locale: "en" | "fr" }) {
  const [t, format] = await Promise.all([getTranslations("transmissions"), getFormatter()]);
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const time = (key: "builtAt" | "deliveredAt" | "downloadedAt", d: Date) => (
    <span className="block">
      <time dateTime={d.toISOString()}>{t(key, { time: when(d) })}</time>
    </span>
  );
  return (
    <Table caption={t("caption")}>
      <TableHead>
        {(["batchId", "college", "night", "items", "size", "state", "attempts", "times"] as const).map((c) => (
          <Th key={c} scope="col" numeric={c === "items" || c === "size"}>
            {t(`columns.${c}`)}
          </Th>
        ))}
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <tr key={row.batchId}>
            <Th scope="row" className="font-mono whitespace-nowrap">
              <Link href={`/admin/transmissions/${encodeURIComponent(row.batchId)}`}>{row.batchId}</Link>
            </Th>
            <Td>{t("collegeOption", { code: row.college.code, college: locale === "fr" ? row.college.nameFr : row.college.nameEn })}</Td>
            <Td className="whitespace-nowrap">
              <time dateTime={row.night}>{formatNight(format, row.night)}</time>
            </Td>
            <Td numeric>{format.number(row.itemCount)}</Td>
            <Td numeric>{formatSize(format, row.byteSize)}</Td>
            <Td>
              <BatchStateBadge state={row.status} label={isBatchState(row.status) ? t(`states.${row.status}`) : row.status} />
            </Td>
            <Td>
              <span className="block whitespace-nowrap">{t("attemptsCount", { count: row.attempts })}</span>
              {row.lastError && <span className="block max-w-xs text-xs break-words text-red-900">{t("lastError", { error: row.lastError })}</span>}
            </Td>
            <Td className="text-xs whitespace-nowrap">
              {row.builtAt ? time("builtAt", row.builtAt) : <span className="block">{t("notBuilt")}</span>}
              {row.deliveredAt && time("deliveredAt", row.deliveredAt)}
              {row.downloadedAt && time("downloadedAt", row.downloadedAt)}
            </Td>
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}
