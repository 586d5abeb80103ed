// The demo data keeps the promises of contracts §7: fixed identifiers, the five accounts, the PESC example request,
// every status, ages on both sides of the SLA, determinism.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { openSecret } from "@/lib/auth/secret-box";
import { createDbClient } from "@/lib/db-client";
import { env } from "@/lib/env";
import { reconcileBackgroundWork } from "@/lib/server/jobs/reconcile";
import { businessDaysBetween } from "@/lib/domain/business-days";
import { foldName } from "@/lib/domain/fold";
import { hasValidOenCheckDigit } from "@/lib/domain/oen";
import { isComplete, REQUEST_STATUSES, tabOfStatus, type RequestStatus } from "@/lib/domain/statuses";
import { buildPescTranscript } from "@/prisma/seed/pesc-template.mjs";
import { DEFAULT_COLLEGE_DOUBLE_URL, DEFAULT_SIS_DOUBLE_SECRET, demoCollegeSecret } from "@/prisma/seed/reference-data";
import { seed } from "@/prisma/seed/seed-demo";

const db = createDbClient(process.env.DATABASE_URL!);
// A Wednesday afternoon in Toronto; the second run uses a Saturday just after midnight.
const TODAY = new Date("2026-11-25T19:30:00Z");
const OTHER_DAY = new Date("2026-11-28T05:03:00Z");

const ACCOUNTS = [
  { username: "demo.admin", password: "Demo-Admin-2026!", role: "OCAS_ADMIN", board: null, school: null },
  { username: "demo.board", password: "Demo-Board-2026!", role: "BOARD_ADMIN", board: "99999", school: null },
  { username: "demo.school", password: "Demo-School-2026!", role: "SCHOOL_USER", board: "99999", school: "999999" },
  { username: "demo.school2", password: "Demo-School2-2026!", role: "SCHOOL_USER", board: "99999", school: "999998" },
  { username: "other.board", password: "Demo-Other-2026!", role: "BOARD_USER", board: "99998", school: null },
] as const;

const identity = () =>
  db.transcriptRequest.findMany({
    orderBy: { referenceNumber: "asc" },
    select: { referenceNumber: true, requestNumber: true, accountNumber: true, firstName: true, lastName: true, status: true, oen: true },
  });

let firstRun: Awaited<ReturnType<typeof identity>>;

beforeAll(async () => {
  await seed(db, { today: TODAY });
  firstRun = await identity();
}, 60_000);
afterAll(() => db.$disconnect());

describe("reference data", () => {
  it("has the two boards and four schools with their fixed identifiers", async () => {
    const boards = await db.board.findMany({ orderBy: { number: "desc" }, include: { schools: { orderBy: { mident: "desc" } } } });
    expect(boards.map((b) => [b.number, b.nameEn, b.nameFr, b.language])).toEqual([
      ["99999", "Demo District School Board", "Conseil scolaire de district démo", "en"],
      ["99998", "Northern Lights District School Board", "Conseil scolaire des Aurores boréales", "fr"],
    ]);
    expect(boards.map((b) => b.schools.map((s) => [s.mident, s.nameEn, s.city]))).toEqual([
      [
        ["999999", "Sample High School", "Toronto"],
        ["999998", "Lakeview Secondary School", "Mississauga"],
      ],
      [
        ["999997", "Aurora Collegiate", "Timmins"],
        ["999996", "École secondaire Boréale", "Kapuskasing"],
      ],
    ]);
    expect(boards[1]!.schools[1]!.nameFr).toBe("École secondaire Boréale");
    expect(boards.flatMap((b) => b.schools).every((s) => s.nameFr.length > 0)).toBe(true);
    expect(boards[0]).toMatchObject({ autoTrmsEnabled: false, autoTrmsUrl: null, autoTrmsSecret: null });
    expect(boards[1]).toMatchObject({ autoTrmsEnabled: true, autoTrmsUrl: process.env.SIS_DOUBLE_URL || "http://127.0.0.1:4010/sis" });
    // The SIS double's secret, sealed with this process's AUTH_SECRET (never stored in clear).
    expect(boards[1]!.autoTrmsSecret).not.toContain(DEFAULT_SIS_DOUBLE_SECRET);
    expect(openSecret(boards[1]!.autoTrmsSecret!)).toBe(process.env.SIS_DOUBLE_SECRET || DEFAULT_SIS_DOUBLE_SECRET);
  });

  it("has the 24 Ontario public colleges, Seneca and Algonquin among them", async () => {
    const colleges = await db.college.findMany();
    expect(colleges).toHaveLength(24);
    expect(colleges.every((c) => /^[A-Z]{4}$/.test(c.code) && c.nameEn && c.nameFr && c.active)).toBe(true);
    // Each delivers to the college test double, signed with its demo secret, sealed like the SIS secrets.
    const base = process.env.COLLEGE_DOUBLE_URL || DEFAULT_COLLEGE_DOUBLE_URL;
    for (const c of colleges) {
      expect(c.deliveryUrl).toBe(`${base}/colleges/${c.code}`);
      expect(c.deliverySecret).not.toContain("whsec_");
      expect(openSecret(c.deliverySecret!)).toBe(demoCollegeSecret(c.code));
    }
    expect(colleges.find((c) => c.code === "SENE")?.nameEn).toMatch(/Seneca/);
    expect(colleges.find((c) => c.code === "ALGO")?.nameEn).toMatch(/Algonquin/);
    expect(colleges.filter((c) => /Boréal|La Cité/.test(c.nameEn)).every((c) => c.nameEn === c.nameFr)).toBe(true);
  });

  it("sets the SLA to 5 business days", async () => {
    expect(await db.appSetting.findUnique({ where: { id: "global" } })).toMatchObject({ slaBusinessDays: 5 });
  });

  it("has the five demo accounts, which sign in with their passwords only", async () => {
    for (const account of ACCOUNTS) {
      const user = await db.user.findUniqueOrThrow({ where: { username: account.username }, include: { board: true, school: true } });
      expect(user).toMatchObject({ role: account.role, mustChangePassword: false, active: true });
      expect(user.school?.mident ?? null).toBe(account.school);
      if (account.role !== "SCHOOL_USER") expect(user.board?.number ?? null).toBe(account.board);
      expect(await verifyPassword(account.password, user.passwordHash)).toBe(true);
      expect(await verifyPassword(account.password.toLowerCase(), user.passwordHash)).toBe(false);
    }
    expect((await db.user.findUniqueOrThrow({ where: { username: "other.board" } })).language).toBe("fr");
    expect(await db.user.count()).toBeGreaterThanOrEqual(8);
  });
});

describe("requests", () => {
  it("has the request of the real PESC example in To Do of Sample High School", async () => {
    const r = await db.transcriptRequest.findUniqueOrThrow({
      where: { referenceNumber: "REF-45454545" },
      include: { applicant: true, school: true, destinations: { include: { college: true } } },
    });
    expect(r).toMatchObject({
      status: "ACTION_REQUIRED",
      tab: "TODO",
      requestType: "ORIGINAL",
      sendOption: "SEND_NOW",
      sendAfter: null,
      lastAttended: "2016-03",
      firstName: "Senior",
      lastName: "Student",
      oen: "999999999",
    });
    expect(r.school.mident).toBe("999999");
    expect(r.applicant).toMatchObject({
      firstName: "Senior",
      middleName: "High School",
      lastName: "Student",
      dateOfBirth: "1987-05-16",
      gender: "MALE",
      oen: "999999999",
      studentNumber: "000309945335",
    });
    expect(r.destinations.map((d) => d.college.code).sort()).toEqual(["ALGO", "SENE"]);
    expect(businessDaysBetween(r.paidAt, TODAY)).toBe(2);
  });

  it("has about 300 requests in every status, each in the tab of its status", async () => {
    const requests = await db.transcriptRequest.findMany({ include: { school: true, board: true } });
    expect(requests.length).toBeGreaterThanOrEqual(250);
    expect(requests.length).toBeLessThanOrEqual(350);
    expect(new Set(requests.map((r) => r.status))).toEqual(new Set(REQUEST_STATUSES));
    for (const r of requests) {
      expect(r.tab).toBe(tabOfStatus(r.status));
      expect(r.boardId).toBe(r.school.boardId);
      expect(r.completedAt !== null).toBe(isComplete(r.status));
      expect(r.firstNameFolded).toBe(foldName(r.firstName));
      expect(r.lastNameFolded).toBe(foldName(r.lastName));
      expect(r.referenceNumber).toMatch(/^REF-\d{8}$/);
      expect(r.requestNumber).toMatch(/^\d{9}$/);
      expect(r.accountNumber).toMatch(/^\d{8}$/);
      expect(r.lastAttended).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
      expect(r.version).toBe(0);
    }
    // Every status in each school of the first board, Auto-Process Error only on the Auto-TRMS board.
    for (const mident of ["999999", "999998"]) {
      const statuses = new Set(requests.filter((r) => r.school.mident === mident).map((r) => r.status));
      expect([...statuses].sort()).toEqual(REQUEST_STATUSES.filter((s) => s !== "AUTO_PROCESS_ERROR").sort());
    }
    expect(requests.filter((r) => r.status === "AUTO_PROCESS_ERROR").every((r) => r.board.autoTrmsEnabled)).toBe(true);
    for (const r of requests.filter((r) => r.status === "AUTO_PROCESS_ERROR" || r.status === "FILE_UPLOAD_ERROR")) {
      expect(JSON.parse(r.statusReason!)).toHaveProperty("key");
    }
    expect(new Set(requests.map((r) => r.requestType))).toEqual(new Set(["ORIGINAL", "REISSUE"]));
  });

  it("has ages on both sides of the 5-business-day SLA, in To Do too", async () => {
    const requests = await db.transcriptRequest.findMany({ include: { school: true } });
    const ages = requests.map((r) => businessDaysBetween(r.paidAt, TODAY));
    expect(requests.every((r) => r.paidAt <= TODAY && r.statusChangedAt <= TODAY && r.statusChangedAt >= r.paidAt)).toBe(true);
    expect(Math.max(...ages)).toBeLessThanOrEqual(30);
    for (const age of [0, 1, 2, 3, 4, 5, 6]) expect(ages).toContain(age);
    expect(ages.filter((a) => a > 10).length).toBeGreaterThan(20);
    const todo = requests.filter((r) => r.tab === "TODO" && r.school.mident === "999999").map((r) => businessDaysBetween(r.paidAt, TODAY));
    expect(todo.some((a) => a < 5) && todo.includes(5) && todo.some((a) => a > 5)).toBe(true);
  });

  it("has requests to send at the end of the semester, some due and some waiting", async () => {
    const requests = await db.transcriptRequest.findMany();
    const eos = requests.filter((r) => r.sendOption === "END_OF_SEMESTER");
    expect(eos.length).toBeGreaterThanOrEqual(requests.length * 0.08);
    expect(eos.every((r) => r.sendAfter !== null)).toBe(true);
    expect(requests.filter((r) => r.sendOption === "SEND_NOW").every((r) => r.sendAfter === null)).toBe(true);
    expect(eos.some((r) => r.sendAfter! > TODAY) && eos.some((r) => r.sendAfter! < TODAY)).toBe(true);
    // Only a request still waiting in Action Required has a send-after date in the future.
    expect(eos.filter((r) => r.sendAfter! > TODAY).every((r) => r.status === "ACTION_REQUIRED")).toBe(true);
  });

  it("has French and English applicants with accented names, valid OENs and unique account numbers", async () => {
    const applicants = await db.applicant.findMany({ include: { requests: true } });
    expect(applicants.some((a) => a.preferredLanguage === "fr") && applicants.some((a) => a.preferredLanguage === "en")).toBe(true);
    const names = applicants.map((a) => `${a.firstName} ${a.lastName}`);
    for (const name of ["Émilie Tremblay", "Zoë Côté", "François Lefèvre", "Hélène Bélanger", "Noémie Bérubé"]) expect(names).toContain(name);
    expect(applicants.some((a) => a.lastName.includes("'"))).toBe(true);
    expect(applicants.some((a) => a.formerLastName) && applicants.some((a) => a.middleName)).toBe(true);
    expect(applicants.some((a) => a.requests.length === 2)).toBe(true);
    const oens = applicants.map((a) => a.oen).filter((o): o is string => o !== null);
    expect(oens.length).toBeLessThan(applicants.length);
    expect(oens.filter((o) => !hasValidOenCheckDigit(o))).toEqual(["999999999"]);
    expect(new Set(oens).size).toBe(oens.length);
    for (const a of applicants) {
      expect(["MALE", "FEMALE", "X"]).toContain(a.gender);
      expect(a.dateOfBirth >= "1985-01-01" && a.dateOfBirth <= "2008-12-31").toBe(true);
      expect(a.requests.every((r) => r.accountNumber === a.accountNumber)).toBe(true);
    }
  });

  it("gives every request destinations and a timeline that ends in its status", async () => {
    const requests = await db.transcriptRequest.findMany({
      include: { destinations: true, events: { orderBy: { createdAt: "asc" } } },
    });
    for (const r of requests) {
      expect(r.destinations.length).toBeGreaterThanOrEqual(1);
      expect(r.destinations.length).toBeLessThanOrEqual(3);
      expect(r.events[0]).toMatchObject({ type: "created", actorLabel: "intake-api" });
      expect(r.events[0]!.createdAt.getTime()).toBe(r.paidAt.getTime());
      // Every row that records a change of status, whatever its kind (uploads, processing, Auto-TRMS, people).
      const changes = r.events
        .filter((e) => e.type !== "created" && e.type !== "released")
        .map((e) => JSON.parse(e.data!) as { from: RequestStatus; to: RequestStatus });
      let status: RequestStatus = "ACTION_REQUIRED";
      for (const change of changes) {
        expect(change.from).toBe(status);
        status = change.to;
      }
      expect(status).toBe(r.status);
      expect(r.events.every((e) => (e.actorId === null) !== (e.actorLabel === null))).toBe(true);
    }
  });

  it("creates no state the product could not reach: every upload has its file, every Auto-TRMS change its attempt", async () => {
    const requests = await db.transcriptRequest.findMany({
      include: { files: true, transcripts: true, autoMatches: true, events: true, board: true },
    });
    const dir = path.resolve(env().FILE_STORAGE_DIR);
    for (const r of requests) {
      const uploads = r.events.filter((e) => e.type === "upload");
      expect(r.files).toHaveLength(uploads.length);
      for (const file of r.files) {
        const bytes = fs.readFileSync(path.join(dir, file.storedName));
        expect(bytes.byteLength).toBe(file.size);
        expect(crypto.createHash("sha256").update(bytes).digest("hex")).toBe(file.sha256);
      }
      if (r.status === "TRANSCRIPT_UPLOADED") {
        // In Progress waits for something: a PDF in the PDF queue (OCAS completes it).
        expect(r.files.map((f) => f.kind)).toEqual(["PDF"]);
        expect(fs.readFileSync(path.join(dir, r.files[0]!.storedName)).subarray(0, 5).toString()).toBe("%PDF-");
      }
      if (r.status === "FILE_UPLOAD_ERROR") expect(r.events.some((e) => e.type === "processing_failed")).toBe(true);
      for (const t of r.transcripts.filter((t) => t.source === "MANUAL")) expect(r.files.map((f) => f.id)).toContain(t.fileId);
      const byAutoTrms = r.events.filter((e) => e.actorLabel === "auto-trms");
      expect(r.autoMatches).toHaveLength(byAutoTrms.length);
    }
    // Nothing for the reconciler to repair in fresh demo data, even once its waiting times have passed.
    expect(await reconcileBackgroundWork({ now: new Date(Date.now() + 10 * 60_000) })).toEqual({ processTranscript: 0, release: 0, autoMatch: 0, email: 0 });
    expect(await db.outboxEvent.count()).toBe(0);
  });

  it("stores a PESC transcript for each E-Transcript Sent request", async () => {
    const sent = await db.transcriptRequest.findMany({ where: { status: "E_TRANSCRIPT_SENT" }, include: { transcripts: true, applicant: true } });
    expect(sent.length).toBeGreaterThan(0);
    const sources = new Set<string>();
    for (const r of sent) {
      expect(r.transcripts).toHaveLength(1);
      const t = r.transcripts[0]!;
      sources.add(t.source);
      expect(t).toMatchObject({ format: "XML", isCurrent: true });
      expect(XMLValidator.validate(t.content!)).toBe(true);
      expect(t.content).toContain(`<RequestTrackingID>${r.referenceNumber}</RequestTrackingID>`);
      expect(t.content).toContain(`<BirthDate>${r.applicant.dateOfBirth}</BirthDate>`);
      const { createHash } = await import("node:crypto");
      expect(t.sha256).toBe(createHash("sha256").update(t.content!, "utf8").digest("hex"));
    }
    expect(sources).toEqual(new Set(["MANUAL", "AUTO_TRMS"]));
  });
});

describe("PESC template", () => {
  it("rebuilds the real example from its own values, and escapes XML", () => {
    const fixture = fs.readFileSync("tests/fixtures/pesc/ontario-highschool-transcript.xml", "utf8");
    const input = {
      referenceNumber: "REF-45454545",
      firstName: "Senior",
      middleName: "High School",
      lastName: "Student",
      dateOfBirth: "1987-05-16",
      gender: "MALE",
      oen: "999999999",
      schoolName: "Sample High School",
      mident: "999999",
      studentNumber: "000309945335",
    };
    const withoutDocumentId = (xml: string) => xml.replace(/<DocumentID>\d+<\/DocumentID>/, "");
    expect(withoutDocumentId(buildPescTranscript(input))).toBe(withoutDocumentId(fixture));
    const tricky = buildPescTranscript({ ...input, firstName: "Zoë <b>", middleName: null, lastName: "O'Neil & Co", gender: "X", oen: null });
    expect(XMLValidator.validate(tricky)).toBe(true);
    expect(tricky).toContain("<FirstName>Zoë &lt;b&gt;</FirstName>");
    expect(tricky).toContain("<LastName>O&apos;Neil &amp; Co</LastName>");
    expect(tricky).not.toContain("<MiddleName>");
    expect(tricky).toContain("<GenderCode>X</GenderCode>");
  });
});

describe("determinism", () => {
  it("creates the same requests on another run, whatever the day", async () => {
    await seed(db, { today: OTHER_DAY });
    expect(await identity()).toEqual(firstRun);
    const pesc = await db.transcriptRequest.findUniqueOrThrow({ where: { referenceNumber: "REF-45454545" } });
    expect(businessDaysBetween(pesc.paidAt, OTHER_DAY)).toBe(2);
    const requests = await db.transcriptRequest.findMany({ select: { paidAt: true, statusChangedAt: true } });
    expect(requests.every((r) => r.paidAt <= OTHER_DAY && r.statusChangedAt <= OTHER_DAY)).toBe(true);
    expect(await db.board.count()).toBe(2);
  }, 60_000);
});
