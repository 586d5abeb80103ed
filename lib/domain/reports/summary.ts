import { slaState } from "../business-days";
import { DB_TABS, isOpen, REQUEST_STATUSES, tabOfStatus, type DbTab, type RequestStatus } from "../statuses";
import { AGE_BANDS, AgeHistogram, ANSWERED_STATUSES, ageBand, percentile, share, weekOf, withinSla, type AgeBand } from "./statistics";

// The Summary report's figures for one school or for all of them (contracts §9), tallied from the requests'
// statuses and business-day ages. The server reads the requests and computes their ages (lib/domain/toronto-days.ts);
// this is what every figure means, in one place.

export type SummaryFigures = {
  statuses: Record<RequestStatus, number>;
  tabs: Record<DbTab, number>;
  total: number;
  /** Answered with a transcript (ANSWERED_STATUSES): what the SLA is measured on. */
  answered: number;
  withinSla: number;
  /** withinSla / answered; null when nothing was answered. */
  withinSlaShare: number | null;
  /** Business days from the request date to completion, of the answered requests. */
  medianAge: number | null;
  p90Age: number | null;
  /** Open requests (To Do and Incomplete tabs) whose age today is past the SLA (the dashboard's red badge). */
  openPastSla: number;
  /** Open requests by age today. */
  ageing: Record<AgeBand, number>;
};

const ANSWERED: ReadonlySet<RequestStatus> = new Set(ANSWERED_STATUSES);

export class SummaryTally {
  readonly statuses = Object.fromEntries(REQUEST_STATUSES.map((s) => [s, 0])) as Record<RequestStatus, number>;
  readonly completionAges = new AgeHistogram();
  readonly openAges = new AgeHistogram();
  constructor(readonly slaBusinessDays: number) {}

  /**
   * `n` requests of `status`; `ageAtCompletion` for an answered request, `ageNow` for an open one (business days
   * since its request date); both ignored otherwise.
   */
  add(status: RequestStatus, ages: { atCompletion?: number | null; now?: number | null }, n = 1): void {
    this.statuses[status] += n;
    if (ANSWERED.has(status) && ages.atCompletion != null) this.completionAges.add(ages.atCompletion, n);
    else if (isOpen(status) && ages.now != null) this.openAges.add(ages.now, n);
  }

  addAll(other: SummaryTally): void {
    for (const s of REQUEST_STATUSES) this.statuses[s] += other.statuses[s];
    this.completionAges.addAll(other.completionAges);
    this.openAges.addAll(other.openAges);
  }

  figures(): SummaryFigures {
    const tabs = Object.fromEntries(DB_TABS.map((t) => [t, 0])) as Record<DbTab, number>;
    for (const s of REQUEST_STATUSES) tabs[tabOfStatus(s)] += this.statuses[s];
    const total = DB_TABS.reduce((sum, t) => sum + tabs[t], 0);
    const answered = this.completionAges.total;
    const within = this.completionAges.atMost(this.slaBusinessDays);
    const ageing = Object.fromEntries(AGE_BANDS.map((b) => [b.key, 0])) as Record<AgeBand, number>;
    let openPastSla = 0;
    this.openAges.counts.forEach((n, age) => {
      if (n === 0) return;
      ageing[ageBand(age)] += n;
      if (slaState(age, this.slaBusinessDays) === "past") openPastSla += n;
    });
    return {
      statuses: { ...this.statuses },
      tabs,
      total,
      answered,
      withinSla: within,
      withinSlaShare: share(within, answered),
      medianAge: percentile(this.completionAges, 0.5),
      p90Age: percentile(this.completionAges, 0.9),
      openPastSla,
      ageing,
    };
  }
}

/** Answered requests and those within the SLA, by the week (its Monday) of their request date. */
export class WeeklySla {
  private readonly weeks = new Map<string, { answered: number; within: number }>();
  private readonly weekOfDate = new Map<string, string>();
  constructor(readonly slaBusinessDays: number) {}

  add(requestDate: string, ageAtCompletion: number, n = 1): void {
    let week = this.weekOfDate.get(requestDate);
    if (week === undefined) this.weekOfDate.set(requestDate, (week = weekOf(requestDate)));
    let w = this.weeks.get(week);
    if (!w) this.weeks.set(week, (w = { answered: 0, within: 0 }));
    w.answered += n;
    if (withinSla(ageAtCompletion, this.slaBusinessDays)) w.within += n;
  }

  /** Every week of `weeks` (weeks without an answered request have a null share). */
  series(weeks: readonly string[]): { week: string; answered: number; within: number; share: number | null }[] {
    return weeks.map((week) => {
      const w = this.weeks.get(week) ?? { answered: 0, within: 0 };
      return { week, ...w, share: share(w.within, w.answered) };
    });
  }
}
