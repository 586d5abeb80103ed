import { describe, expect, test } from "vitest";
import { businessDaysBetween, businessDaysBetweenDates, startOfTorontoDay } from "@/lib/domain/business-days";
import { layoutChart } from "@/lib/domain/reports/chart";
import { AgeHistogram, ageBand, answeredBy, percentile, weekOf, weeksBetween } from "@/lib/domain/reports/statistics";
import { SummaryTally, WeeklySla } from "@/lib/domain/reports/summary";
import { statusHeadings } from "@/lib/domain/reports/summary-charts";
import { businessDayNumbers, torontoDays } from "@/lib/domain/toronto-days";

const histogram = (ages: number[]) => {
  const h = new AgeHistogram();
  ages.forEach((a) => h.add(a));
  return h;
};

describe("median and percentiles of business-day ages", () => {
  test("as a spreadsheet's MEDIAN and PERCENTILE.INC compute them", () => {
    expect(percentile(histogram([3, 1, 2]), 0.5)).toBe(2);
    expect(percentile(histogram([2, 3]), 0.5)).toBe(2.5);
    expect(percentile(histogram([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 0.9)).toBeCloseTo(9.1, 10);
    expect(percentile(histogram([0, 0, 0, 40]), 0.9)).toBeCloseTo(28, 10);
    expect(percentile(histogram([7]), 0.9)).toBe(7);
    expect(percentile(histogram([]), 0.5)).toBeNull();
  });

  test("equal to sorting every age, for random data", () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let run = 0; run < 50; run++) {
      const ages = Array.from({ length: 1 + Math.floor(rand() * 200) }, () => Math.floor(rand() * 30));
      const sorted = [...ages].sort((a, b) => a - b);
      for (const p of [0, 0.25, 0.5, 0.9, 1]) {
        const k = (sorted.length - 1) * p;
        const lo = Math.floor(k);
        const expected = sorted[lo]! + (k - lo) * ((sorted[lo + 1] ?? sorted[lo]!) - sorted[lo]!);
        expect(percentile(histogram(ages), p)).toBeCloseTo(expected, 10);
      }
    }
  });

  test("refuses what is not an age or a fraction", () => {
    expect(() => histogram([-1])).toThrow(RangeError);
    expect(() => histogram([1.5])).toThrow(RangeError);
    expect(() => percentile(histogram([1]), 1.5)).toThrow(RangeError);
  });
});

describe("SLA compliance with weekends and Ontario holidays", () => {
  // Paid on Thursday 2026-12-24, completed Monday 2027-01-04: Christmas (Fri 25), Boxing Day observed (Mon 28) and
  // New Year's Day (Fri 1) are not business days, nor the weekends: 29, 30, 31 December and 4 January are.
  test("an age at completion skips weekends and statutory holidays", () => {
    expect(businessDaysBetweenDates("2026-12-24", "2027-01-04")).toBe(4);
    const days = torontoDays(new Date("2027-02-01T12:00:00Z"));
    const paid = new Date("2026-12-24T20:00:00Z");
    const done = new Date("2027-01-04T15:00:00Z");
    expect(days.elapsed(paid, done)).toBe(4);
    expect(days.elapsed(paid, done)).toBe(businessDaysBetween(paid, done));
    // Toronto dates: 04:30 UTC on 2 January is still 1 January in Toronto (a holiday).
    expect(days.elapsed(startOfTorontoDay("2026-12-31"), new Date("2027-01-02T04:30:00Z"))).toBe(0);
  });

  test("within the SLA means an age at completion of at most the SLA; open past it, an age over it", () => {
    const tally = new SummaryTally(5);
    tally.add("E_TRANSCRIPT_SENT", { atCompletion: 4 });
    tally.add("E_TRANSCRIPT_SENT", { atCompletion: 5 });
    tally.add("PAPER_TRANSCRIPT_SENT", { atCompletion: 6 });
    tally.add("REQUEST_CANCELLED", { atCompletion: 1 });
    tally.add("ACTION_REQUIRED", { now: 5 });
    tally.add("FINANCIAL_HOLD", { now: 6 }, 2);
    tally.add("TRANSCRIPT_UPLOADED", { now: 30 });
    const f = tally.figures();
    expect(f.total).toBe(8);
    expect(f.tabs).toEqual({ TODO: 1, INCOMPLETE: 2, IN_PROGRESS: 1, COMPLETE: 4 });
    // A cancelled request is complete but was never answered.
    expect(f.answered).toBe(3);
    expect(f.withinSla).toBe(2);
    expect(f.withinSlaShare).toBeCloseTo(2 / 3, 10);
    expect(f.medianAge).toBe(5);
    expect(f.openPastSla).toBe(2);
    expect(f.ageing).toEqual({ days0to2: 0, days3to5: 1, days6to10: 2, over10: 0 });
  });

  test("the Christmas week: the same calendar days, fewer business days, more within the SLA", () => {
    const sla = 3;
    const weekly = new WeeklySla(sla);
    const days = torontoDays(new Date("2027-02-01T12:00:00Z"));
    // Seven calendar days each: business days 4 over Christmas, 5 in an ordinary week.
    weekly.add(days.date(new Date("2026-12-21T15:00:00Z")), businessDaysBetweenDates("2026-12-21", "2026-12-28"));
    weekly.add(days.date(new Date("2026-11-16T15:00:00Z")), businessDaysBetweenDates("2026-11-16", "2026-11-23"));
    expect(businessDaysBetweenDates("2026-12-21", "2026-12-28")).toBe(3);
    const series = weekly.series(weeksBetween("2026-11-16", "2026-12-27"));
    expect(series).toHaveLength(6);
    expect(series[0]).toEqual({ week: "2026-11-16", answered: 1, within: 0, share: 0 });
    expect(series[5]).toEqual({ week: "2026-12-21", answered: 1, within: 1, share: 1 });
    expect(series[2]!.share).toBeNull();
  });

  test("business-day numbers: their differences are businessDaysBetween, from Dates or UTC text, across DST and holidays", () => {
    const numbers = businessDayNumbers("2025-12-31");
    let seed = 11;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const start = Date.parse("2026-01-01T05:00:00Z");
    for (let i = 0; i < 2000; i++) {
      const a = new Date(start + Math.floor(rand() * 365 * 86_400_000));
      const b = new Date(a.getTime() + Math.floor(rand() * 40 * 86_400_000));
      const text = (d: Date) => (i % 2 === 0 ? d.toISOString().replace("Z", "+00:00") : d.toISOString());
      expect(numbers.of(text(b)).index - numbers.of(i % 3 === 0 ? a : text(a)).index).toBe(businessDaysBetween(a, b));
      expect(numbers.of(a).date).toBe(torontoDays(a).date(a));
    }
    expect(() => numbers.of(new Date("2025-06-01T12:00:00Z"))).toThrow(RangeError);
    // Every hour of the year, both daylight-saving changes included: the Toronto date as ICU says it.
    for (let ms = Date.parse("2026-01-01T00:00:00Z"); ms < Date.parse("2027-01-01T00:00:00Z"); ms += 3_600_000) {
      const instant = new Date(ms + 1_800_000);
      expect(numbers.of(instant).date).toBe(torontoDays(instant).date(instant));
    }
  });

  test("weeks run Monday to Sunday", () => {
    expect(weekOf("2026-11-29")).toBe("2026-11-23");
    expect(weekOf("2026-11-30")).toBe("2026-11-30");
    expect(weeksBetween("2026-11-29", "2026-12-01")).toEqual(["2026-11-23", "2026-11-30"]);
  });

  test("ageing bands", () => {
    expect([0, 2, 3, 5, 6, 10, 11, 400].map(ageBand)).toEqual(["days0to2", "days0to2", "days3to5", "days3to5", "days6to10", "days6to10", "over10", "over10"]);
  });
});

describe("answered by", () => {
  test("from the status and the current transcript or file", () => {
    expect(answeredBy("E_TRANSCRIPT_SENT", { source: "AUTO_TRMS", format: "XML" }, null)).toBe("autoTrms");
    expect(answeredBy("E_TRANSCRIPT_SENT", { source: "MANUAL", format: "XML" }, null)).toBe("xmlUpload");
    expect(answeredBy("E_TRANSCRIPT_SENT", { source: "BULK", format: "XML" }, null)).toBe("xmlUpload");
    expect(answeredBy("E_TRANSCRIPT_SENT", { source: "MANUAL", format: "PDF" }, null)).toBe("pdf");
    expect(answeredBy("PAPER_TRANSCRIPT_SENT", null, null)).toBe("paper");
    expect(answeredBy("STUDENT_NOT_FOUND", null, null)).toBe("response");
    expect(answeredBy("TRANSCRIPT_UPLOADED", null, "PDF")).toBe("pdf");
    expect(answeredBy("ACTION_REQUIRED", null, null)).toBeNull();
    expect(answeredBy("REQUEST_CANCELLED", null, null)).toBeNull();
  });
});

describe("charts and headings", () => {
  test("stacked bars add up to the row's total and every series keeps its colour and pattern", () => {
    const layout = layoutChart({
      title: "t",
      summary: "s",
      series: [
        { label: "A", color: "#000", pattern: "solid" },
        { label: "B", color: "#111", pattern: "hatch" },
      ],
      rows: [
        { label: "one", values: [3, 1] },
        { label: "two", values: [0, 2] },
      ],
      stacked: true,
      format: String,
    });
    const row0 = layout.bars.filter((b) => b.series >= 0 && b.y === layout.rows[0]!.y);
    const width = row0.reduce((w, b) => w + b.width, 0);
    expect(width).toBeCloseTo(((3 + 1) / 4) * layout.plotWidth, 6);
    // A zero segment draws nothing; each row's total is written after it.
    expect(layout.bars.filter((b) => b.series >= 0)).toHaveLength(3);
    expect(layout.bars.filter((b) => b.series < 0).map((b) => b.label)).toEqual(["4", "2"]);
  });

  test("status headings say the tab where two statuses share a label", () => {
    const fr: Record<string, string> = {
      "statuses.ACTION_REQUIRED": "Action requise",
      "statuses.INCOMPLETE_ACTION_REQUIRED": "Action requise",
      "tabs.todo": "À traiter",
      "tabs.incomplete": "Incomplète",
    };
    const headings = statusHeadings((key) => fr[key] ?? key);
    expect(headings[0]).toBe("Action requise (À traiter)");
    expect(headings[2]).toBe("Action requise (Incomplète)");
    expect(new Set(headings).size).toBe(headings.length);
  });
});
