import type { RequestStatus } from "../statuses";

// The figures of the Summary report (contracts §9), computed from business-day ages (lib/domain/business-days.ts)
// that the server reads and counts: histograms of ages, their median and 90th percentile, the SLA share, the
// ageing bands of open requests, weeks. Pure, so that every rule is tested on its own.

/** Answered with a transcript, and so measured against the SLA: an e-transcript, or the paper one. A cancelled request
 * is in the Complete tab too, but nobody answered it. */
export const ANSWERED_STATUSES = ["E_TRANSCRIPT_SENT", "PAPER_TRANSCRIPT_SENT"] as const satisfies readonly RequestStatus[];

/** Counts of business-day ages: `counts[a]` requests of age `a`. */
export class AgeHistogram {
  readonly counts: number[] = [];
  total = 0;

  add(age: number, n = 1): void {
    if (!Number.isInteger(age) || age < 0) throw new RangeError(`not an age in business days: ${age}`);
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`not a count: ${n}`);
    for (let a = this.counts.length; a <= age; a++) this.counts.push(0);
    this.counts[age]! += n;
    this.total += n;
  }

  addAll(other: AgeHistogram): void {
    other.counts.forEach((n, age) => n > 0 && this.add(age, n));
  }

  /** How many ages are at most `max`. */
  atMost(max: number): number {
    let n = 0;
    for (let a = 0; a <= max && a < this.counts.length; a++) n += this.counts[a]!;
    return n;
  }

  /** The k-th smallest age (0-based), k < total. */
  nth(k: number): number {
    let seen = 0;
    for (let a = 0; a < this.counts.length; a++) {
      seen += this.counts[a]!;
      if (k < seen) return a;
    }
    throw new RangeError(`no age number ${k} among ${this.total}`);
  }
}

/**
 * The p-th percentile (0 ≤ p ≤ 1) of the ages, interpolated between the two nearest ranks as Excel's PERCENTILE.INC
 * and MEDIAN compute it (so that a board's own spreadsheet of the Detailed CSV finds the same figures): the median
 * of 2 and 3 is 2.5. Null when there is no age.
 */
export function percentile(histogram: AgeHistogram, p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`not a fraction: ${p}`);
  if (histogram.total === 0) return null;
  const rank = (histogram.total - 1) * p;
  const below = Math.floor(rank);
  const low = histogram.nth(below);
  if (rank === below) return low;
  const high = histogram.nth(below + 1);
  return low + (rank - below) * (high - low);
}

/** `part` of `whole` as a fraction, or null when there is nothing to divide. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** A completed request was within the SLA when its age at completion had not passed it (the dashboard's "past"). */
export function withinSla(ageAtCompletion: number, slaBusinessDays: number): boolean {
  return ageAtCompletion <= slaBusinessDays;
}

/** The ageing bands of open requests, in business days. */
export const AGE_BANDS = [
  { key: "days0to2", min: 0, max: 2 },
  { key: "days3to5", min: 3, max: 5 },
  { key: "days6to10", min: 6, max: 10 },
  { key: "over10", min: 11, max: Number.POSITIVE_INFINITY },
] as const;
export type AgeBand = (typeof AGE_BANDS)[number]["key"];

export function ageBand(age: number): AgeBand {
  return AGE_BANDS.find((b) => age >= b.min && age <= b.max)!.key;
}

/**
 * The bands from counts of requests at least 3, 6 and 11 business days old among `total` (what the server counts
 * with paid-date cutoffs).
 */
export function bandsFromThresholds(total: number, atLeast3: number, atLeast6: number, atLeast11: number): Record<AgeBand, number> {
  if (!(total >= atLeast3 && atLeast3 >= atLeast6 && atLeast6 >= atLeast11 && atLeast11 >= 0)) {
    throw new RangeError(`inconsistent ageing counts: ${total} ≥ ${atLeast3} ≥ ${atLeast6} ≥ ${atLeast11} ≥ 0`);
  }
  return { days0to2: total - atLeast3, days3to5: atLeast3 - atLeast6, days6to10: atLeast6 - atLeast11, over10: atLeast11 };
}

const DAY_MS = 86_400_000;

/** The Monday of the week of a calendar date (YYYY-MM-DD): weeks run Monday to Sunday. */
export function weekOf(date: string): string {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${date}`);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return new Date(ms - weekday * DAY_MS).toISOString().slice(0, 10);
}

/** Every week (its Monday) from the week of `from` to the week of `to`, in order. */
export function weeksBetween(from: string, to: string): string[] {
  const weeks: string[] = [];
  for (let ms = Date.parse(`${weekOf(from)}T00:00:00Z`), end = Date.parse(`${weekOf(to)}T00:00:00Z`); ms <= end; ms += 7 * DAY_MS) {
    weeks.push(new Date(ms).toISOString().slice(0, 10));
  }
  return weeks;
}

/** How a request was answered (the Detailed report's "Answered by"). */
export const ANSWERS = ["autoTrms", "xmlUpload", "pdf", "paper", "response"] as const;
export type Answer = (typeof ANSWERS)[number];

/** Statuses a user sets with Provide a Response (the no-upload actions other than Paper Transcript Sent). */
const RESPONSE_STATUSES: readonly RequestStatus[] = ["FINANCIAL_HOLD", "NO_ACADEMIC_DATA", "STUDENT_NOT_FOUND"];

/**
 * How a request was answered, from its status and what it holds: its current transcript (e-transcripts: from
 * Auto-TRMS, an XML upload — one at a time or in bulk — or a PDF), the file being processed (In Progress), the
 * paper transcript, or a response. Null for a request nobody has answered yet (To Do, Action Required, a failed
 * upload) or that was cancelled.
 */
export function answeredBy(
  status: RequestStatus,
  transcript: { source: "MANUAL" | "AUTO_TRMS" | "BULK"; format: "XML" | "PDF" } | null,
  uploadKind: "XML" | "PDF" | null,
): Answer | null {
  if (status === "PAPER_TRANSCRIPT_SENT") return "paper";
  if (RESPONSE_STATUSES.includes(status)) return "response";
  if (status === "E_TRANSCRIPT_SENT") {
    if (!transcript) return null;
    if (transcript.source === "AUTO_TRMS") return "autoTrms";
    return transcript.format === "PDF" ? "pdf" : "xmlUpload";
  }
  if (status === "TRANSCRIPT_UPLOADED") return uploadKind === "PDF" ? "pdf" : uploadKind === "XML" ? "xmlUpload" : null;
  return null;
}
