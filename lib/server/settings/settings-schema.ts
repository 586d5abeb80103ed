import "server-only";
import { z } from "zod";
import { versionField } from "@/lib/server/admin/form-fields";

// The Service Settings form (contracts §10): the SLA in business days and the business hours of the pending alerts
// (Toronto, whole hours, [start, end)). Messages are message keys under `admin.settings.errors`.

export const SLA_MIN_DAYS = 1;
export const SLA_MAX_DAYS = 60;

const E = "admin.settings.errors";

const wholeNumber = (message: string, min: number, max: number) =>
  z
    .string(message)
    .trim()
    .regex(/^\d{1,3}$/, message)
    .transform(Number)
    .pipe(z.number().int().min(min, message).max(max, message));

export const ServiceSettingsSchema = z
  .object({
    slaBusinessDays: wholeNumber(`${E}.slaRange`, SLA_MIN_DAYS, SLA_MAX_DAYS),
    businessHoursStart: wholeNumber(`${E}.hourRange`, 0, 23),
    businessHoursEnd: wholeNumber(`${E}.hourRange`, 1, 24),
    version: versionField,
  })
  .refine((s) => s.businessHoursStart < s.businessHoursEnd, { path: ["businessHoursEnd"], message: `${E}.endAfterStart` });

export type ServiceSettingsInput = { [K in keyof z.input<typeof ServiceSettingsSchema>]?: unknown };
