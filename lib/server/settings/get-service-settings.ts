import "server-only";
import { db } from "@/lib/db";
import { DEFAULT_SLA_BUSINESS_DAYS } from "@/lib/domain/business-days";
import { DEFAULT_BUSINESS_HOURS, type BusinessHours } from "@/lib/domain/notifications/schedule";

// The service settings (contracts §10), one row "global" written by the Service Settings page. Read afresh by every
// caller (nothing caches them): a change is followed at once by the dashboard's Age colours, reports and alerts.

export const SETTINGS_ID = "global";

export type ServiceSettings = { slaBusinessDays: number; businessHoursStart: number; businessHoursEnd: number; updatedAt: Date | null };

export async function getServiceSettings(): Promise<ServiceSettings> {
  const row = await db.appSetting.findUnique({
    where: { id: SETTINGS_ID },
    select: { slaBusinessDays: true, businessHoursStart: true, businessHoursEnd: true, updatedAt: true },
  });
  return (
    row ?? {
      slaBusinessDays: DEFAULT_SLA_BUSINESS_DAYS,
      businessHoursStart: DEFAULT_BUSINESS_HOURS.start,
      businessHoursEnd: DEFAULT_BUSINESS_HOURS.end,
      updatedAt: null,
    }
  );
}

/** The business hours of the "pending N business hours" alerts (Toronto, whole hours, [start, end)). */
export async function businessHoursSetting(): Promise<BusinessHours> {
  const row = await db.appSetting.findUnique({ where: { id: SETTINGS_ID }, select: { businessHoursStart: true, businessHoursEnd: true } });
  return row ? { start: row.businessHoursStart, end: row.businessHoursEnd } : DEFAULT_BUSINESS_HOURS;
}
