import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { requestScope } from "@/lib/auth/scope";
import { dueDigestSlot, parseDays, parseHour, slaCutoff } from "@/lib/domain/notifications/schedule";
import { renderDigest, type DigestData } from "@/lib/email/notification-emails";
import { env } from "@/lib/env";
import { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";
import type { RenderedEmail } from "@/lib/email/render-email";
import { queueRenderedEmails, type RenderedToQueue } from "@/lib/server/email/queue-email";
import { signalBackgroundWork } from "@/lib/server/jobs/signal";
import { getSlaBusinessDays } from "@/lib/server/settings/get-sla";
import { findRecipients, REQUEST_LINE_SELECT, requestLine, type Recipient } from "./recipients";

// The summary digest (contracts §8): each user whose chosen day and hour has come since the last digest gets one —
// the latest slot, once, however many were missed — with the counts per tab in their scope, what is new since the last
// one, what is at or past the SLA, the 10 oldest open requests and, if asked (Auto-TRMS boards), how many Auto-TRMS
// completed. The email and the user's new `digestSince` are written in one transaction; the email's key is user +
// slot + address, so a step run again queues nothing twice.

export type DueDigest = { userId: string; slot: string };

/** The users whose digest is due now, with its slot. */
export async function findDueDigests(now: Date): Promise<DueDigest[]> {
  const settings = await db.notificationSetting.findMany({
    where: { summaryEnabled: true, user: { active: true } },
    select: { userId: true, days: true, time: true, digestSince: true },
    orderBy: { userId: "asc" },
  });
  return settings.flatMap((s) => {
    const slot = dueDigestSlot({ days: parseDays(s.days), hour: parseHour(s.time), since: s.digestSince }, now);
    return slot ? [{ userId: s.userId, slot: slot.toISOString() }] : [];
  });
}

const OPEN = { tab: { not: "COMPLETE" as const } };
const OLDEST = 10;

type ScopeFigures = Pick<DigestData, "counts" | "atOrPastSla"> & { oldest: Prisma.TranscriptRequestGetPayload<{ select: typeof REQUEST_LINE_SELECT }>[] };

/** Sends the digests of `due` (a chunk of findDueDigests). Returns how many emails were queued. */
export async function sendDigests(due: readonly DueDigest[], now: Date): Promise<{ users: number; emails: number }> {
  if (due.length === 0) return { users: 0, emails: 0 };
  const slotOf = new Map(due.map((d) => [d.userId, new Date(d.slot)]));
  const recipients = await findRecipients({ summaryEnabled: true }, { id: { in: [...slotOf.keys()] } });
  const sla = await getSlaBusinessDays();
  const cutoff = slaCutoff(now, sla);
  // Users of one scope see the same requests: their figures are read once per chunk.
  const figures = new Map<string, Promise<ScopeFigures>>();
  const figuresOf = (r: Recipient) => {
    let f = figures.get(r.scopeKey);
    if (!f) figures.set(r.scopeKey, (f = scopeFigures(requestScope(r.scopeActor), cutoff)));
    return f;
  };

  // Counts that depend on the last digest too, read once per scope and instant.
  const sinceCounts = new Map<string, Promise<[number, number | null]>>();
  const countsSince = (r: Recipient, since: Date | null) => {
    const completed = r.setting.completedEnabled && r.autoTrmsBoard;
    const key = `${r.scopeKey}|${since?.toISOString() ?? ""}|${completed}`;
    let c = sinceCounts.get(key);
    if (!c) {
      const scope = requestScope(r.scopeActor);
      c = Promise.all([
        db.transcriptRequest.count({ where: { AND: [scope, since ? { createdAt: { gt: since } } : {}] } }),
        completed
          ? db.storedTranscript.count({ where: { source: "AUTO_TRMS", ...(since ? { createdAt: { gt: since } } : {}), request: scope } })
          : Promise.resolve(null),
      ]);
      sinceCounts.set(key, c);
    }
    return c;
  };
  const appUrl = env().APP_URL;
  const asOf = { en: dateOf("en", now), fr: dateOf("fr", now) };

  const planned: { r: Recipient; since: Date | null; slot: Date; rendered: RenderedEmail }[] = [];
  for (const r of recipients) {
    const slot = slotOf.get(r.id)!;
    const since = r.setting.digestSince;
    // Sent meanwhile (a step run again, another instance): nothing more.
    if (since && since.getTime() >= slot.getTime()) continue;
    const [f, [newSince, completed]] = await Promise.all([figuresOf(r), countsSince(r, since)]);
    const rendered = renderDigest({
      appUrl,
      locale: r.locale,
      name: r.name,
      scope: r.scopeName ?? allBoards(r.locale),
      asOf: asOf[r.locale],
      counts: f.counts,
      newSince,
      atOrPastSla: f.atOrPastSla,
      sla,
      oldest: f.oldest.map((row) => requestLine(row, r.locale, now)),
      completedByAutoTrms: completed,
    });
    planned.push({ r, since, slot, rendered });
  }

  // One transaction for the chunk: each user's digestSince moves from the value read (or the user is left out: sent
  // meanwhile), and the emails of those who moved are queued together.
  const { users, emails } = await db.$transaction(async (tx) => {
    const toQueue: RenderedToQueue[] = [];
    let moved = 0;
    for (const { r, since, slot, rendered } of planned) {
      const changed = await tx.notificationSetting.updateMany({ where: { userId: r.id, digestSince: since }, data: { digestSince: slot } });
      if (changed.count !== 1) continue;
      moved++;
      const key = `digest:${r.id}:${slot.toISOString()}`;
      for (const to of r.addresses) toQueue.push({ to, template: "digest", locale: r.locale, rendered, dedupeKey: `${key}:${to}` });
    }
    return { users: moved, emails: await queueRenderedEmails(tx, toQueue, now) };
  });
  if (emails > 0) signalBackgroundWork();
  return { users, emails };
}

async function scopeFigures(scope: Prisma.TranscriptRequestWhereInput, cutoff: Date): Promise<ScopeFigures> {
  const [byTab, atOrPastSla, oldest] = await Promise.all([
    db.transcriptRequest.groupBy({ by: ["tab"], where: scope, _count: { _all: true } }),
    db.transcriptRequest.count({ where: { AND: [scope, OPEN, { paidAt: { lt: cutoff } }] } }),
    db.transcriptRequest.findMany({ where: { AND: [scope, OPEN] }, orderBy: [{ paidAt: "asc" }, { id: "asc" }], take: OLDEST, select: REQUEST_LINE_SELECT }),
  ]);
  const count = (tab: string) => byTab.find((g) => g.tab === tab)?._count._all ?? 0;
  return {
    counts: { todo: count("TODO"), incomplete: count("INCOMPLETE"), inProgress: count("IN_PROGRESS"), complete: count("COMPLETE") },
    atOrPastSla,
    oldest,
  };
}

function dateOf(locale: "en" | "fr", at: Date): string {
  return new Intl.DateTimeFormat(locale === "fr" ? "fr-CA" : "en-CA", { dateStyle: "long", timeZone: "America/Toronto" }).format(at);
}

/** "all boards" in the recipient's language (an OCAS administrator's scope). */
export function allBoards(locale: "en" | "fr"): string {
  return createTranslator({ locale, messages: locale === "fr" ? fr : en, namespace: "emails.notifications" })("scopeAll");
}
