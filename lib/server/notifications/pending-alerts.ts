import "server-only";
import { db } from "@/lib/db";
import { requestScope } from "@/lib/auth/scope";
import { businessHoursCutoff, isBusinessHour, quarterHourOf } from "@/lib/domain/notifications/schedule";
import { renderPendingAlert } from "@/lib/email/notification-emails";
import { env } from "@/lib/env";
import { queueRenderedEmails } from "@/lib/server/email/queue-email";
import { signalBackgroundWork } from "@/lib/server/jobs/signal";
import { businessHoursSetting } from "@/lib/server/settings/get-service-settings";
import { findRecipients, REQUEST_LINE_SELECT, requestLine } from "./recipients";

// "Notify me of requests pending for N business hours or more" (contracts §8): checked every 15 minutes during
// business hours; requests in To Do or Incomplete in the user's scope, waiting in their status for N business hours or
// more, that no alert of this threshold named to this user yet. One email lists the new ones; each request named is
// marked (user, threshold) in the email's transaction, so it is never named twice for that threshold.

export const PENDING_KIND = "pending";
/** Listed in the email; more are counted. */
const LISTED = 50;
/** Named (and marked) by one run, per user. */
const MAX_PER_RUN = 1_000;

/** The users with a threshold, when now is within business hours; none otherwise. */
export async function findPendingAlertUsers(now: Date): Promise<string[]> {
  if (!isBusinessHour(now, await businessHoursSetting())) return [];
  const rows = await db.notificationSetting.findMany({
    where: { pendingHours: { not: null }, user: { active: true } },
    select: { userId: true },
    orderBy: { userId: "asc" },
  });
  return rows.map((r) => r.userId);
}

/** Sends the pending alerts of these users (a chunk). Returns how many emails were queued. */
export async function sendPendingAlerts(userIds: readonly string[], now: Date): Promise<{ emails: number; requests: number }> {
  const hours = await businessHoursSetting();
  const recipients = await findRecipients({ pendingHours: { not: null } }, { id: { in: [...userIds] } });
  const slot = quarterHourOf(now).toISOString();
  let emails = 0;
  let named = 0;
  for (const r of recipients) {
    const threshold = r.setting.pendingHours!;
    const cutoff = businessHoursCutoff(now, threshold, hours);
    const where = {
      AND: [
        requestScope(r.scopeActor),
        { tab: { in: ["TODO" as const, "INCOMPLETE" as const] } },
        { statusChangedAt: { lte: cutoff } },
        // Not named to this user for this threshold yet.
        { notificationMarks: { none: { userId: r.id, kind: PENDING_KIND, threshold } } },
      ],
    };
    // At most MAX_PER_RUN are named (and marked) a run; the email counts the others, named by the next runs.
    const [waiting, total] = await Promise.all([
      db.transcriptRequest.findMany({ where, orderBy: [{ statusChangedAt: "asc" }, { id: "asc" }], take: MAX_PER_RUN, select: REQUEST_LINE_SELECT }),
      db.transcriptRequest.count({ where }),
    ]);
    if (waiting.length === 0) continue;
    const rendered = renderPendingAlert({
      appUrl: env().APP_URL,
      locale: r.locale,
      name: r.name,
      hours: threshold,
      requests: waiting.slice(0, LISTED).map((row) => requestLine(row, r.locale, now)),
      more: Math.max(0, total - LISTED),
    });
    const queued = await db.$transaction(async (tx) => {
      await tx.notificationMark.createMany({
        data: waiting.map((row) => ({ userId: r.id, requestId: row.id, kind: PENDING_KIND, threshold, createdAt: now })),
      });
      return queueRenderedEmails(
        tx,
        r.addresses.map((to) => ({ to, template: "pendingAlert", locale: r.locale, rendered, dedupeKey: `pending:${r.id}:${threshold}:${slot}:${to}` })),
        now,
      );
    });
    emails += queued;
    named += waiting.length;
  }
  if (emails > 0) signalBackgroundWork();
  return { emails, requests: named };
}
