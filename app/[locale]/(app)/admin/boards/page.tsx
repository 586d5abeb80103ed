import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Plus } from "lucide-react";
import { AdminBreadcrumb } from "@/components/admin/admin-breadcrumb";
import { ActiveBadge } from "@/components/admin/active-badge";
import { BreakableText } from "@/components/ui/breakable-text";
import { Table, TableBody, TableHead, Td, Th } from "@/components/ui/table";
import { requireRole } from "@/lib/auth/guard";
import { Link } from "@/lib/i18n/navigation";
import { listBoards } from "@/lib/server/boards/get-boards";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale === "fr" ? "fr" : "en", namespace: "admin.boards" });
  return { title: t("title") };
}

/** The boards (contracts §10), OCAS administrators only; anyone else gets the 404 page. */
export default async function AdminBoardsPage({ params }: Props) {
  const { locale: raw } = await params;
  const locale = raw === "fr" ? "fr" : "en";
  setRequestLocale(locale);
  const actor = await requireRole(["OCAS_ADMIN"], `/${locale}/admin/boards`);
  const boards = await listBoards({ actor });
  if (!boards) notFound();
  const t = await getTranslations("admin");
  return (
    <>
      <AdminBreadcrumb />
      <div className="mb-1 flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("boards.title")}</h1>
        <Link
          href="/admin/boards/new"
          className="inline-flex items-center gap-1 rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-800 hover:no-underline"
        >
          <Plus aria-hidden className="h-4 w-4" />
          {t("boards.new")}
        </Link>
      </div>
      <p className="mb-4 max-w-3xl text-sm text-gray-700">{t("boards.intro")}</p>
      {boards.length === 0 ? (
        <p className="text-sm text-gray-700">{t("boards.empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
          <Table caption={t("boards.caption")}>
            <TableHead>
              {(["number", "name", "language", "autoTrms", "escalationEmail", "schools", "active"] as const).map((c) => (
                <Th key={c} scope="col" numeric={c === "schools"}>
                  {t(`boards.columns.${c}`)}
                </Th>
              ))}
            </TableHead>
            <TableBody>
              {boards.map((b) => (
                <tr key={b.id}>
                  <Th scope="row" className="font-mono">
                    <Link href={`/admin/boards/${b.number}`}>{b.number}</Link>
                  </Th>
                  <Td>{locale === "fr" ? b.nameFr : b.nameEn}</Td>
                  <Td>{t(`form.languages.${b.language === "fr" ? "fr" : "en"}`)}</Td>
                  <Td>{b.autoTrmsEnabled ? t("boards.autoTrmsOn") : t("boards.autoTrmsOff")}</Td>
                  <Td>{b.escalationEmail ? <BreakableText text={b.escalationEmail} /> : <span className="text-gray-700">{t("boards.none")}</span>}</Td>
                  <Td numeric>{b._count.schools}</Td>
                  <Td>
                    <ActiveBadge active={b.active} label={b.active ? t("form.status.active") : t("form.status.inactive")} />
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
