import { NextRequest } from "next/server";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { db } from "@/lib/db";
import { requestScope } from "@/lib/auth/scope";
import { businessDaysBetween, torontoDate } from "@/lib/domain/business-days";
import { foldName } from "@/lib/domain/fold";
import { parseRequestSearch, SORT_KEYS } from "@/lib/domain/request-search";
import { EXPORT_BATCH_SIZE, exportBatches, exportRows } from "@/lib/server/exports/export-rows";
import { requestsCsvStream } from "@/lib/server/exports/requests-csv";
import { requestsPdf } from "@/lib/server/exports/requests-pdf";
import { requestOrderBy, requestWhere } from "@/lib/server/requests/request-where";
import { listenToDashboardSql } from "@/lib/server/sql/dashboard-reader";
import { isPostgres } from "@/lib/database-url.mjs";
import { actorFor } from "./helpers/actors";
import { seedDemo } from "./helpers/seeded";
import { signInAs } from "./helpers/session";
import { parseCsv, pdfPageTexts } from "./helpers/files";

// The route handlers read the session through the guard; here the guard answers with the actor a test chooses.
vi.mock("@/lib/auth/auth", () => import("./helpers/session"));

const { GET: getCsv } = await import("@/app/api/exports/requests.csv/route");
const { GET: getPdf } = await import("@/app/api/exports/requests.pdf/route");

const NOW = new Date();
// SQLite streams one statement by default; keyset batches are what PostgreSQL (and SQLite outside WAL mode) use.
const READINGS = isPostgres(process.env.DATABASE_URL) ? (["keyset"] as const) : (["statement", "keyset"] as const);
const search = (query: string) => parseRequestSearch(new URLSearchParams(query)).search;

beforeAll(async () => {
  await seedDemo(NOW);
});

async function readStream(stream: ReadableStream<Uint8Array>) {
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  const reader = stream.getReader();
  const chunks: string[] = [];
  let bytes: Uint8Array | undefined;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes ??= value;
    chunks.push(decoder.decode(value, { stream: true }));
  }
  return { text: chunks.join("") + decoder.decode(), firstBytes: bytes, chunks: chunks.length };
}

async function csvOf(username: string, query: string, locale: "en" | "fr" = "en") {
  const actor = await actorFor(username);
  const { text, firstBytes } = await readStream(requestsCsvStream({ actor, search: search(query), locale, now: NOW }));
  const [header, ...rows] = parseCsv(text.replace(/^\ufeff/, ""));
  return { text, firstBytes, header: header!, rows, column: (name: string) => rows.map((r) => r[header!.indexOf(name)]!) };
}

function pdfTitle(pdf: Buffer): string {
  const raw = pdf.toString("latin1");
  const ref = /\/Title (\d+) 0 R/.exec(raw)?.[1];
  const literal = ref ? new RegExp(`\\n${ref} 0 obj\\s*\\((.*?)\\)\\s*endobj`, "s").exec(raw)?.[1] : /\/Title \((.*?)\)/s.exec(raw)?.[1];
  const bytes = Buffer.from((literal ?? "").replace(/\\([()\\])/g, "$1"), "latin1");
  return bytes[0] === 0xfe && bytes[1] === 0xff ? bytes.subarray(2).swap16().toString("utf16le") : bytes.toString("latin1");
}

describe("exportRows", () => {
  test("reads the dashboard's rows in the dashboard's order, for every sort, across batch boundaries", async () => {
    // Ties and NULLs where the keyset has to get them right: equal payment instants, and send-after dates
    // missing or present in both send options.
    const some = await db.transcriptRequest.findMany({ orderBy: { referenceNumber: "asc" }, take: 12, select: { id: true } });
    const tie = new Date("2026-10-01T14:00:00Z");
    await db.transcriptRequest.updateMany({ where: { id: { in: some.slice(0, 6).map((r) => r.id) } }, data: { paidAt: tie } });
    await db.transcriptRequest.updateMany({
      where: { id: { in: some.slice(6, 9).map((r) => r.id) } },
      data: { sendOption: "END_OF_SEMESTER", sendAfter: null },
    });
    await db.transcriptRequest.updateMany({ where: { id: { in: some.slice(9, 12).map((r) => r.id) } }, data: { sendOption: "SEND_NOW", sendAfter: tie } });

    for (const username of ["demo.admin", "demo.board", "demo.school"]) {
      const actor = await actorFor(username);
      for (const sort of username === "demo.admin" ? SORT_KEYS : (["requestDate", "sendDate"] as const)) {
        for (const dir of ["asc", "desc"] as const) {
          const s = search(`status=ALL&sort=${sort}&dir=${dir}`);
          const expected = await db.transcriptRequest.findMany({
            where: requestWhere(actor, s, { withStatus: true }),
            orderBy: requestOrderBy(s.sort, s.dir),
            select: { id: true },
          });
          for (const reading of READINGS) {
            const got: string[] = [];
            for await (const row of exportRows({ actor, search: s, batchSize: 23, now: NOW, reading })) got.push(row.id);
            expect(got, `${username} ${sort} ${dir} (${reading})`).toEqual(expected.map((r) => r.id));
            expect(got.length).toBeGreaterThan(50);
          }
        }
      }
    }
  });

  test("each row has the dashboard's columns, the applicant's details and the destination colleges", async () => {
    const actor = await actorFor("demo.school");
    const rows = [];
    for (const reading of READINGS) {
      for await (const row of exportRows({ actor, search: search("status=ALL&referenceNumber=REF-45454545"), now: NOW, reading })) rows.push(row);
    }
    expect(rows).toHaveLength(READINGS.length);
    expect(rows.at(-1)).toEqual(rows[0]);
    const stored = await db.transcriptRequest.findUniqueOrThrow({
      where: { referenceNumber: "REF-45454545" },
      include: { applicant: true, school: true, destinations: { include: { college: true } } },
    });
    const row = rows[0]!;
    expect(row).toMatchObject({
      referenceNumber: "REF-45454545",
      requestNumber: stored.requestNumber,
      accountNumber: stored.accountNumber,
      requestDate: torontoDate(stored.paidAt),
      age: businessDaysBetween(stored.paidAt, NOW),
      firstName: stored.firstName,
      lastName: stored.lastName,
      requestType: stored.requestType,
      lastAttended: stored.lastAttended,
      sendOption: stored.sendOption,
      status: stored.status,
      school: { mident: "999999", nameEn: stored.school.nameEn, nameFr: stored.school.nameFr },
      applicant: {
        firstName: stored.applicant.firstName,
        middleName: stored.applicant.middleName,
        lastName: stored.applicant.lastName,
        formerLastName: stored.applicant.formerLastName,
        dateOfBirth: stored.applicant.dateOfBirth,
        gender: stored.applicant.gender,
        oen: stored.applicant.oen,
        studentNumber: stored.applicant.studentNumber,
        email: stored.applicant.email,
        phone: stored.applicant.phone,
        preferredLanguage: stored.applicant.preferredLanguage,
      },
    });
    expect(row.colleges).toEqual(stored.destinations.map((d) => d.college.code).sort());
    expect(row.colleges.length).toBeGreaterThan(0);
  });

  test("keyset batches name a college added while the export runs, and a request's colleges as they are when its batch is read", async () => {
    const actor = await actorFor("demo.school");
    const exportSearch = search("status=ALL");
    const order: string[] = [];
    for await (const row of exportRows({ actor, search: exportSearch, now: NOW, reading: "keyset" })) order.push(row.referenceNumber);
    expect(order.length).toBeGreaterThan(4);
    const later = await db.transcriptRequest.findUniqueOrThrow({ where: { referenceNumber: order[3]! }, include: { destinations: true } });

    const batches = exportBatches({ actor, search: exportSearch, batchSize: 2, now: NOW, reading: "keyset" });
    const first = await batches.next();
    expect(first.done).toBe(false);
    // Between two batches: a new college, and the later request sent there too.
    const college = await db.college.create({ data: { code: "ZZNEWCOL", nameEn: "New College", nameFr: "Nouveau collège" } });
    await db.requestDestination.create({ data: { requestId: later.id, collegeId: college.id } });
    try {
      const rows = [];
      for (let next = await batches.next(); !next.done; next = await batches.next()) rows.push(...next.value);
      const row = rows.find((r) => r.referenceNumber === later.referenceNumber)!;
      expect(row.colleges).toContain("ZZNEWCOL");
      expect(row.colleges).toHaveLength(later.destinations.length + 1);
      expect(row.colleges).toEqual([...row.colleges].sort());
    } finally {
      await batches.return(undefined);
      await db.requestDestination.delete({ where: { requestId_collegeId: { requestId: later.id, collegeId: college.id } } });
      await db.college.delete({ where: { id: college.id } });
    }
  });

  test("exports every page of the search, and stops at a limit", async () => {
    const actor = await actorFor("demo.admin");
    const count = await db.transcriptRequest.count();
    for (const reading of READINGS) {
      let n = 0;
      for await (const _ of exportRows({ actor, search: search("status=ALL&page=3"), batchSize: 50, reading })) n++;
      expect(n).toBe(count);
      for (const limit of [0, 1, 50, 120]) {
        n = 0;
        for await (const _ of exportRows({ actor, search: search("status=ALL"), batchSize: 50, limit, reading })) n++;
        expect(n, `${reading} limit ${limit}`).toBe(limit);
      }
    }
  });
});

describe("CSV", () => {
  test("UTF-8 with a BOM and English headers: every column and the applicant's details", async () => {
    const { firstBytes, header, rows } = await csvOf("demo.board", "tab=todo");
    expect([...firstBytes!.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(header).toEqual([
      "Request Date",
      "Age",
      "Reference Number",
      "Name",
      "Request Type",
      "Last Attended",
      "Send Date",
      "Send After",
      "Request Status",
      "School",
      "School MIDENT",
      "Request Number",
      "Account Number",
      "First Name",
      "Middle Name",
      "Last Name",
      "Former Last Name",
      "Date of Birth",
      "Gender",
      "OEN",
      "Student Number",
      "Email",
      "Phone",
      "Preferred Language",
      "Colleges",
    ]);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toHaveLength(header.length);
      expect(row[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(row[1]).toMatch(/^\d+$/);
      expect(["Action Required", "Auto-Process Error"]).toContain(row[8]);
      expect(["Original", "Reissue"]).toContain(row[4]);
      expect(["Send Now", "Send at End of Semester"]).toContain(row[6]);
      // (The first test gave some requests of each send option a send-after date or none.)
      expect(row[7]).toMatch(/^(\d{4}-\d{2}-\d{2})?$/);
      expect(row[17]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  test("French headers and values", async () => {
    const { header, rows } = await csvOf("demo.board", "status=ALL", "fr");
    expect(header.slice(0, 11)).toEqual([
      "Date demande",
      "Âge",
      "Numéro de référence",
      "Nom",
      "Type de demande",
      "Dernière année d'études",
      "Date d'envoi",
      "Envoyer après le",
      "État de la demande",
      "École",
      "MIDENT de l'école",
    ]);
    expect(header).toContain("Date de naissance");
    expect(header).toContain("Courriel");
    const statuses = new Set(rows.map((r) => r[8]));
    expect(statuses).toContain("Relevé de notes électronique envoyé");
    expect([...statuses].every((s) => !/_/.test(s!))).toBe(true);
    expect(new Set(rows.map((r) => r[4]))).toEqual(new Set(["Originale", "Réémission"]));
    expect(new Set(rows.map((r) => r[23])).has("Français")).toBe(true);
  });

  test("scope: a school user gets only their school; the other school never sees REF-45454545", async () => {
    const school = await csvOf("demo.school", "status=ALL");
    const actor = await actorFor("demo.school");
    expect(school.rows).toHaveLength(await db.transcriptRequest.count({ where: requestScope(actor) }));
    expect(new Set(school.column("School MIDENT"))).toEqual(new Set(["999999"]));
    expect(school.column("Reference Number")).toContain("REF-45454545");

    const other = await csvOf("demo.school2", "status=ALL");
    expect(new Set(other.column("School MIDENT"))).toEqual(new Set(["999998"]));
    expect(other.text).not.toContain("REF-45454545");
    const guessed = await csvOf("demo.school2", "status=ALL&referenceNumber=REF-45454545");
    expect(guessed.rows).toEqual([]);
  });

  test("a last-name search narrows the rows, accent- and case-insensitively", async () => {
    const all = await csvOf("demo.admin", "status=ALL");
    for (const prefix of ["bel", "TREMB"]) {
      const found = await csvOf("demo.admin", `status=ALL&lastName=${prefix}`);
      expect(found.rows.length).toBeGreaterThan(0);
      expect(found.rows.length).toBeLessThan(all.rows.length);
      for (const name of found.column("Last Name")) expect(foldName(name).startsWith(foldName(prefix))).toBe(true);
    }
    expect((await csvOf("demo.admin", "status=ALL&lastName=bel")).column("Last Name")).toContain("Bélanger");
  });

  test("formula cells are neutralised; markup, quotes, commas and emoji stay text", async () => {
    const request = await db.transcriptRequest.update({
      where: { referenceNumber: "REF-45454545" },
      data: { firstName: "=cmd|' /C calc'!A0", lastName: "Zoë 🎓" },
    });
    await db.applicant.update({
      where: { id: request.applicantId },
      data: {
        firstName: "+1",
        lastName: "@SUM(1)",
        middleName: "-2+3",
        formerLastName: '<script>alert("x")</script>, O"Neil',
        phone: "\t=1",
        studentNumber: "line\nbreak",
      },
    });
    const { rows, column, header, text } = await csvOf("demo.school", "status=ALL&referenceNumber=REF-45454545");
    expect(rows).toHaveLength(1);
    const cell = (name: string) => rows[0]![header.indexOf(name)];
    expect(cell("Name")).toBe("'=cmd|' /C calc'!A0 Zoë 🎓");
    expect(cell("First Name")).toBe("'+1");
    expect(cell("Last Name")).toBe("'@SUM(1)");
    expect(cell("Middle Name")).toBe("'-2+3");
    expect(cell("Phone")).toBe("'\t=1");
    expect(cell("Former Last Name")).toBe('<script>alert("x")</script>, O"Neil');
    expect(column("Reference Number")).toEqual(["REF-45454545"]);
    // A line break inside a cell is quoted (a spreadsheet would start a new row at a bare line feed).
    expect(cell("Student Number")).toBe("line\nbreak");
    expect(text).toContain(',"line\nbreak",');
  });
});

describe("routes", () => {
  test("no session: 401 JSON, never a redirect to a page", async () => {
    signInAs(null);
    for (const get of [getCsv, getPdf]) {
      const res = await get(new NextRequest("http://localhost/api/exports/requests.csv?tab=todo"));
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toContain("application/json");
      expect(await res.json()).toEqual({ error: "unauthenticated" });
    }
  });

  test("an invalid search: 400 with the error keys", async () => {
    signInAs(await actorFor("demo.school"));
    const res = await getCsv(new NextRequest("http://localhost/api/exports/requests.csv?from=2026-13-45&oen=12"));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "invalidSearch", errors: { from: "search.errors.invalidDate", oen: "search.errors.invalidOen" } });
  });

  test("CSV download: headers, file name, the user's language by default and `locale` to choose", async () => {
    await db.user.update({ where: { username: "demo.school" }, data: { language: "fr" } });
    signInAs(await actorFor("demo.school"));
    const res = await getCsv(new NextRequest("http://localhost/api/exports/requests.csv?tab=in-progress"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="trms-requests-in-progress-${torontoDate(new Date())}.csv"`);
    const { text } = await readStream(res.body!);
    expect(text.startsWith("\ufeffDate demande,Âge,")).toBe(true);

    const en = await getCsv(new NextRequest("http://localhost/api/exports/requests.csv?status=ALL&locale=en"));
    expect(en.headers.get("content-disposition")).toContain('filename="trms-requests-search-');
    expect((await readStream(en.body!)).text.startsWith("\ufeffRequest Date,Age,")).toBe(true);
  });

  test("PDF download", async () => {
    signInAs(await actorFor("demo.school"));
    const res = await getPdf(new NextRequest("http://localhost/api/exports/requests.pdf?tab=todo&locale=fr"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="trms-requests-todo-${torontoDate(new Date())}.pdf"`);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });
});

describe("PDF", () => {
  test("English and French: bilingual title, criteria, every row in scope, page numbers on every page", async () => {
    const actor = await actorFor("demo.school");
    const expected = await db.transcriptRequest.count({ where: requestWhere(actor, search("tab=todo"), { withStatus: true }) });
    for (const [locale, title, pageWord] of [
      ["en", "Transcript Requests / Demandes de relevé de notes", "of"],
      ["fr", "Demandes de relevé de notes / Transcript Requests", "de"],
    ] as const) {
      const out = await requestsPdf({ actor, search: search("tab=todo&lastName=&sort=name&dir=asc"), locale, now: NOW });
      expect(out.pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(out).toMatchObject({ rows: expected, total: expected, capped: false });
      expect(pdfTitle(out.pdf)).toBe(title);
      const pages = pdfPageTexts(out.pdf);
      expect(pages).toHaveLength(out.pages);
      pages.forEach((text, i) => expect(text).toContain(`Page ${i + 1} ${pageWord} ${out.pages}`));
      expect(pages[0]).toContain(locale === "en" ? "Sorted by" : "Trié par");
      expect(pages[0]).toContain(locale === "en" ? "To Do" : "À traiter");
      expect(pages[0]).toContain(locale === "en" ? "Reference Number" : "Numéro de référence");
    }
  });

  test("carries the applicant's details as the CSV does, under headings never cut (French included)", async () => {
    const board = await actorFor("demo.board");
    const request = await db.transcriptRequest.findFirstOrThrow({
      where: { AND: [requestScope(board), { status: "ACTION_REQUIRED", oen: { not: null } }] },
      orderBy: { referenceNumber: "asc" },
      include: { destinations: { include: { college: true } }, applicant: true },
    });
    for (const locale of ["fr", "en"] as const) {
      const out = await requestsPdf({ actor: board, search: search(`status=ALL&referenceNumber=${request.referenceNumber}`), locale, now: NOW });
      expect(out.rows).toBe(1);
      const text = pdfPageTexts(out.pdf).join("\n").replace(/\s+/g, " ");
      // Every heading whole: no ellipsis anywhere, each label's words all there.
      expect(text).not.toContain("…");
      const headings =
        locale === "fr"
          ? [
              "Date demande",
              "Numéro de référence",
              "Type de demande",
              "Dernière année d'études",
              "Date d'envoi",
              "État de la demande",
              "Détails – Candidate ou candidat",
            ]
          : ["Request Date", "Reference Number", "Last Attended", "Send Date", "Applicant", "Details"];
      for (const heading of headings) for (const word of heading.split(" ").filter((w) => /\p{L}/u.test(w))) expect(text).toContain(word);
      expect(text).toContain(request.requestNumber);
      expect(text).toContain(request.oen!);

      expect(text).toContain(request.applicant.email);
      for (const d of request.destinations) expect(text).toContain(d.college.code);
      expect(text).toContain(locale === "fr" ? "Collèges" : "Colleges");
    }
  });

  test("respects scope, and says when it holds fewer rows than the search", async () => {
    const school2 = await actorFor("demo.school2");
    const other = await requestsPdf({ actor: school2, search: search("status=ALL"), locale: "en", now: NOW });
    expect(other.rows).toBe(await db.transcriptRequest.count({ where: requestScope(school2) }));
    expect(pdfPageTexts(other.pdf).join("\n")).not.toContain("REF-45454545");

    const school = await actorFor("demo.school");
    await db.transcriptRequest.update({ where: { referenceNumber: "REF-45454545" }, data: { firstName: "<b>Anaïs</b>", lastName: "Zoë 🎓" } });
    const mine = await requestsPdf({ actor: school, search: search("status=ALL&referenceNumber=REF-45454545"), locale: "en", now: NOW });
    expect(mine.rows).toBe(1);
    const text = pdfPageTexts(mine.pdf).join("\n");
    expect(text).toContain("REF-45454545");
    // Markup prints as text; Helvetica has no emoji, which becomes "?" rather than stray bytes.
    // (A cell may be drawn on two lines.)
    expect(text.replace(/\n/g, "")).toContain("<b>Ana\u00efs</b> Zo\u00eb ?");

    const capped = await requestsPdf({ actor: school, search: search("status=ALL"), locale: "fr", now: NOW, maxRows: 5 });
    expect(capped).toMatchObject({ rows: 5, total: await db.transcriptRequest.count({ where: requestScope(school) }), capped: true });
    expect(pdfPageTexts(capped.pdf)[0]).toContain("CSV");
  });
});

describe("20,000 rows", () => {
  const N = 20_000;
  const base = Date.parse("2020-06-01T16:00:00Z");
  const ref = (i: number) => `REF-B${String(i).padStart(7, "0")}`;

  beforeAll(async () => {
    // createMany runs at ~2,000 rows/s of CPU here (Prisma builds every row); one INSERT … SELECT takes a moment.
    const t = await db.transcriptRequest.findFirstOrThrow({ where: { school: { mident: "999996" } } });
    const columns = `"id", "referenceNumber", "requestNumber", "accountNumber", "applicantId", "schoolId", "boardId", "requestType", "paidAt",
      "sendOption", "lastAttended", "status", "tab", "statusChangedAt", "version", "firstName", "lastName", "firstNameFolded", "lastNameFolded",
      "createdAt", "updatedAt"`;
    // Newest first is i = 0, 1, 2, … (one minute apart).
    if (isPostgres(process.env.DATABASE_URL)) {
      await db.$executeRawUnsafe(
        `INSERT INTO "TranscriptRequest" (${columns})
         SELECT 'bulk' || lpad(i::text, 7, '0'), 'REF-B' || lpad(i::text, 7, '0'), 'B' || lpad(i::text, 9, '0'), $1, $2, $3, $4,
           'ORIGINAL'::"RequestType", TIMESTAMP '2020-06-01 16:00:00' - make_interval(mins => i), 'SEND_NOW'::"SendOption", '1999-01',
           'ACTION_REQUIRED'::"RequestStatus", 'TODO'::"RequestTab", now(), 0, 'Bulk', 'Row ' || i, 'bulk', 'row ' || i, now(), now()
         FROM generate_series(0, $5 - 1) AS i`,
        t.accountNumber,
        t.applicantId,
        t.schoolId,
        t.boardId,
        N,
      );
    } else {
      const at = (expr: string) => `strftime('%Y-%m-%dT%H:%M:%f+00:00', ${expr}, 'unixepoch')`;
      await db.$executeRawUnsafe(
        `INSERT INTO "TranscriptRequest" (${columns})
         WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1)
         SELECT 'bulk' || printf('%07d', i), 'REF-B' || printf('%07d', i), 'B' || printf('%09d', i), ?, ?, ?, ?,
           'ORIGINAL', ${at(`${base / 1000} - i * 60`)}, 'SEND_NOW', '1999-01', 'ACTION_REQUIRED', 'TODO', ${at("unixepoch()")}, 0,
           'Bulk', 'Row ' || i, 'bulk', 'row ' || i, ${at("unixepoch()")}, ${at("unixepoch()")}
         FROM n`,
        N,
        t.accountNumber,
        t.applicantId,
        t.schoolId,
        t.boardId,
      );
    }
    expect(await db.transcriptRequest.count({ where: { lastAttended: "1999-01" } })).toBe(N);
    const newest = await db.transcriptRequest.findUniqueOrThrow({ where: { referenceNumber: ref(0) } });
    expect(newest.paidAt.toISOString()).toBe(new Date(base).toISOString());
  });

  test("the CSV streams every row in order, batch by batch, with bounded memory", async () => {
    const actor = await actorFor("demo.admin");
    const options = { actor, search: search("status=ALL&lastAttended=1999-01"), locale: "en" as const, now: NOW };
    const keyset = isPostgres(process.env.DATABASE_URL);
    // Warm up first (the reader's first connection), then cancel: what is timed below is the export itself.
    const warmUp = requestsCsvStream(options).getReader();
    await warmUp.read();
    await warmUp.read();
    await warmUp.cancel();
    // PostgreSQL reads in keyset batches through the dashboard's pool: each batch is one statement, seen here.
    const batchReads: string[] = [];
    listenToDashboardSql((sql) => {
      if (sql.includes('FROM "TranscriptRequest"')) batchReads.push(sql);
    });
    const stream = requestsCsvStream(options);
    const reader = stream.getReader();
    const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const started = performance.now();
    let firstRowsAt: number | undefined;
    let readsAtFirstRows: number | undefined;
    let chunks = 0;
    let tail = "";
    let expected = 0;
    let outOfOrder = 0;
    let header: string | undefined;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks++;
        const lines = (tail + decoder.decode(value, { stream: true })).split("\r\n");
        tail = lines.pop()!;
        for (const line of lines) {
          if (header === undefined) {
            header = line;
            continue;
          }
          if (firstRowsAt === undefined) {
            firstRowsAt = performance.now() - started;
            // A moment for anything read ahead to show.
            await new Promise((resolve) => setTimeout(resolve, 50));
            readsAtFirstRows = batchReads.length;
          }
          if (line.split(",")[2] !== ref(expected)) outOfOrder++;
          expected++;
        }
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      }
    } finally {
      listenToDashboardSql(null);
    }
    const totalMs = performance.now() - started;
    expect(tail).toBe("");
    expect(header).toMatch(/^\ufeffRequest Date,Age,Reference Number,/);
    expect(expected).toBe(N);
    expect(outOfOrder).toBe(0);
    // Header, then one chunk per batch, each read as the client asks for it: an export read whole before its first
    // byte would send its first rows at the very end.
    expect(chunks).toBe(1 + Math.ceil(N / EXPORT_BATCH_SIZE));
    if (keyset) {
      // Its first rows were sent when one batch had been read (and at most one more, waiting in the stream's
      // queue), not twenty; the others were read one by one after.
      expect(readsAtFirstRows).toBeGreaterThanOrEqual(1);
      expect(readsAtFirstRows).toBeLessThanOrEqual(2);
      expect(batchReads.length).toBeGreaterThanOrEqual(Math.ceil(N / EXPORT_BATCH_SIZE));
    } else {
      // SQLite streams one statement: the first rows come long before the last.
      expect(batchReads).toEqual([]);
      expect(firstRowsAt!).toBeLessThan(totalMs / 2);
    }
    // Everything at once would hold ~20,000 rows of objects and text; a batch at a time holds one batch.
    expect(heapPeak - heapBefore).toBeLessThan(64 * 1024 * 1024);
    console.info(
      `CSV export of ${N} rows: ${Math.round(N / (totalMs / 1000))} rows/s, first rows after ${firstRowsAt!.toFixed(0)} ms, heap +${((heapPeak - heapBefore) / 1048576).toFixed(1)} MB`,
    );
  });
});
