import type { Translate } from "@/lib/server/exports/export-labels";
import type { ReportSchool } from "./report-scope";

/** A school as the reports name it: its name in the language, its city and MIDENT. */
export function schoolLabel(t: Translate, locale: "en" | "fr", s: ReportSchool): string {
  const name = locale === "fr" ? s.nameFr : s.nameEn;
  return s.city ? t("reports.schoolOption", { name, city: s.city, mident: s.mident }) : t("reports.schoolOptionNoCity", { name, mident: s.mident });
}

/** A share 0–1 as a percentage with one decimal, in the locale (null: "—"). */
export function percentText(locale: "en" | "fr", value: number | null): string {
  if (value === null) return "—";
  return new Intl.NumberFormat(locale === "fr" ? "fr-CA" : "en-CA", { style: "percent", maximumFractionDigits: 1 }).format(value);
}

/** A number of business days in the locale (a median may be a half), or "—". */
export function daysText(locale: "en" | "fr", value: number | null): string {
  if (value === null) return "—";
  return new Intl.NumberFormat(locale === "fr" ? "fr-CA" : "en-CA", { maximumFractionDigits: 1 }).format(value);
}
