import "server-only";
import { db } from "@/lib/db";
import { DEFAULT_SLA_BUSINESS_DAYS } from "@/lib/domain/business-days";
import { SETTINGS_ID } from "./get-service-settings";

/**
 * The service agreement in business days (OCAS-configurable on the Service Settings page; 5 until set). Read afresh
 * by every caller — the dashboard's Age colours, reports, digests and SLA alerts — so that a change is followed at once.
 */
export async function getSlaBusinessDays(): Promise<number> {
  const row = await db.appSetting.findUnique({ where: { id: SETTINGS_ID }, select: { slaBusinessDays: true } });
  return row?.slaBusinessDays ?? DEFAULT_SLA_BUSINESS_DAYS;
}
