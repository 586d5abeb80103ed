import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { AutoTrmsSettingsForm } from "@/components/admin/auto-trms/settings-form";
import { RematchPanel } from "@/components/admin/auto-trms/rematch-panel";
import { Button } from "@/components/ui/button";
import { requireRole } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { Link } from "@/lib/i18n/navigation";
import { getAutoTrmsSettings, listManageableBoards } from "@/lib/server/auto-trms/get-settings";
import { findRematchProgress } from "@/lib/server/auto-trms/rematch";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ board?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale as "en" | "fr", namespace: "admin.autoTrms" });
  return { title: t("title") };
}

/**
 * Auto-TRMS settings of a board (product §6, §11): board administrators their own board, OCAS administrators any
 * board (`?board=<number>`). Everyone else, and any board out of reach, gets the 404 page.
 */
export default async function AdminAutoTrmsPage({ params, searchParams }: Props) {
  const { locale: raw } = await params;
  const locale = raw === "fr" ? "fr" : "en";
  setRequestLocale(locale);
  const query = await searchParams;
  const boardParam = typeof query.board === "string" ? query.board : null;
  const returnTo = `/${locale}/admin/auto-trms${boardParam ? `?board=${encodeURIComponent(boardParam)}` : ""}`;
  const actor = await requireRole(["OCAS_ADMIN", "BOARD_ADMIN"], returnTo);
  const [settings, boards] = await Promise.all([getAutoTrmsSettings({ actor, boardNumber: boardParam }), listManageableBoards({ actor })]);
  if (!settings) notFound();
  const progress = await findRematchProgress({ actor, boardNumber: settings.board.number });
  const [t, tAdmin, format] = await Promise.all([getTranslations("admin.autoTrms"), getTranslations("admin"), getFormatter()]);
  const name = (o: { nameEn: string; nameFr: string }) => (locale === "fr" ? o.nameFr : o.nameEn);

  const blockedReason = !settings.enabled ? t("rematch.blockedOff") : !settings.configured ? t("rematch.blockedIncomplete") : null;

  return (
    <>
      <nav aria-label={t("breadcrumb")} className="mb-2 text-sm">
        <Link href="/admin">{tAdmin("title")}</Link>
      </nav>
      <h1 className="mb-1 text-2xl font-semibold">{t("title")}</h1>
      <p className="mb-3 max-w-3xl text-sm text-gray-700">{t("intro")}</p>

      {actor.role === "OCAS_ADMIN" ? (
        // A plain GET form: the choice lives in the URL (?board=), works without JavaScript and can be bookmarked.
        <form method="get" className="mb-6 flex max-w-3xl flex-wrap items-end gap-3">
          <div className="flex flex-col gap-1">
            <label htmlFor="auto-trms-board" className="text-sm font-medium text-gray-800">
              {t("boardChoice")}
            </label>
            <select
              id="auto-trms-board"
              name="board"
              defaultValue={settings.board.number}
              aria-describedby="auto-trms-board-hint"
              className="rounded-md border border-gray-300 bg-white px-3 py-2 text-sm shadow-sm"
            >
              {boards.map((b) => (
                <option key={b.id} value={b.number}>
                  {t(b.autoTrmsEnabled ? "boardStatusOn" : "boardStatusOff", { name: name(b), number: b.number })}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" variant="secondary">
            {t("showBoard")}
          </Button>
          <p id="auto-trms-board-hint" className="w-full text-xs text-gray-600">
            {t("boardChoiceHint")}
          </p>
        </form>
      ) : (
        <p className="mb-6 text-sm font-medium text-gray-800">{t("boardLine", { board: name(settings.board), number: settings.board.number })}</p>
      )}

      <section aria-labelledby="auto-trms-settings-heading" className="mb-8 rounded-lg border border-gray-200 bg-white p-4">
        <h2 id="auto-trms-settings-heading" className="mb-1 text-lg font-semibold">
          {t("settingsTitle")}
          {actor.role === "OCAS_ADMIN" && (
            <span className="font-normal"> – {t("boardOption", { name: name(settings.board), number: settings.board.number })}</span>
          )}
        </h2>
        <p className="mb-4 text-xs text-gray-600">
          {t("lastChanged", { date: format.dateTime(settings.updatedAt, { dateStyle: "medium", timeStyle: "short" }) })}
        </p>
        <AutoTrmsSettingsForm
          // A new board is a new form: nothing typed for one board is sent for another.
          key={settings.board.number}
          boardNumber={settings.board.number}
          enabled={settings.enabled}
          url={settings.url}
          hasSecret={settings.hasSecret}
          allowLocalHttp={env().NODE_ENV !== "production"}
          version={settings.updatedAt.toISOString()}
        />
      </section>

      <section aria-labelledby="rematch-heading" className="rounded-lg border border-gray-200 bg-white p-4">
        <h2 id="rematch-heading" className="mb-2 text-lg font-semibold">
          {t("rematch.title")}
        </h2>
        <RematchPanel
          key={settings.board.number}
          boardNumber={settings.board.number}
          initialProgress={progress.found ? progress.progress : null}
          blockedReason={blockedReason}
        />
      </section>
    </>
  );
}
