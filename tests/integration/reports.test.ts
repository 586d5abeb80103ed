import { NextRequest } from "next/server";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { db } from "@/lib/db";
import { requestScope } from "@/lib/auth/scope";
import { businessDaysBetween, torontoDate } from "@/lib/domain/business-days";
import { parseReportParams } from "@/lib/domain/reports/report-params";
import { parseRequestSearch } from "@/lib/domain/request-search";
import { DB_TABS, isOpen, REQUEST_STATUSES } from "@/lib/domain/statuses";
import { detailedReport } from "@/lib/server/reports/detailed-report";
import { summaryReport } from "@/lib/server/reports/summary-report";
import { findRequests } from "@/lib/server/requests/find-requests";
import { listSchools } from "@/lib/server/schools/list-schools";
import { createRng } from "@/prisma/seed/prng";
import { actorFor } from "./helpers/actors";
import { seedDemo } from "./helpers/seeded";
import { signInAs } from "./helpers/session";
import { parseCsv, pdfPageTexts } from "./helpers/files";

vi.mock("@/lib/auth/auth", () => import("./helpers/session"));

const { GET: summaryCsv } = await import("@/app/api/reports/summary.csv/route");
const { GET: detailedCsv } = await import("@/app/api/reports/detailed.csv/route");
const { GET: summaryPdf } = await import("@/app/api/reports/summary.pdf/route");
const { GET: detailedPdf } = await import("@/app/api/reports/detailed.pdf/route");

const NOW = new Date();
const TODAY = torontoDate(NOW);
const USERS = ["demo.admin", "demo.board", "demo.board.user", "other.board", "demo.school", "demo.school2", "aurora.school", "boreale.school"];

const params = (query: string) => {
  const parsed = parseReportParams(new URLSearchParams(query));
  expect(parsed.errors).toEqual({});
  return parsed.params;
};
const shift = (days: number) => {
  const d = new Date(`${TODAY}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

beforeAll(async () => {
  await seedDemo(NOW);
});

async function get(handler: (r: NextRequest) => Promise<Response>, path: string, username: string | null) {
  signInAs(username ? await db.user.findUniqueOrThrow({ where: { username } }) : null);
  try {
    return await handler(new NextRequest(`http://localhost${path}`));
  } finally {
    signInAs(null);
  }
}

describe("Summary equals the dashboard", () => {
  test("for random ranges and scopes, every tab count and the total are the dashboard's with status=ALL", async () => {
    const rng = createRng(18);
    let nonEmpty = 0;
    for (let i = 0; i < 40; i++) {
      const username = rng.pick(USERS);
      const actor = await actorFor(username);
      const start = shift(-rng.int(0, 200));
      const end = shift(-rng.int(-5, 0) + Math.min(0, rng.int(-120, 30)));
      const [from, to] = start <= end ? [start, end] : [end, start];
      const schools = await listSchools(actor);
      const school = actor.role !== "SCHOOL_USER" && rng.chance(0.4) ? rng.pick(schools).mident : undefined;
      const query = `type=summary&from=${from}&to=${to}${school ? `&school=${school}` : ""}`;
      const report = await summaryReport(actor, params(query), NOW);
      expect(report, query).not.toBeNull();
      const dashboard = await findRequests({
        actor,
        search: parseRequestSearch(new URLSearchParams(`status=ALL&from=${from}&to=${to}${school ? `&school=${school}` : ""}`)).search,
      });
      for (const tab of DB_TABS) expect(report!.total.tabs[tab], `${username} ${query} ${tab}`).toBe(dashboard.counts[tab]);
      expect(report!.total.total).toBe(dashboard.total);
      // The rows add up to the total.
      for (const s of REQUEST_STATUSES) expect(report!.rows.reduce((n, r) => n + r.figures.statuses[s], 0)).toBe(report!.total.statuses[s]);
      if (dashboard.total > 0) nonEmpty++;
    }
    // The ranges are not all empty (the test would prove nothing).
    expect(nonEmpty).toBeGreaterThan(20);
  });

  test("per school and status, the counts are those of the database", async () => {
    const actor = await actorFor("demo.board");
    const report = (await summaryReport(actor, params(`from=${shift(-400)}&to=${TODAY}`), NOW))!;
    const grouped = await db.transcriptRequest.groupBy({ by: ["schoolId", "status"], where: requestScope(actor), _count: { _all: true } });
    expect(grouped.length).toBeGreaterThan(3);
    for (const g of grouped) {
      const row = report.rows.find((r) => r.school.id === g.schoolId)!;
      expect(row.figures.statuses[g.status]).toBe(g._count._all);
    }
  });

  test("SLA figures: median, 90th percentile, within the SLA and open past it, from each request's business days", async () => {
    const actor = await actorFor("demo.admin");
    const report = (await summaryReport(actor, params(`from=${shift(-400)}&to=${TODAY}`), NOW))!;
    const requests = await db.transcriptRequest.findMany({ select: { status: true, paidAt: true, completedAt: true } });
    const answered = requests.filter((r) => (r.status === "E_TRANSCRIPT_SENT" || r.status === "PAPER_TRANSCRIPT_SENT") && r.completedAt);
    const ages = answered.map((r) => businessDaysBetween(r.paidAt, r.completedAt!)).sort((a, b) => a - b);
    expect(ages.length).toBeGreaterThan(10);
    const rank = (p: number) => {
      const k = (ages.length - 1) * p;
      const lo = Math.floor(k);
      return ages[lo]! + (k - lo) * ((ages[Math.min(lo + 1, ages.length - 1)] ?? 0) - ages[lo]!);
    };
    const sla = report.slaBusinessDays;
    expect(report.total.answered).toBe(ages.length);
    expect(report.total.medianAge).toBeCloseTo(rank(0.5), 9);
    expect(report.total.p90Age).toBeCloseTo(rank(0.9), 9);
    expect(report.total.withinSla).toBe(ages.filter((a) => a <= sla).length);
    const open = requests.filter((r) => isOpen(r.status)).map((r) => businessDaysBetween(r.paidAt, NOW));
    expect(report.total.openPastSla).toBe(open.filter((a) => a > sla).length);
    expect(report.total.ageing.over10).toBe(open.filter((a) => a > 10).length);
    expect(report.total.ageing.days0to2 + report.total.ageing.days3to5 + report.total.ageing.days6to10 + report.total.ageing.over10).toBe(open.length);
    // Board analytics: the weeks add up to the answered requests.
    expect(report.weekly!.reduce((n, w) => n + w.answered, 0)).toBe(ages.length);
  });
});

describe("scope", () => {
  test("a school user's report is their school's, whatever `school` says", async () => {
    const actor = await actorFor("demo.school");
    const other = await db.school.findFirstOrThrow({ where: { id: { not: actor.schoolId! } } });
    const report = (await summaryReport(actor, params(`from=${shift(-400)}&to=${TODAY}&school=${other.mident}`), NOW))!;
    expect(report.rows.map((r) => r.school.id)).toEqual([actor.schoolId]);
    expect(report.total.total).toBe(await db.transcriptRequest.count({ where: { schoolId: actor.schoolId! } }));
    expect(report.weekly).toBeNull();
    const detailed = (await detailedReport(actor, params(`type=detailed&from=${shift(-400)}&to=${TODAY}&school=${other.mident}`), NOW))!;
    expect(detailed.page.rows.every((r) => r.school.mident === actor.school!.mident)).toBe(true);
    const res = await get(detailedCsv, `/api/reports/detailed.csv?from=${shift(-400)}&to=${TODAY}&school=${other.mident}`, "demo.school");
    const rows = parseCsv((await res.text()).replace(/^\ufeff/, "")).slice(1);
    expect(rows.length).toBe(report.total.total);
    expect(new Set(rows.map((r) => r[3]))).toEqual(new Set([actor.school!.mident]));
  });

  test("a board user asking for another board's school is refused (404), on the page's read and the exports", async () => {
    for (const username of ["demo.board", "demo.board.user", "other.board"]) {
      const actor = await actorFor(username);
      const outside = await db.school.findFirstOrThrow({ where: { boardId: { not: actor.boardId! } } });
      const q = `from=${shift(-400)}&to=${TODAY}&school=${outside.mident}`;
      expect(await summaryReport(actor, params(q), NOW)).toBeNull();
      expect(await detailedReport(actor, params(`type=detailed&${q}`), NOW)).toBeNull();
      expect((await get(summaryCsv, `/api/reports/summary.csv?${q}`, username)).status).toBe(404);
      expect((await get(detailedCsv, `/api/reports/detailed.csv?${q}`, username)).status).toBe(404);
    }
  });

  test("every role sees exactly its scope, and OCAS everything", async () => {
    for (const username of USERS) {
      const actor = await actorFor(username);
      const report = (await summaryReport(actor, params(`from=${shift(-700)}&to=${TODAY}`), NOW))!;
      expect(report.total.total, username).toBe(await db.transcriptRequest.count({ where: requestScope(actor) }));
      const inScope = new Set((await listSchools(actor)).map((s) => s.id));
      expect(report.rows.every((r) => inScope.has(r.school.id))).toBe(true);
    }
  });

  test("the Detailed report pages on the server, every request once, newest first", async () => {
    const actor = await actorFor("demo.board");
    const q = `type=detailed&from=${shift(-400)}&to=${TODAY}`;
    const first = (await detailedReport(actor, params(q), NOW))!;
    expect(first.page.rows).toHaveLength(50);
    const seen = new Set<string>();
    for (let p = 1; p <= first.page.pageCount; p++) {
      const page = (await detailedReport(actor, params(`${q}&page=${p}`), NOW))!;
      page.page.rows.forEach((r) => seen.add(r.id));
    }
    expect(seen.size).toBe(first.page.total);
    expect(first.page.total).toBe(await db.transcriptRequest.count({ where: requestScope(actor) }));
    const answered = first.page.rows.filter((r) => r.status === "E_TRANSCRIPT_SENT");
    expect(answered.every((r) => r.answer.answeredBy !== null && r.answer.completedOn !== null)).toBe(true);
  });
});

describe("exports", () => {
  test("refused without a session (401) and with invalid dates (400)", async () => {
    expect((await get(summaryCsv, `/api/reports/summary.csv?from=${shift(-10)}&to=${TODAY}`, null)).status).toBe(401);
    const bad = await get(summaryCsv, `/api/reports/summary.csv?from=${TODAY}&to=${shift(-10)}`, "demo.board");
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual({ to: "reports.errors.endBeforeStart" });
    expect((await get(detailedCsv, `/api/reports/detailed.csv?from=2020-01-01&to=2023-01-02`, "demo.board")).status).toBe(400);
    expect((await get(detailedCsv, `/api/reports/detailed.csv?to=${TODAY}`, "demo.board")).status).toBe(400);
  });

  test("Summary CSV: BOM, headers in the language, a row per school and the total equal to the report", async () => {
    const q = `from=${shift(-400)}&to=${TODAY}`;
    const res = await get(summaryCsv, `/api/reports/summary.csv?${q}&locale=fr`, "demo.board");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="trms-report-summary-/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(new TextDecoder().decode(bytes).replace(/^\ufeff/, ""));
    expect(header!.slice(0, 3)).toEqual(["École", "MIDENT", "Ville"]);
    expect(header).toContain("Terminées dans le délai");
    expect(header).toContain("Âge médian à la fin");
    const report = (await summaryReport(await actorFor("demo.board"), params(q), NOW))!;
    expect(rows).toHaveLength(report.rows.length + 1);
    const totalCol = header!.indexOf("Total");
    expect(rows.at(-1)![0]).toBe("Total");
    expect(Number(rows.at(-1)![totalCol])).toBe(report.total.total);
  });

  test("Detailed CSV: one row per request, ISO dates, labels in the language, formulas neutralised", async () => {
    const actor = await actorFor("demo.board");
    const target = await db.transcriptRequest.findFirstOrThrow({ where: requestScope(actor), orderBy: { paidAt: "desc" } });
    await db.transcriptRequest.update({ where: { id: target.id }, data: { firstName: '=HYPERLINK("x")', lastName: "+1" } });
    const q = `from=${shift(-400)}&to=${TODAY}`;
    const res = await get(detailedCsv, `/api/reports/detailed.csv?${q}&locale=en`, "demo.board");
    const [header, ...rows] = parseCsv((await res.text()).replace(/^\ufeff/, ""));
    expect(header).toEqual([
      "Reference Number",
      "Applicant",
      "School",
      "MIDENT",
      "Request Date",
      "Request Status",
      "Age (business days)",
      "Completed On",
      "Answered By",
    ]);
    expect(rows).toHaveLength(await db.transcriptRequest.count({ where: requestScope(actor) }));
    const row = rows.find((r) => r[0] === target.referenceNumber)!;
    expect(row[1]).toBe('\'=HYPERLINK("x") +1');
    expect(rows.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r[4]!) && (r[7] === "" || /^\d{4}-\d{2}-\d{2}$/.test(r[7]!)))).toBe(true);
    const answers = new Set(rows.map((r) => r[8]));
    for (const a of answers) expect(["", "Auto-TRMS", "XML upload", "PDF", "Paper", "Response"]).toContain(a);
    expect(answers.has("Paper")).toBe(true);
    // The same request through the page's read.
    const detailed = (await detailedReport(actor, params(`type=detailed&${q}`), NOW))!;
    const onScreen = detailed.page.rows.find((r) => r.id === target.id)!;
    expect(row[6]).toBe(String(onScreen.answer.age));
  });

  test("PDFs: the parameters, the charts' sentences, French headings whole, page numbers; scope refused", async () => {
    const q = `from=${shift(-400)}&to=${TODAY}`;
    const res = await get(summaryPdf, `/api/reports/summary.pdf?${q}&locale=fr`, "demo.board");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const pages = pdfPageTexts(pdf);
    const text = pages.join("\n");
    expect(text).toContain("Rapport sommaire / Summary Report");
    expect(text).toContain(shift(-400));
    expect(text).toContain("Demandes par école, par onglet");
    expect(text).toContain("Respect du délai par semaine");
    expect(text).toContain("Âge des demandes ouvertes");
    // Headings wrap between words, never inside one (no hyphen added, no ellipsis).
    expect(text).toContain("Terminées");
    expect(text).not.toContain("…");
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} de ${pages.length}`));

    const detailed = await get(detailedPdf, `/api/reports/detailed.pdf?${q}&locale=en`, "demo.school");
    expect(detailed.status).toBe(200);
    const dtext = pdfPageTexts(Buffer.from(await detailed.arrayBuffer())).join("\n");
    expect(dtext).toContain("Detailed Report / Rapport détaillé");
    expect(dtext).toContain("Answered By");
    const own = await db.transcriptRequest.findFirstOrThrow({ where: { school: { users: { some: { username: "demo.school" } } } } });
    const other = await db.transcriptRequest.findFirstOrThrow({ where: { school: { users: { none: { username: "demo.school" } } } } });
    expect(dtext).toContain(own.referenceNumber);
    expect(dtext).not.toContain(other.referenceNumber);

    const outside = await db.school.findFirstOrThrow({ where: { board: { users: { none: { username: "demo.board" } } } } });
    expect((await get(summaryPdf, `/api/reports/summary.pdf?${q}&school=${outside.mident}`, "demo.board")).status).toBe(404);
  });
});
