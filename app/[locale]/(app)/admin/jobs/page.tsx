import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { JobsBacklog } from "@/components/admin/jobs-backlog";
import { JobsRunsTable, type JobRunRow } from "@/components/admin/jobs-runs-table";
import { JobsScheduledTable, type ScheduledJobRow } from "@/components/admin/jobs-scheduled-table";
import { runState } from "@/components/admin/jobs-status-badge";
import { Notice } from "@/components/ui/notice";
import { requireRole } from "@/lib/auth/guard";
import { inngestServerConfigured } from "@/lib/env";
import { Link } from "@/lib/i18n/navigation";
import { getBackgroundBacklog, listJobRuns, RUN_VIEWS, type RunView } from "@/lib/server/jobs/list-job-runs";
import { listScheduledJobs } from "@/lib/server/jobs/list-scheduled-jobs";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ view?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale as "en" | "fr", namespace: "jobs" });
  return { title: t("title") };
}

/**
 * Background jobs (contracts §6): what waits in the outbox and the runs in each state, the scheduled functions with
 * "Run now", and the latest runs (with Retry for a failed one). OCAS only.
 */
export default async function AdminJobsPage({ params, searchParams }: Props) {
  const { locale: raw } = await params;
  const locale = raw === "fr" ? "fr" : "en";
  setRequestLocale(locale);
  const actor = await requireRole(["OCAS_ADMIN"], `/${locale}/admin/jobs`);
  const requested = (await searchParams).view;
  const view: RunView = (RUN_VIEWS as readonly string[]).includes(String(requested)) ? (requested as RunView) : "all";
  const [t, tAdmin, format] = await Promise.all([getTranslations("jobs"), getTranslations("admin"), getFormatter()]);
  const [jobs, runs, backlog] = await Promise.all([listScheduledJobs({ actor }), listJobRuns({ actor, view }), getBackgroundBacklog({ actor })]);

  // Function names and event names come from the messages; one added without them shows its own name.
  const text = (key: string) => (t.has(key as never) ? t(key as never) : null);
  const titleOf = (functionId: string, fallback: string) => text(`functions.${functionId}.title`) ?? fallback;
  const eventOf = (name: string) => text(`events.${name.replace(/[/.]/g, "_")}`) ?? name;
  const dateTime = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const triggerText = (trigger: string) => {
    const [kind, ...rest] = trigger.split(":");
    const value = rest.join(":");
    switch (kind) {
      case "cron":
        return t("triggers.cron");
      case "manual":
        return t("triggers.manual", { user: value });
      case "retry":
        return t("triggers.retry", { user: value });
      case "repair":
        return t("triggers.repair", { event: eventOf(value) });
      case "event":
        return eventOf(value);
      default:
        return trigger;
    }
  };

  const scheduledRows: ScheduledJobRow[] = jobs.map((job) => {
    const state = job.lastRun ? runState(job.lastRun.status, 0) : null;
    return {
      functionId: job.functionId,
      title: titleOf(job.functionId, job.name),
      description: text(`functions.${job.functionId}.description`),
      schedule: text(`functions.${job.functionId}.schedule`) ?? "",
      nextRun: job.nextRunAt ? { iso: job.nextRunAt.toISOString(), text: dateTime(job.nextRunAt) } : null,
      lastRun:
        job.lastRun && state
          ? { state, stateLabel: t(`states.${state}`), iso: job.lastRun.startedAt.toISOString(), text: dateTime(job.lastRun.startedAt) }
          : null,
    };
  });
  const runRows: JobRunRow[] = runs.map((run) => ({ ...run, functionTitle: titleOf(run.functionId, run.functionId), triggerText: triggerText(run.trigger) }));

  return (
    <>
      <nav aria-label={t("breadcrumb")} className="mb-2 text-sm">
        <Link href="/admin">{tAdmin("title")}</Link>
      </nav>
      <h1 className="mb-1 text-2xl font-semibold">{t("title")}</h1>
      <p className="mb-3 text-sm text-gray-700">{t("intro")}</p>
      <div className="mb-6 max-w-3xl">
        <Notice tone="info">{inngestServerConfigured() ? t("modeInngest") : t("modeEmbedded")}</Notice>
      </div>

      {backlog && <JobsBacklog backlog={backlog} oldest={backlog.outbox.oldestAt ? dateTime(backlog.outbox.oldestAt) : null} />}

      <section aria-labelledby="scheduled-heading" className="mb-8">
        <h2 id="scheduled-heading" className="mb-2 text-lg font-semibold">
          {t("scheduledTitle")}
        </h2>
        <JobsScheduledTable jobs={scheduledRows} caption={t("scheduledCaption")} />
      </section>

      <section aria-labelledby="runs-heading">
        <h2 id="runs-heading" className="mb-2 text-lg font-semibold">
          {t("recentTitle")}
        </h2>
        <nav aria-label={t("viewsLabel")} className="mb-3">
          <ul className="flex flex-wrap gap-2 text-sm">
            {RUN_VIEWS.map((v) => (
              <li key={v}>
                <Link
                  href={v === "all" ? "/admin/jobs" : { pathname: "/admin/jobs", query: { view: v } }}
                  aria-current={v === view ? "page" : undefined}
                  className={`inline-block rounded-full border px-3 py-1 ${v === view ? "border-brand-700 bg-brand-700 text-white" : "border-gray-300 bg-white text-gray-900"}`}
                >
                  {t(`views.${v}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {runRows.length === 0 ? (
          <p className="text-sm text-gray-700">{view === "all" ? t("empty") : t("emptyView")}</p>
        ) : (
          <JobsRunsTable runs={runRows} caption={t("recentCaption")} />
        )}
      </section>
    </>
  );
}
