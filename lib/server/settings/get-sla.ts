import "server-only";
import { db } from "@/lib/db";
import { DEFAULT_SLA_BUSINESS_DAYS } from "@/lib/domain/business-days";

/** The service agreement in business days (OCAS-configurable; 5 until set). */
export async function getSlaBusinessDays(): Promise<number> {
  const row = await db.appSetting.findUnique({ where: { id: "global" }, select: { slaBusinessDays: true } });
  return row?.slaBusinessDays ?? DEFAULT_SLA_BUSINESS_DAYS;
}
