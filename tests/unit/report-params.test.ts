import { describe, expect, test } from "vitest";
import { latestEndDate, parseReportParams, reportParamsToSearchParams } from "@/lib/domain/reports/report-params";

const parse = (q: string) => parseReportParams(new URLSearchParams(q));

describe("report parameters", () => {
  test("a first visit asks for nothing and shows no error", () => {
    expect(parse("")).toEqual({ params: { type: "summary", from: undefined, to: undefined, school: undefined, page: 1 }, errors: {}, requested: false });
  });

  test("both dates are required once a report is asked for", () => {
    expect(parse("type=summary").errors).toEqual({ from: "reports.errors.startRequired", to: "reports.errors.endRequired" });
    expect(parse("from=2026-01-01").errors).toEqual({ to: "reports.errors.endRequired" });
  });

  test("dates are real calendar dates, the end not before the start, at most two years apart", () => {
    expect(parse("from=2026-02-30&to=2026-03-01").errors).toEqual({ from: "reports.errors.invalidDate" });
    expect(parse("from=2026-03-01&to=2026-02-28").errors).toEqual({ to: "reports.errors.endBeforeStart" });
    expect(parse("from=2024-03-01&to=2026-03-01").errors).toEqual({});
    expect(parse("from=2024-03-01&to=2026-03-02").errors).toEqual({ to: "reports.errors.rangeTooLong" });
    // 29 February: two years later is 28 February.
    expect(latestEndDate("2024-02-29")).toBe("2026-02-28");
    expect(parse("from=2024-02-29&to=2026-03-01").errors).toEqual({ to: "reports.errors.rangeTooLong" });
    expect(parse("from=2026-01-01&to=2026-01-01").errors).toEqual({});
  });

  test("the school is a MIDENT; the type and the page have defaults", () => {
    expect(parse("from=2026-01-01&to=2026-02-01&school=12345x").errors).toEqual({ school: "reports.errors.unknownSchool" });
    const { params } = parse("type=detailed&from=2026-01-01&to=2026-02-01&school=999999&page=3");
    expect(params).toEqual({ type: "detailed", from: "2026-01-01", to: "2026-02-01", school: "999999", page: 3 });
    expect(parse("type=other&page=-2&from=2026-01-01&to=2026-01-02").params).toMatchObject({ type: "summary", page: 1 });
  });

  test("written back in one order, without defaults", () => {
    const { params } = parse("page=2&school=999999&to=2026-02-01&from=2026-01-01&type=detailed");
    expect(reportParamsToSearchParams(params).toString()).toBe("type=detailed&from=2026-01-01&to=2026-02-01&school=999999&page=2");
    expect(reportParamsToSearchParams({ ...params, type: "summary" }).toString()).toBe("type=summary&from=2026-01-01&to=2026-02-01&school=999999");
  });
});
