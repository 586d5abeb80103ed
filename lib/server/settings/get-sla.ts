import "server-only";
import { DEFAULT_SLA_BUSINESS_DAYS } from "@/lib/domain/business-days";
import { readRows } from "@/lib/server/sql/plain-reads";
import { SETTINGS_ID } from "./get-service-settings";

/**
 * The service agreement in business days (OCAS-configurable on the Service Settings page; 5 until set). Read afresh
 * by every caller — the dashboard's Age colours, reports, digests and SLA alerts — so that a change is followed at
 * once. Plain SQL on the read connection: every dashboard page reads it (issue 21).
 */
export async function getSlaBusinessDays(): Promise<number> {
  const [row] = await readRows('SELECT "slaBusinessDays" FROM "AppSetting" WHERE "id" = ?', [SETTINGS_ID]);
  return row ? Number(row[0]) : DEFAULT_SLA_BUSINESS_DAYS;
}
