import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { AdminBreadcrumb } from "@/components/admin/admin-breadcrumb";
import { AdminForm } from "@/components/admin/admin-form";
import { boardFields } from "@/components/admin/boards/board-fields";
import { FieldList } from "@/components/request-details/field-list";
import { Panel } from "@/components/request-details/panel";
import { updateBoardAction } from "@/lib/actions/boards";
import { requireRole } from "@/lib/auth/guard";
import { decodeRouteParam } from "@/lib/domain/route-param";
import { Link } from "@/lib/i18n/navigation";
import { getBoard } from "@/lib/server/boards/get-boards";

type Props = { params: Promise<{ locale: string; number: string }>; searchParams: Promise<{ created?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale === "fr" ? "fr" : "en", namespace: "admin.boards" });
  return { title: t("detailMeta") };
}

/** One board (contracts §10): its names, language, escalation email and Active. OCAS administrators only; 404 otherwise. */
export default async function AdminBoardPage({ params, searchParams }: Props) {
  const { locale: raw, number: rawNumber } = await params;
  const locale = raw === "fr" ? "fr" : "en";
  setRequestLocale(locale);
  const number = decodeRouteParam(rawNumber);
  const actor = await requireRole(["OCAS_ADMIN"], `/${locale}/admin/boards/${encodeURIComponent(number)}`);
  const board = await getBoard({ actor, number });
  if (!board) notFound();
  const [t, format, query] = await Promise.all([getTranslations("admin"), getFormatter(), searchParams]);
  const tr = t as unknown as (key: string) => string;
  const name = locale === "fr" ? board.nameFr : board.nameEn;
  return (
    <div className="flex flex-col gap-4">
      <AdminBreadcrumb section={{ href: "/admin/boards", label: t("boards.title") }} />
      <h1 className="text-2xl font-semibold">{t("boards.detailTitle", { board: name, number: board.number })}</h1>
      <Panel headingId="board-summary-heading" title={t("boards.detailMeta")}>
        <FieldList
          empty="—"
          fields={[
            { label: t("boards.number"), value: <span className="font-mono">{board.number}</span> },
            {
              label: t("boards.autoTrms"),
              value: (
                <>
                  {board.autoTrmsEnabled ? t("boards.autoTrmsOn") : t("boards.autoTrmsOff")} —{" "}
                  <Link href={{ pathname: "/admin/auto-trms", query: { board: board.number } }}>{t("boards.autoTrmsLink", { board: name })}</Link>
                </>
              ),
            },
            {
              label: t("boards.columns.schools"),
              value: <Link href={{ pathname: "/admin/schools", query: { board: board.number } }}>{t("boards.schoolsLink", { board: name })}</Link>,
            },
          ]}
        />
      </Panel>
      <Panel headingId="board-form-heading" title={t("form.editTitle")}>
        <p className="mb-4 text-xs text-gray-600">
          {t("form.lastChanged", { date: format.dateTime(board.updatedAt, { dateStyle: "medium", timeStyle: "short" }) })}
        </p>
        <AdminForm
          action={updateBoardAction}
          hidden={{ number: board.number, version: board.updatedAt.toISOString() }}
          fields={boardFields(tr, board)}
          submitLabel={t("form.save")}
          pendingLabel={t("form.saving")}
          notice={query.created === "1" ? t("boards.created", { number: board.number }) : undefined}
        />
      </Panel>
    </div>
  );
}
