import { TORONTO_TZ } from "@/lib/domain/business-days";
import type { Locale } from "./routing";

/** A date as a sentence writes it ("November 28, 2026" / "28 novembre 2026"), in Toronto time. */
export function longDate(locale: Locale, date: Date): string {
  return new Intl.DateTimeFormat(locale === "fr" ? "fr-CA" : "en-CA", { dateStyle: "long", timeZone: TORONTO_TZ }).format(date);
}
