import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { requestScope } from "@/lib/auth/scope";
import { isBusinessDay, torontoDate } from "@/lib/domain/business-days";
import { slaCutoff } from "@/lib/domain/notifications/schedule";
import { renderSlaAlert } from "@/lib/email/notification-emails";
import { env } from "@/lib/env";
import type { Locale } from "@/lib/i18n/routing";
import { queueRenderedEmails, type RenderedToQueue } from "@/lib/server/email/queue-email";
import { signalBackgroundWork } from "@/lib/server/jobs/signal";
import { getSlaBusinessDays } from "@/lib/server/settings/get-sla";
import { allBoards } from "./digests";
import { findRecipients, REQUEST_LINE_SELECT, requestLine } from "./recipients";

// SLA Ageing Alerts (contracts §8): every business morning at 07:00 Toronto, the open requests that reached or passed
// the SLA since the last alert — to each user with Enable Summary Notifications on (their scope), and to each board's
// escalation address (the board's requests). "Since the last alert": a request whose paid date puts it past the SLA
// now and did not at the last alert (lib/domain/notifications/schedule.ts slaCutoff). Once per day and recipient.

const LISTED = 50;
const OPEN = { tab: { not: "COMPLETE" as const } };

export async function sendSlaAlerts(now: Date): Promise<{ emails: number } | { skipped: "notBusinessDay" }> {
  const today = torontoDate(now);
  if (!isBusinessDay(today)) return { skipped: "notBusinessDay" };
  const sla = await getSlaBusinessDays();
  const cutoffNow = slaCutoff(now, sla);
  const appUrl = env().APP_URL;
  let emails = 0;

  const reached = async (scope: Prisma.TranscriptRequestWhereInput, since: Date) => {
    const where = { AND: [scope, OPEN, { paidAt: { lt: cutoffNow, gte: slaCutoff(since, sla) } }] };
    const [rows, total] = await Promise.all([
      db.transcriptRequest.findMany({ where, orderBy: [{ paidAt: "asc" }, { id: "asc" }], take: LISTED, select: REQUEST_LINE_SELECT }),
      db.transcriptRequest.count({ where }),
    ]);
    return { rows, total };
  };
  // A first alert names what reached the SLA over the last business day.
  const defaultSince = new Date(now.getTime() - 24 * 3_600_000);

  for (const r of await findRecipients({ summaryEnabled: true })) {
    const since = r.setting.slaAlertedAt ?? defaultSince;
    const { rows, total } = await reached(requestScope(r.scopeActor), since);
    const email = (locale: Locale) =>
      renderSlaAlert({
        appUrl,
        locale,
        name: r.name,
        sla,
        scope: r.scopeName ?? allBoards(locale),
        requests: rows.map((row) => requestLine(row, locale, now)),
        more: Math.max(0, total - rows.length),
      });
    emails += await db.$transaction(async (tx) => {
      const moved = await tx.notificationSetting.updateMany({ where: { userId: r.id, slaAlertedAt: r.setting.slaAlertedAt }, data: { slaAlertedAt: now } });
      if (moved.count !== 1 || total === 0) return 0;
      const rendered = email(r.locale);
      return queueRenderedEmails(
        tx,
        r.addresses.map((to): RenderedToQueue => ({ to, template: "slaAlert", locale: r.locale, rendered, dedupeKey: `sla:${r.id}:${today}:${to}` })),
        now,
      );
    });
  }

  const boards = await db.board.findMany({
    where: { escalationEmail: { not: null } },
    select: { id: true, nameEn: true, nameFr: true, language: true, escalationEmail: true, slaAlertedAt: true },
  });
  for (const board of boards) {
    const locale: Locale = board.language === "fr" ? "fr" : "en";
    const { rows, total } = await reached({ boardId: board.id }, board.slaAlertedAt ?? defaultSince);
    const name = locale === "fr" ? board.nameFr : board.nameEn;
    emails += await db.$transaction(async (tx) => {
      const moved = await tx.board.updateMany({ where: { id: board.id, slaAlertedAt: board.slaAlertedAt }, data: { slaAlertedAt: now } });
      if (moved.count !== 1 || total === 0) return 0;
      const rendered = renderSlaAlert({
        appUrl,
        locale,
        name,
        sla,
        scope: name,
        requests: rows.map((row) => requestLine(row, locale, now)),
        more: Math.max(0, total - rows.length),
      });
      return queueRenderedEmails(
        tx,
        [{ to: board.escalationEmail!, template: "slaAlert", locale, rendered, dedupeKey: `sla:board:${board.id}:${today}` }],
        now,
      );
    });
  }
  if (emails > 0) signalBackgroundWork();
  return { emails };
}
