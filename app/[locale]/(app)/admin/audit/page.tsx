import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { Download } from "lucide-react";
import { AdminBreadcrumb } from "@/components/admin/admin-breadcrumb";
import { AdminPagination } from "@/components/admin/admin-pagination";
import { Button } from "@/components/ui/button";
import { BreakableText } from "@/components/ui/breakable-text";
import { SelectField } from "@/components/ui/select-field";
import { Table, TableBody, TableHead, Td, Th } from "@/components/ui/table";
import { TextField } from "@/components/ui/text-field";
import { requireRole } from "@/lib/auth/guard";
import { auditChangeLines } from "@/lib/domain/audit-diff";
import { AUDIT_ENTITIES, AUDIT_PAGE_SIZE, auditParams, hasAuditFilters, parseAuditFilters } from "@/lib/domain/audit-filters";
import { Link } from "@/lib/i18n/navigation";
import { auditLabels } from "@/lib/server/audit/audit-csv";
import { findAuditEvents } from "@/lib/server/audit/find-audit-events";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale === "fr" ? "fr" : "en", namespace: "admin.audit" });
  return { title: t("title") };
}

/** The Audit Log (contracts §10): every administrative change, filtered, paged, exportable. OCAS administrators only. */
export default async function AuditLogPage({ params, searchParams }: Props) {
  const { locale: raw } = await params;
  const locale = raw === "fr" ? "fr" : "en";
  setRequestLocale(locale);
  const source = await searchParams;
  const { filters, errors } = parseAuditFilters(source);
  const actor = await requireRole(["OCAS_ADMIN"], `/${locale}/admin/audit`);
  const valid = Object.keys(errors).length === 0;
  const found = await findAuditEvents({ actor, filters });
  if (!found) notFound();
  const [t, tAll, format] = await Promise.all([getTranslations("admin.audit"), getTranslations(), getFormatter()]);
  const m = (key: string) => (tAll as unknown as (k: string) => string)(key);
  const labels = auditLabels(locale);
  const typed = (k: string) => (typeof source[k] === "string" ? (source[k] as string) : "");
  const query = Object.fromEntries(auditParams(filters, { page: 1 }));
  const csvQuery = new URLSearchParams({ ...query, locale }).toString();

  return (
    <>
      <AdminBreadcrumb />
      <div className="mb-1 flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <a
          href={`/api/admin/audit.csv?${csvQuery}`}
          download
          className="inline-flex items-center gap-1 rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-gray-50"
        >
          <Download aria-hidden className="h-4 w-4" />
          {t("downloadCsv")}
        </a>
      </div>
      <p className="mb-4 max-w-3xl text-sm text-gray-700">{t("intro")}</p>
      <form
        key={JSON.stringify(query) + typed("from") + typed("to")}
        method="get"
        aria-label={t("filtersLabel")}
        className="mb-4 flex flex-wrap items-start gap-4 rounded-lg border border-gray-200 bg-white p-4"
      >
        <SelectField name="entity" id="audit-entity" label={t("entity")} defaultValue={filters.entity ?? ""}>
          <option value="">{t("allEntities")}</option>
          {AUDIT_ENTITIES.map((e) => (
            <option key={e} value={e}>
              {labels.entity(e)}
            </option>
          ))}
        </SelectField>
        <TextField name="actor" id="audit-actor" label={t("actor")} defaultValue={filters.actor ?? ""} maxLength={100} autoComplete="off" />
        <TextField name="target" id="audit-target" label={t("target")} defaultValue={filters.target ?? ""} maxLength={100} autoComplete="off" />
        <TextField
          name="from"
          id="audit-from"
          type="date"
          label={t("from")}
          defaultValue={filters.from ?? typed("from")}
          errors={errors.from ? [m(errors.from)] : undefined}
        />
        <TextField
          name="to"
          id="audit-to"
          type="date"
          label={t("to")}
          defaultValue={filters.to ?? typed("to")}
          errors={errors.to ? [m(errors.to)] : undefined}
        />
        <div className="flex items-center gap-3 self-end pb-0.5">
          <Button type="submit">{t("filter")}</Button>
          <Link href="/admin/audit" className="text-sm">
            {t("clear")}
          </Link>
        </div>
      </form>
      {!valid ? null : found.total === 0 ? (
        <p className="text-sm text-gray-700">{hasAuditFilters(filters) ? t("emptyFiltered") : t("empty")}</p>
      ) : (
        <>
          <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
            <Table caption={t("caption")}>
              <TableHead>
                {(["when", "who", "action", "target", "changes"] as const).map((c) => (
                  <Th key={c} scope="col">
                    {t(`columns.${c}`)}
                  </Th>
                ))}
              </TableHead>
              <TableBody>
                {found.rows.map((row) => {
                  const lines = auditChangeLines(row.before, row.after);
                  return (
                    <tr key={row.id}>
                      <Th scope="row" className="whitespace-nowrap font-normal">
                        <time dateTime={row.at.toISOString()}>{format.dateTime(row.at, { dateStyle: "medium", timeStyle: "medium" })}</time>
                      </Th>
                      <Td>{row.actor ? <BreakableText text={row.actor === "system" ? t("system") : row.actor} /> : t("unknownActor")}</Td>
                      <Td>{labels.action(row.action)}</Td>
                      <Td>
                        <span className="text-gray-700">{labels.entity(row.entity)}</span> <BreakableText text={row.entityId} />
                      </Td>
                      <Td>
                        {lines.length > 0 && (
                          <ul className="flex flex-col gap-0.5">
                            {lines.map((l) => (
                              <li key={l.field}>
                                <span className="font-mono text-xs">{l.field}</span>: <span className="break-words">{l.before || t("none")}</span>{" "}
                                <span aria-hidden>→</span>
                                <span className="sr-only">{t("columns.after")}</span> <span className="break-words">{l.after || t("none")}</span>
                              </li>
                            ))}
                          </ul>
                        )}
                      </Td>
                    </tr>
                  );
                })}
              </TableBody>
            </Table>
          </div>
          <AdminPagination path="/admin/audit" query={query} page={found.page} pageCount={found.pageCount} pageSize={AUDIT_PAGE_SIZE} total={found.total} />
        </>
      )}
    </>
  );
}
