import { getFormatter, getTranslations } from "next-intl/server";
import type { BackgroundBacklog } from "@/lib/server/jobs/list-job-runs";
import { Link } from "@/lib/i18n/navigation";

/** The background work waiting now: the outbox, and the runs by state (each count links to its runs). */
export async function JobsBacklog({ backlog, oldest }: { backlog: BackgroundBacklog; oldest: string | null }) {
  const t = await getTranslations("jobs");
  const format = await getFormatter();
  const n = (value: number) => format.number(value);
  return (
    <section aria-labelledby="backlog-heading" className="mb-8">
      <h2 id="backlog-heading" className="mb-2 text-lg font-semibold">
        {t("backlogTitle")}
      </h2>
      <dl className="grid max-w-4xl grid-cols-2 gap-2 text-sm sm:grid-cols-5">
        <div className="rounded-md border border-gray-200 bg-white px-3 py-2">
          <dt className="text-gray-700">{t("backlog.outbox")}</dt>
          <dd className="text-lg font-semibold tabular-nums">{n(backlog.outbox.waiting)}</dd>
          {oldest && <dd className="text-xs text-gray-700">{t("backlog.oldest", { when: oldest })}</dd>}
          {backlog.outbox.failing > 0 && (
            <dd className="text-xs font-semibold text-red-900">{t("backlog.dispatchFailing", { count: backlog.outbox.failing })}</dd>
          )}
        </div>
        {(["waiting", "retrying", "running", "failed"] as const).map((view) => (
          <div key={view} className="rounded-md border border-gray-200 bg-white px-3 py-2">
            <dt className="text-gray-700">{t(`backlog.${view}`)}</dt>
            <dd className="text-lg font-semibold tabular-nums">
              <Link
                href={{ pathname: "/admin/jobs", query: { view } }}
                aria-label={t("backlog.show", { count: backlog.runs[view], state: t(`backlog.${view}`) })}
              >
                {n(backlog.runs[view])}
              </Link>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
