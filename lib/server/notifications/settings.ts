import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/roles";
import { fieldErrorsOf, type FieldErrors } from "@/lib/domain/field-errors";
import { formatDays, parseDays, parseHour } from "@/lib/domain/notifications/schedule";

// A user's notification settings (contracts §8, the Notifications page): what the form shows and what Submit saves.
// Every signed-in user has them, for themselves only. Messages are keys under `notifications.errors`.

const E = "notifications.errors";
export const MAX_ADDRESSES = 10;
export const MAX_PENDING_HOURS = 400;
const EMAILS_MAX_LENGTH = 2_000;

export type NotificationForm = {
  summaryEnabled: boolean;
  completedEnabled: boolean;
  days: number[];
  /** Whole hour, Toronto, or null. */
  hour: number | null;
  /** As shown in the field: addresses separated by "; ". */
  emails: string;
  pendingHours: number | null;
  eachRequest: boolean;
};

/** What the page shows: the saved settings, or the defaults (everything off, the user's own address). */
export async function getNotificationSettings(actor: Pick<Actor, "id" | "email" | "board">): Promise<NotificationForm & { showCompleted: boolean }> {
  const row = await db.notificationSetting.findUnique({ where: { userId: actor.id } });
  const showCompleted = Boolean(actor.board?.autoTrmsEnabled);
  if (!row)
    return { summaryEnabled: false, completedEnabled: false, days: [], hour: null, emails: actor.email, pendingHours: null, eachRequest: false, showCompleted };
  return {
    summaryEnabled: row.summaryEnabled,
    completedEnabled: row.completedEnabled,
    days: parseDays(row.days),
    hour: parseHour(row.time),
    emails: row.emails.split(";").filter(Boolean).join("; "),
    pendingHours: row.pendingHours,
    eachRequest: row.eachRequest,
    showCompleted,
  };
}

const onOff = z.string().transform((v) => v === "on");
const Address = z.email(`${E}.emailInvalid`).max(254, `${E}.emailInvalid`);

/** The form as posted: strings (checkboxes "on"; days several values "1"…"7"). */
export const NotificationFormSchema = z
  .object({
    summaryEnabled: onOff,
    completedEnabled: onOff,
    days: z.array(z.string()).transform((values, ctx) => {
      const days = values.map(Number);
      if (days.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) ctx.addIssue({ code: "custom", message: `${E}.dayInvalid` });
      return [...new Set(days)].sort((a, b) => a - b);
    }),
    time: z.string().refine((v) => v === "" || /^([01]\d|2[0-3]):00$/.test(v), `${E}.timeInvalid`),
    emails: z.string().max(EMAILS_MAX_LENGTH, `${E}.emailsTooMany`),
    // Empty: no alert; otherwise a whole number of business hours, 1 to 400.
    pendingHours: z
      .string()
      .trim()
      .refine((v) => v === "" || (/^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= MAX_PENDING_HOURS), `${E}.pendingHoursInvalid`)
      .transform((v) => (v === "" ? ("" as const) : Number(v))),
    eachRequest: onOff,
  })
  .superRefine((form, ctx) => {
    if (form.summaryEnabled && form.days.length === 0) ctx.addIssue({ code: "custom", path: ["days"], message: `${E}.daysRequired` });
    if (form.summaryEnabled && form.time === "") ctx.addIssue({ code: "custom", path: ["time"], message: `${E}.timeRequired` });
  });

export type NotificationFormInput = { [K in keyof z.input<typeof NotificationFormSchema>]?: unknown };

/** The addresses of the Email field: separated by ";" (commas and spaces forgiven), each checked, 1 to 10. */
export function parseAddresses(field: string): { ok: true; addresses: string[] } | { ok: false; messageKey: string } {
  const parts = field
    .split(/[;,]/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return { ok: false, messageKey: `${E}.emailsRequired` };
  if (parts.length > MAX_ADDRESSES) return { ok: false, messageKey: `${E}.emailsTooMany` };
  if (parts.some((part) => !Address.safeParse(part).success)) return { ok: false, messageKey: `${E}.emailInvalid` };
  return { ok: true, addresses: [...new Set(parts.map((p) => p.toLowerCase()))] };
}

export type SaveNotificationsResult = { ok: true } | { ok: false; fieldErrors: FieldErrors };

/**
 * Saves the actor's settings. Turning the digests on (or changing their days or hour) starts them from now: the next
 * slot is the first one sent. Nothing is saved when any field is wrong.
 */
export async function saveNotificationSettings(options: {
  actor: Pick<Actor, "id" | "board">;
  input: NotificationFormInput;
  now?: Date;
}): Promise<SaveNotificationsResult> {
  const now = options.now ?? new Date();
  const parsed = NotificationFormSchema.safeParse(options.input);
  const fieldErrors: FieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error.issues);
  const emailsField = typeof options.input.emails === "string" ? options.input.emails : "";
  const anything = parsed.success && (parsed.data.summaryEnabled || parsed.data.completedEnabled || parsed.data.pendingHours !== "" || parsed.data.eachRequest);
  // The address list is needed once anything sends; with everything off it may be empty.
  const addresses = emailsField.trim() === "" && parsed.success && !anything ? { ok: true as const, addresses: [] } : parseAddresses(emailsField);
  if (!addresses.ok) (fieldErrors.emails ??= []).push(addresses.messageKey);
  if (!parsed.success || !addresses.ok || Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };

  const form = parsed.data;
  // The completed-requests count is for users of an Auto-TRMS board only.
  const completedEnabled = form.completedEnabled && Boolean(options.actor.board?.autoTrmsEnabled);
  const days = formatDays(form.days);
  const time = form.time === "" ? null : form.time;
  const data = {
    summaryEnabled: form.summaryEnabled,
    completedEnabled,
    days,
    time,
    emails: addresses.addresses.join(";"),
    pendingHours: form.pendingHours === "" ? null : form.pendingHours,
    eachRequest: form.eachRequest,
  };
  await db.$transaction(async (tx) => {
    const before = await tx.notificationSetting.findUnique({ where: { userId: options.actor.id } });
    const sameSchedule = before?.summaryEnabled && before.days === days && before.time === time;
    const digestSince = form.summaryEnabled ? (sameSchedule ? before!.digestSince : now) : null;
    const slaAlertedAt = form.summaryEnabled ? (before?.summaryEnabled ? before.slaAlertedAt : now) : null;
    await tx.notificationSetting.upsert({
      where: { userId: options.actor.id },
      create: { userId: options.actor.id, ...data, digestSince, slaAlertedAt },
      update: { ...data, digestSince, slaAlertedAt },
    });
  });
  return { ok: true };
}
