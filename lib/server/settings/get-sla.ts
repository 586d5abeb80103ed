import "server-only";
import { DEFAULT_SLA_BUSINESS_DAYS } from "@/lib/domain/business-days";
import { readRows } from "@/lib/server/sql/plain-reads";

/** The service agreement in business days (OCAS-configurable; 5 until set). */
export async function getSlaBusinessDays(): Promise<number> {
  const [row] = await readRows('SELECT "slaBusinessDays" FROM "AppSetting" WHERE "id" = ?', ["global"]);
  return row ? Number(row[0]) : DEFAULT_SLA_BUSINESS_DAYS;
}
