import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { JobsRunsTable, type JobRunRow } from "@/components/admin/jobs-runs-table";
import { JobsScheduledTable, type ScheduledJobRow } from "@/components/admin/jobs-scheduled-table";
import { isJobRunStatus } from "@/components/admin/jobs-status-badge";
import { Notice } from "@/components/ui/notice";
import { requireRole } from "@/lib/auth/guard";
import { inngestServerConfigured } from "@/lib/env";
import { Link } from "@/lib/i18n/navigation";
import { listJobRuns } from "@/lib/server/jobs/list-job-runs";
import { listScheduledJobs } from "@/lib/server/jobs/list-scheduled-jobs";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale as "en" | "fr", namespace: "jobs" });
  return { title: t("title") };
}

/** Background jobs (contracts §6): the scheduled functions with "Run now", and the recent runs. OCAS only. */
export default async function AdminJobsPage({ params }: Props) {
  const { locale: raw } = await params;
  const locale = raw === "fr" ? "fr" : "en";
  setRequestLocale(locale);
  const actor = await requireRole(["OCAS_ADMIN"], `/${locale}/admin/jobs`);
  const [t, tAdmin, format] = await Promise.all([getTranslations("jobs"), getTranslations("admin"), getFormatter()]);
  const [jobs, runs] = await Promise.all([listScheduledJobs({ actor }), listJobRuns({ actor })]);

  // Function names come from the messages; a function added without them shows its own name.
  const text = (key: string) => (t.has(key as never) ? t(key as never) : null);
  const titleOf = (functionId: string, fallback: string) => text(`functions.${functionId}.title`) ?? fallback;
  const dateTime = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });

  const scheduledRows: ScheduledJobRow[] = jobs.map((job) => ({
    functionId: job.functionId,
    title: titleOf(job.functionId, job.name),
    description: text(`functions.${job.functionId}.description`),
    schedules: job.schedules.map((s) => t("schedule", { expression: s.expression, timeZone: s.timeZone })),
    nextRun: job.nextRunAt ? { iso: job.nextRunAt.toISOString(), text: dateTime(job.nextRunAt) } : null,
    lastRun:
      job.lastRun && isJobRunStatus(job.lastRun.status)
        ? {
            status: job.lastRun.status,
            statusLabel: t(`statuses.${job.lastRun.status}`),
            iso: job.lastRun.startedAt.toISOString(),
            text: dateTime(job.lastRun.startedAt),
          }
        : null,
  }));
  const names = new Map(scheduledRows.map((r) => [r.functionId, r.title]));
  const runRows: JobRunRow[] = runs.map((run) => ({ ...run, functionTitle: names.get(run.functionId) ?? titleOf(run.functionId, run.functionId) }));

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
        {runRows.length === 0 ? <p className="text-sm text-gray-700">{t("empty")}</p> : <JobsRunsTable runs={runRows} caption={t("recentCaption")} />}
      </section>
    </>
  );
}
