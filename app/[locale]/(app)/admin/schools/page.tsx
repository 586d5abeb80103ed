import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Plus } from "lucide-react";
import { ActiveBadge } from "@/components/admin/active-badge";
import { AdminBreadcrumb } from "@/components/admin/admin-breadcrumb";
import { AdminPagination } from "@/components/admin/admin-pagination";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { Table, TableBody, TableHead, Td, Th } from "@/components/ui/table";
import { TextField } from "@/components/ui/text-field";
import { requireRole } from "@/lib/auth/guard";
import { Link } from "@/lib/i18n/navigation";
import { listBoards } from "@/lib/server/boards/get-boards";
import { findSchools, schoolFiltersOf, SCHOOLS_PAGE_SIZE } from "@/lib/server/schools/get-schools";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale === "fr" ? "fr" : "en", namespace: "admin.schools" });
  return { title: t("title") };
}

/** The schools (contracts §10), searched and paged, OCAS administrators only; anyone else gets the 404 page. */
export default async function AdminSchoolsPage({ params, searchParams }: Props) {
  const { locale: raw } = await params;
  const locale = raw === "fr" ? "fr" : "en";
  setRequestLocale(locale);
  const filters = schoolFiltersOf(await searchParams);
  const actor = await requireRole(["OCAS_ADMIN"], `/${locale}/admin/schools`);
  const [found, boards] = await Promise.all([findSchools({ actor, filters }), listBoards({ actor })]);
  if (!found || !boards) notFound();
  const t = await getTranslations("admin");
  const name = (o: { nameEn: string; nameFr: string }) => (locale === "fr" ? o.nameFr : o.nameEn);
  const query = { ...(filters.q && { q: filters.q }), ...(filters.board && { board: filters.board }) };
  return (
    <>
      <AdminBreadcrumb />
      <div className="mb-1 flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("schools.title")}</h1>
        <Link
          href={{ pathname: "/admin/schools/new", query: filters.board ? { board: filters.board } : {} }}
          className="inline-flex items-center gap-1 rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-800 hover:no-underline"
        >
          <Plus aria-hidden className="h-4 w-4" />
          {t("schools.new")}
        </Link>
      </div>
      <p className="mb-4 max-w-3xl text-sm text-gray-700">{t("schools.intro")}</p>
      <form
        key={JSON.stringify(query)}
        method="get"
        role="search"
        aria-label={t("schools.searchLabel")}
        className="mb-4 flex flex-wrap items-end gap-4 rounded-lg border border-gray-200 bg-white p-4"
      >
        <TextField name="q" id="schools-q" type="search" label={t("schools.q")} defaultValue={filters.q} maxLength={100} />
        <SelectField name="board" id="schools-board" label={t("schools.board")} defaultValue={filters.board}>
          <option value="">{t("schools.allBoards")}</option>
          {boards.map((b) => (
            <option key={b.number} value={b.number}>
              {t("schools.boardOption", { board: name(b), number: b.number })}
            </option>
          ))}
        </SelectField>
        <div className="flex items-center gap-3 pb-0.5">
          <Button type="submit">{t("form.search")}</Button>
          <Link href="/admin/schools" className="text-sm">
            {t("form.clear")}
          </Link>
        </div>
      </form>
      {found.total === 0 ? (
        <p className="text-sm text-gray-700">{filters.q || filters.board ? t("schools.emptyFiltered") : t("schools.empty")}</p>
      ) : (
        <>
          <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
            <Table caption={t("schools.caption")}>
              <TableHead>
                {(["mident", "name", "city", "board", "active"] as const).map((c) => (
                  <Th key={c} scope="col">
                    {t(`schools.columns.${c}`)}
                  </Th>
                ))}
              </TableHead>
              <TableBody>
                {found.schools.map((s) => (
                  <tr key={s.id}>
                    <Th scope="row" className="font-mono">
                      <Link href={`/admin/schools/${s.mident}`}>{s.mident}</Link>
                    </Th>
                    <Td>{name(s)}</Td>
                    <Td>{s.city ?? "—"}</Td>
                    <Td>
                      <Link href={`/admin/boards/${s.board.number}`}>{t("schools.boardOption", { board: name(s.board), number: s.board.number })}</Link>
                    </Td>
                    <Td>
                      <ActiveBadge active={s.active} label={s.active ? t("form.status.active") : t("form.status.inactive")} />
                    </Td>
                  </tr>
                ))}
              </TableBody>
            </Table>
          </div>
          <AdminPagination path="/admin/schools" query={query} page={found.page} pageCount={found.pageCount} pageSize={SCHOOLS_PAGE_SIZE} total={found.total} />
        </>
      )}
    </>
  );
}
